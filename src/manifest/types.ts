/**
 * The public shapes of the manifest validator. Pure: no `vscode` import.
 * One validator serves the editor, the command-line linter and the sandbox.
 */
import type { ProblemCode } from './codes';

export type Severity = 'error' | 'warning' | 'information';

/** A place inside one line of the manifest. Offsets are UTF-16 code units into the line's text. */
export interface LineRange {
  /** 0-based line index in the manifest. */
  line: number;
  /** Start offset inside the line (inclusive). */
  start: number;
  /** End offset inside the line (exclusive); >= start and <= the line's length. */
  end: number;
}

export interface RelatedLocation extends LineRange {
  message: string;
}

/** One problem found in a manifest. */
export interface Problem extends LineRange {
  severity: Severity;
  /** Stable code: the service's own (ERROR_INVALID_BOUNDING_BOX, ...) or ours (CL_...). */
  code: ProblemCode;
  /** What is wrong and what to do about it, in one or two sentences. */
  message: string;
  /**
   * 'line': about this line's own content. 'file': a whole-file rule
   * (duplicates, buckets, quotas, invalid share) reported at a line.
   */
  scope: 'line' | 'file';
  /** Other places that belong to this problem (the other line of a duplicate, ...). */
  related?: RelatedLocation[];
  /** Machine-readable details a quick fix needs (attribute name, annotation index, ...). */
  data?: Record<string, unknown>;
}

/** What one valid-enough line holds, as the whole-file rules and the sandbox need it. */
export interface EntrySummary {
  /** The `source-ref` value when it is a string. */
  sourceRef?: string;
  /** The bucket of a well-formed `s3://bucket/key` source-ref. */
  bucket?: string;
  /** Label attribute names found on the line (keys with a matching `-metadata`). */
  attributes: string[];
  /** Every label (class-name or class-map value) the line assigns, without duplicates. */
  labels: string[];
  /** Number of bounding boxes over all detection attributes. */
  boxes: number;
  /** Label names with the number of boxes each, for detection lines. */
  boxLabels?: Record<string, number>;
  /** True when the line carries at least one label. */
  labeled: boolean;
}

/** The result of validating one line on its own (no whole-file rules). */
export interface LineResult {
  problems: Problem[];
  /** Undefined when the line is not a JSON object. */
  entry?: EntrySummary;
  /**
   * True when the service would silently drop this line (invalid JSON, missing or
   * malformed source-ref, line over 100,000 characters): it never reaches the dataset.
   */
  dropped: boolean;
}

export interface ManifestStats {
  lines: number;
  /** Non-blank lines. */
  entries: number;
  /**
   * Lines with terminal content errors: the service drops them at import without reporting them
   * (invalid JSON, source-ref missing or malformed, over 100,000 characters, a repeated
   * source-ref after its first line). Above 20% of `lines`, CreateDataset / UpdateDatasetEntries
   * fails with ERROR_TOO_MANY_RECORDS_IN_ERROR.
   */
  terminalLines: number;
  /** terminalLines / lines * 100, 0 for an empty file. */
  terminalPercent: number;
  /**
   * Lines imported with non-terminal errors: they are stored with their errors and never fail an
   * import, but are not used for training; too many fail training with
   * ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST.
   */
  nonTerminalLines: number;
  /** nonTerminalLines / (lines - terminalLines) * 100: their share of the lines the service imports. */
  nonTerminalPercent: number;
  /** Lines with an error of either kind (terminalLines + nonTerminalLines). */
  invalidLines: number;
  /** invalidLines / lines * 100, 0 for an empty file. */
  invalidPercent: number;
  /** Distinct labels with the number of lines that use each. */
  labels: Map<string, number>;
  /** Distinct buckets with the number of lines in each. */
  buckets: Map<string, number>;
  errors: number;
  warnings: number;
}

export interface ValidateOptions {
  /** Per-code severity override; 'off' removes the problem. */
  severityOverrides?: Partial<Record<string, Severity | 'off'>>;
}
