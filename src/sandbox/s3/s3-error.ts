/** An S3 error answer: its code, message, HTTP status, the extra elements of its XML body and headers. */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: ReadonlyArray<[string, string | number]> = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
