/**
 * Command-line entry: `custom-labels lint FILE... [--format text|json|sarif|github]` (reporters.ts). Streams each file through the same
 * validator as the editor, printing each problem as it is found: memory does not grow with the
 * number of problems. Exit 0: no errors; 1: errors found; 2: usage error or unreadable file.
 * Loads nothing but the validator (no AWS SDK, no vscode); the other commands and the image
 * checks are imported when asked for (their code, in the bundle, is not run before: a plain
 * `lint` starts without the converters' XML parser or the image readers).
 */
import { stat } from 'fs/promises';
import { fileLineBatchesBlocking, lineBatches, validateStream, type LineBatch, type Problem } from '../manifest';
import { addStats, emptyTotals, escapeControls } from './format';
import { isLintFormat, LINT_FORMATS, reporterFor, type LintedFile, type LintFormat, type Printed } from './reporters';
import { DEFAULT_CACHE_FILE } from './cache-name';
import type { Io } from './io';

export type { Io } from './io';

/** What a file is called in the output when it is standard input. */
export const STDIN_NAME = '<stdin>';

export const USAGE = `Usage: custom-labels lint FILE... [--format FORMAT] [--check-images [--images-dir DIR] [--check-truncation] [--cache [--cache-location FILE]]]

Checks Amazon Rekognition Custom Labels manifests (SageMaker Ground Truth JSON Lines) against the
service's rules: JSON, source-ref, classification and bounding-box labels, duplicates, buckets,
quotas, and the two shares of lines with errors: dropped at import (terminal content errors; the
import fails above 20%) and imported with errors (not used for training; too many fail training).
Files are streamed, so 1 GB manifests are fine. FILE "-" reads standard input.

Prints one line per problem as it is found, "file:line:col severity CODE message" (1-based),
then the whole-file problems of that file, then a summary.
  --format FORMAT
              text    the default, as above
              json    JSON Lines: one {"type":"problem",...} per problem, a {"type":"file",...}
                      record with each file's statistics, {"type":"unreadable",...} for a file
                      that cannot be read, and a {"type":"summary",...} record last
              sarif   one SARIF 2.1.0 log (code scanning): a result per problem, a rule per
                      code; the summary and unreadable files also on standard error
              github  GitHub Actions annotations: "::error file=F,line=L,col=C,...::message"
                      (warning, notice), then the summary
  --json      the same as --format json
  --check-images
              also read each line's image (one ranged GET of its first 16 KiB; a file in
              --images-dir also its last bytes): PNG or JPEG, 64 to 4096 px a side, at most 15 MB,
              aspect ratio at most 20:1, image_size and boxes against the real size. From
              S3 (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_S3), or with --images-dir DIR
              from DIR/bucket/key
  --check-truncation
              with --check-images: also read the last bytes of each image on S3 larger than
              the first read, to find truncated files (one more GET per image)
  --cache     with --check-images: keep what was read of each image in a file, and on the
              next run read again only the images whose ETag changed (S3: HeadObject only,
              no GetObject, for the others)
  --cache-location FILE
              the cache file, or a folder to hold it (default: ${DEFAULT_CACHE_FILE}
              in the current folder)
  -h, --help  show this help

Exit status: 0 no errors (warnings allowed), 1 errors found (an empty file is one), 2 usage error or
unreadable file.

Other commands (each with --help):
  custom-labels convert FORMAT INPUT... [--images s3://bucket/prefix/] [-o FILE]
  custom-labels check-training TRAIN [TEST]
  custom-labels health TRAIN [TEST] [--images-dir DIR] [--json]
`;

/**
 * Gathers output into large writes (one per ~64 KB, not one per problem), and holds the reading
 * back while standard output is behind (a slow pipe would otherwise queue every problem in memory).
 */
class Output {
  private buffer: string[] = [];
  private size = 0;
  private behind = false;
  constructor(private readonly io: Io) {}

