/**
 * Command-line entry: `custom-labels lint FILE... [--json]`. Streams each file through the same
 * validator as the editor. Exit 0: no errors; 1: errors found; 2: usage error or unreadable file.
 * Loads nothing but the validator (no AWS SDK, no vscode).
 */
import { stat } from 'fs/promises';
import { validateLines } from '../manifest';
import { runCheckTraining } from './check-training-command';
import { runConvert } from './convert-command';
import { jsonDocument, problemLine, summaryLine, totalsOf, type FileReport } from './format';
import { readLines } from './read-lines';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: custom-labels lint FILE... [--json]

Checks Amazon Rekognition Custom Labels manifests (SageMaker Ground Truth JSON Lines) against the
service's rules: JSON, source-ref, classification and bounding-box labels, duplicates, buckets,
quotas and the 20% invalid-line threshold. Files are streamed, so 1 GB manifests are fine.

Prints one line per problem, "file:line:col CODE message" (1-based), then a summary.
  --json      print one JSON document instead
  -h, --help  show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.

Other commands (each with --help):
  custom-labels convert FORMAT INPUT... [--images s3://bucket/prefix/] [-o FILE]
  custom-labels check-training TRAIN [TEST]
`;

export async function main(args: string[], io: Io): Promise<number> {
  if (args[0] === 'convert') return runConvert(args.slice(1), io);
  if (args[0] === 'check-training') return runCheckTraining(args.slice(1), io);
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  const rest = args.filter((a) => !a.startsWith('-') || a === '-');
  if (flags.includes('--help') || flags.includes('-h') || args.length === 0) {
    (args.length === 0 ? io.err : io.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const unknown = flags.filter((f) => f !== '--json');
  if (unknown.length > 0) {
    io.err(`custom-labels: unknown option ${unknown.join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  const [command, ...files] = rest;
  if (command !== 'lint') {
    io.err(`custom-labels: unknown command "${command ?? ''}"; the commands are "lint", "convert" and "check-training".\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`custom-labels: "lint" needs at least one manifest file.\n\n${USAGE}`);
    return 2;
  }
  const json = flags.includes('--json');

  const reports: FileReport[] = [];
  const failures: { file: string; message: string }[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
      const { problems, stats } = await validateLines(readLines(file));
      const report = { file, problems, stats };
      reports.push(report);
      if (!json && problems.length > 0) io.out(problems.map((p) => problemLine(file, p)).join('\n') + '\n');
    } catch (e) {
      const message = `cannot read "${file}": ${describeError(e)}`;
      failures.push({ file, message });
      if (!json) io.err(`custom-labels: ${message}\n`);
    }
  }

  const totals = totalsOf(reports);
  if (json) io.out(JSON.stringify(jsonDocument(reports, failures), null, 2) + '\n');
  else io.out(summaryLine(totals, failures.length) + '\n');
  if (failures.length > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
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
