/**
 * `custom-labels check-training TRAIN [TEST] [--json]`: predicts the training-time failures of a
 * training manifest (and its test manifest) before training is paid for.
 * Exit 0: no errors predicted (warnings allowed); 1: errors predicted; 2: usage error or unreadable file.
 */
import { stat } from 'fs/promises';
import { fileLines } from '../manifest';
import { checkTraining, textReport, type TrainingReport } from '../training';
import type { Io } from './io';

export const CHECK_TRAINING_USAGE = `Usage: custom-labels check-training TRAIN [TEST] [--json]

Predicts the errors training would fail with: an empty manifest (said alone, as the service
does); the manifest summary's terminal content errors: over 250,000 lines, too many lines with
terminal content errors (not JSON, no valid source-ref), too few labels or usable labels, too
few training labels in the test manifest, too many labels, too many invalid lines, images in
several buckets, too few images per label to split off a test set when there is no TEST
manifest; and warns when an image is in both manifests.
  --json      print one JSON document instead

Exit status: 0 no errors predicted, 1 errors predicted, 2 usage error or unreadable file.
`;

export async function runCheckTraining(args: string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(CHECK_TRAINING_USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length === 0 || files.length > 2) {
    const why = unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : files.length === 0 ? 'needs a TRAIN manifest' : 'takes at most two manifests (TRAIN and TEST)';
    io.err(`custom-labels check-training: ${why}.\n\n${CHECK_TRAINING_USAGE}`);
    return 2;
  }
  for (const f of files) {
    try {
      if (!(await stat(f)).isFile()) throw new Error('not a file (a directory?)');
    } catch (e) {
      io.err(`custom-labels check-training: cannot read "${f}": ${(e as { code?: string }).code === 'ENOENT' ? 'no such file; check the path.' : e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  const [train, test] = files;
  const report = await checkTraining(fileLines(train), test === undefined ? undefined : fileLines(test));
  if (args.includes('--json')) io.out(JSON.stringify(jsonReport(report, train, test), null, 2) + '\n');
  else io.out(textReport(report, train, test));
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function jsonReport(report: TrainingReport, train: string, test?: string) {
  const summary = (p: TrainingReport['train']) => ({
    lines: p.lines,
    dropped: p.dropped,
    imported: p.imported,
    invalid: p.invalid,
    labels: p.labels.size,
    buckets: [...p.buckets.keys()],
  });
  return {
    train,
    test: test ?? null,
    modelType: report.modelType,
    modelTypeReason: report.modelTypeReason,
    findings: report.findings,
    datasets: { train: summary(report.train), test: report.test ? summary(report.test) : null },
  };
}