  /** Waits until what was written has gone out. */
  async ready(): Promise<void> {
    if (!this.behind) return;
    this.behind = false;
    if (this.io.drain) await this.io.drain();
  }

  /** `batches`, each read only once the output of the ones before has gone out. */
  async *paced<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const b of batches) {
      yield b;
      await this.ready();
    }
  }

  line(text: string): void {
    this.buffer.push(text);
    this.size += text.length + 1;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buffer.length === 0) return;
    if (this.io.out(this.buffer.join('\n') + '\n') === false) this.behind = true;
    this.buffer = [];
    this.size = 0;
  }
}

export async function main(args: string[], io: Io): Promise<number> {
  if (args[0] === 'convert') return (await import('./convert-command')).runConvert(args.slice(1), io);
  if (args[0] === 'check-training') return (await import('./check-training-command')).runCheckTraining(args.slice(1), io);
  if (args[0] === 'health') return (await import('./health-command')).runHealth(args.slice(1), io);
  const dirAt = args.indexOf('--images-dir');
  const imagesDir = dirAt >= 0 ? args[dirAt + 1] : undefined;
  if (dirAt >= 0 && (!imagesDir || imagesDir.startsWith('-'))) {
    io.err(`custom-labels: --images-dir needs a folder.\n\n${USAGE}`);
    return 2;
  }
  if (dirAt >= 0) args = [...args.slice(0, dirAt), ...args.slice(dirAt + 2)];
  const formatAt = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  let format: LintFormat | undefined;
  if (formatAt >= 0) {
    const given = args[formatAt] === '--format' ? args[formatAt + 1] : args[formatAt].slice('--format='.length);
    if (given === undefined || !isLintFormat(given)) {
      io.err(`custom-labels: --format takes one of ${LINT_FORMATS.join(', ')}${given === undefined ? '' : ` (not "${escapeControls(given)}")`}.\n\n${USAGE}`);
      return 2;
    }
    format = given;
    args = [...args.slice(0, formatAt), ...args.slice(formatAt + (args[formatAt] === '--format' ? 2 : 1))];
  }
  const cacheAt = args.indexOf('--cache-location');
  const cacheLocation = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
  if (cacheAt >= 0 && (!cacheLocation || cacheLocation.startsWith('-'))) {
    io.err(`custom-labels: --cache-location needs a file or folder.\n\n${USAGE}`);
    return 2;
  }
  if (cacheAt >= 0) args = [...args.slice(0, cacheAt), ...args.slice(cacheAt + 2)];
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  const rest = args.filter((a) => !a.startsWith('-') || a === '-');
  if (flags.includes('--help') || flags.includes('-h') || args.length === 0) {
    (args.length === 0 ? io.err : io.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const unknown = flags.filter((f) => f !== '--json' && f !== '--check-images' && f !== '--cache' && f !== '--check-truncation');
  if (unknown.length > 0) {
    io.err(`custom-labels: unknown option ${escapeControls(unknown.join(', '))}.\n\n${USAGE}`);
    return 2;
  }
  const [command, ...files] = rest;
  if (command !== 'lint') {
    io.err(`custom-labels: unknown command "${escapeControls(command ?? '')}"; the commands are "lint", "convert", "check-training" and "health".\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`custom-labels: "lint" needs at least one manifest file.\n\n${USAGE}`);
    return 2;
  }
  if (flags.includes('--json')) {
    if (format !== undefined && format !== 'json') {
      io.err(`custom-labels: --json is --format json; it cannot go with --format ${format}.\n\n${USAGE}`);
      return 2;
    }
    format = 'json';
  }
  const imageChecks = flags.includes('--check-images') ? await import('./check-images') : undefined;
  const images = imageChecks?.imageSourceFor({ imagesDir, env: process.env });
  if (imagesDir && !images) {
    io.err(`custom-labels: --images-dir goes with --check-images.\n\n${USAGE}`);
    return 2;
  }
  const readEnds = flags.includes('--check-truncation');
  if (readEnds && !images) {
    io.err(`custom-labels: --check-truncation goes with --check-images.\n\n${USAGE}`);
    return 2;
  }
  const caching = flags.includes('--cache');
  if (caching && !images) {
    io.err(`custom-labels: --cache goes with --check-images (it keeps what was read of the images).\n\n${USAGE}`);
    return 2;
  }
  if (cacheLocation !== undefined && !caching) {
    io.err(`custom-labels: --cache-location goes with --cache.\n\n${USAGE}`);
    return 2;
  }
  const cacheFiles = caching ? await import('./image-cache-file') : undefined;
  const cachePath = cacheFiles ? await cacheFiles.cacheFile(cacheLocation) : undefined;
  const imageCache = cacheFiles && cachePath ? await cacheFiles.loadImageCache(cachePath) : undefined;

  const out = new Output(io);
  const report = reporterFor(format ?? 'text');
  const print = (p: Printed): void => {
    if (p.out !== undefined) out.line(p.out);
    if (p.err !== undefined) {
      out.flush();
      io.err(p.err);
    }
  };
  const totals = emptyTotals();
  let failures = 0;
  print(report.begin());
  for (const file of files) {
    const linted: LintedFile = file === '-' ? { name: STDIN_NAME } : { name: file, path: file };
    const sink = (p: Problem): void => out.line(report.problem(linted, p));
    try {
      const stats = await validateStream(out.paced(await open(file, io)), undefined, sink);
      // --check-images: the image problems of the file after its own (a file read again; not standard input).
      if (imageChecks && images && file !== '-') {
        const checked = await imageChecks.checkFileImages(file, images, imageCache, readEnds);
        if (checked.unavailable !== undefined) {
          // The file was checked; its images could not be (S3 did not answer): said once, exit 2.
          failures++;
          print(report.unreadable(linted, `the images of "${linted.name}" cannot be checked: ${checked.unavailable}`));
        }
        for (const p of checked.problems) {
          sink(p);
          if (p.severity === 'error') stats.errors++;
          else if (p.severity === 'warning') stats.warnings++;
        }
      }
      addStats(totals, stats);
      print(report.fileDone(linted, stats));
    } catch (e) {
      failures++;
      // What was printed of the file stays: its lines were read and checked.
      print(report.unreadable(linted, `cannot read "${linted.name}": ${describeError(e)}`));
    }
  }
  images?.dispose();
  if (cacheFiles && cachePath && imageCache) {
    try {
      await cacheFiles.saveImageCache(cachePath, imageCache);
    } catch (e) {
      // The check itself is done: its result stands, the next run reads the images again.
      out.flush();
      io.err(`custom-labels: the image cache could not be written to ${escapeControls(cachePath)} (${describeError(e)}); the next run reads every image again. Check that the folder is writable, or pass --cache-location.\n`);
    }
  }
  print(report.end(totals, failures));
  out.flush();
  await out.ready();
  if (failures > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

async function open(file: string, io: Io): Promise<AsyncIterable<LineBatch>> {
  if (file === '-') {
    if (!io.stdin) throw Object.assign(new Error('standard input is not available'), { code: 'ENOSTDIN' });
    return lineBatches(io.stdin);
  }
  const info = await stat(file);
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  // A process of its own: blocking reads cost less than a stream's (lines.ts).
  return fileLineBatchesBlocking(file);
}

function describeError(e: unknown): string {
  const code = (e as { code?: string })?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file; check the path.';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file permissions.';
    case 'EISDIR':
    case 'ENOTFILE':
      return 'not a file (a directory?); pass manifest files.';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    // Read only for the file "-": opening standard input costs a stream set up (~3 ms) that a lint of files never uses.
    get stdin() {
      return process.stdin;
    },
    drain: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`custom-labels: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
