/** Where a CLI command writes and reads: standard output, standard error, standard input. */
export interface Io {
  /** Writes to standard output; false when the text was queued (wait for drain() then). */
  out(text: string): unknown;
  err(text: string): void;
  /** Resolves once queued output has been written (standard output's 'drain'). */
  drain?(): Promise<void>;
  /** Standard input, for the file "-". */
  stdin?: AsyncIterable<Uint8Array>;
}
