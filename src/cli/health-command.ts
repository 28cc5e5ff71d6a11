/**
 * `custom-labels health TRAIN [TEST] [--images-dir DIR] [--json] [--cache [--cache-location PATH]]`: dataset health (src/health)
 * over a training manifest and its test manifest: each image read once (from DIR/bucket/key, or
 * from S3 with the SDK's environment, as `lint --check-images`) and decoded once, then the
 * findings, each with its code, numbers, what to do and the 1-based lines of each file. With
 * --cache, the fingerprints are kept in a file (health's fingerprint-cache-file.ts; the location as
 * lint's --cache-location, default DEFAULT_HEALTH_CACHE_FILE): a later run reads no unchanged image.
 * Exit 1 when the training and the test dataset share an image (exact or near); 2 on a usage
 * error, a manifest that cannot be read, or images that cannot be reached at all; 0 otherwise.
 */
import { stat } from 'fs/promises';
import { LocalCodes, fileLines } from '../manifest';
import { ImageReadError } from '../images';
import { checkHealth, decoderProblem, healthLines, loadFingerprintCache, readImages, saveFingerprintCache, type DatasetName, type HealthFinding, type HealthReport, type ImageLocation } from '../health';
import { imageSourceFor } from './check-images';
import { DEFAULT_HEALTH_CACHE_FILE } from './cache-name';
import { escapeControls } from './format';
import type { Io } from './io';

export const HEALTH_USAGE = `Usage: custom-labels health TRAIN [TEST] [--images-dir DIR] [--json] [--cache [--cache-location PATH]]

Dataset health: reads each image of the manifests once (a small gray thumbnail, its dHash and
the SHA-256 of its bytes) and reports what no line rule sees: the same image under several
source-refs, images that look the same (re-encoded, resized, slightly cropped), an image in both
TRAIN and TEST (exact or near: a leak), images and boxes per label against the service's
minimums and the imbalance ratio, labels only in TEST, labels too thin for the 80/20 split,
boxes under 1 px or a few px at the service's 1280 px scale or covering the whole image, images
near the 50-box limit, image sizes and aspect ratios against the limits.
  --images-dir DIR  read s3://bucket/key from DIR/bucket/key (else from S3: AWS_PROFILE,
                    AWS_REGION, AWS_ENDPOINT_URL_S3)
  --json            JSON Lines: a {"type":"finding",...} record per finding (code, severity,
                    message, action, numbers, files: [{file, dataset, lines}]), a
                    {"type":"summary",...} record last
  --cache           keep each image's fingerprint in a file, by bucket, key and ETag: a later
                    run reads no unchanged image (a HEAD or a stat only)
  --cache-location PATH
                    the cache file, or a folder to hold it (default: ${DEFAULT_HEALTH_CACHE_FILE}
                    in the current folder)

Exit status: 0 no image shared by TRAIN and TEST, 1 an image (or a look-alike) in both, 2 usage
error, unreadable manifest, or images that cannot be reached.
`;

const LEAKS: ReadonlySet<string> = new Set([LocalCodes.HEALTH_TRAIN_TEST_LEAK, LocalCodes.HEALTH_NEAR_TRAIN_TEST_LEAK]);

export async function runHealth(args: string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(HEALTH_USAGE);
    return 0;
  }
  const usage = (why: string) => {
    io.err(`custom-labels health: ${why}.\n\n${HEALTH_USAGE}`);
    return 2;
  };
  const cacheAt = args.indexOf('--cache-location');
  const cacheLocation = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
  if (cacheAt >= 0 && (!cacheLocation || cacheLocation.startsWith('-'))) return usage('--cache-location needs a file or folder');
  if (cacheAt >= 0) args = [...args.slice(0, cacheAt), ...args.slice(cacheAt + 2)];
  const dirAt = args.indexOf('--images-dir');
  const imagesDir = dirAt >= 0 ? args[dirAt + 1] : undefined;
  if (dirAt >= 0 && (!imagesDir || imagesDir.startsWith('-'))) return usage('--images-dir needs a folder');
  const rest = dirAt >= 0 ? [...args.slice(0, dirAt), ...args.slice(dirAt + 2)] : args;
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '--json' && a !== '--cache');
  const files = rest.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0) return usage(`unknown option ${escapeControls(unknown.join(', '))}`);
  if (files.length === 0) return usage('needs a TRAIN manifest');
  if (files.length > 2) return usage('takes at most two manifests (TRAIN and TEST)');
  const json = rest.includes('--json');
  const caching = rest.includes('--cache');
  if (cacheLocation !== undefined && !caching) return usage('--cache-location goes with --cache');

  const texts: string[][] = [];
  for (const f of files) {
    try {
      if (!(await stat(f)).isFile()) throw Object.assign(new Error('not a file (a directory?); pass manifest files.'), { code: 'ENOTFILE' });
      const lines: string[] = [];
      for await (const l of fileLines(f)) lines.push(l);
      texts.push(lines);
    } catch (e) {
      const code = (e as { code?: string }).code;
      io.err(`custom-labels health: cannot read "${escapeControls(f)}": ${code === 'ENOENT' ? 'no such file; check the path.' : e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  const decoder = decoderProblem();
  if (decoder) {
    io.err(`custom-labels health: ${decoder}\n`);
    return 2;
  }
  const [train, test] = texts as [string[], string[] | undefined];
  const locations: ImageLocation[] = [];
  for (const lines of texts) for (const l of healthLines(lines)) if (l.location) locations.push(l.location);
  const cachePath = caching ? await (await import('./image-cache-file')).cacheFile(cacheLocation, DEFAULT_HEALTH_CACHE_FILE) : undefined;
  const cache = cachePath ? await loadFingerprintCache(cachePath) : undefined;
  let imagesRead = 0;
  const source = imageSourceFor({ imagesDir, env: process.env });
  let report: HealthReport;
  try {
    // Progress on standard error every 1,000 images (a large dataset takes minutes).
    const images = await readImages(locations, source, {
      ...(cache ? { cache } : {}),
      onRead: () => imagesRead++,
      onProgress: (done, total) => done % 1000 === 0 && done < total && io.err(`custom-labels health: ${done} of ${total} images read\n`),
    });
    report = await checkHealth({ train, ...(test ? { test } : {}), images });
  } catch (e) {
    if (!(e instanceof ImageReadError)) throw e;
    io.err(`custom-labels health: the images cannot be read from ${source.where}: ${e.message}\n`);
    return 2;
  } finally {
    source.dispose();
  }
  if (cachePath && cache && imagesRead > 0) {
    try {
      await saveFingerprintCache(cachePath, cache);
    } catch (e) {
      io.err(`custom-labels health: the fingerprint cache could not be written to ${escapeControls(cachePath)} (${escapeControls(e instanceof Error ? e.message : String(e))}); the next run reads every image again. Check that the folder is writable, or pass --cache-location.\n`);
    }
  }
  const names: Record<DatasetName, string> = { train: files[0]!, test: files[1] ?? '' };
  if (json) {
    for (const f of report.findings) io.out(JSON.stringify(jsonFinding(f, names)) + '\n');
    io.out(JSON.stringify({ type: 'summary', ...summary(report, names) }) + '\n');
  } else {
    io.out(textReport(report, names));
  }
  return report.findings.some((f) => LEAKS.has(f.code)) ? 1 : 0;
}

function jsonFinding(f: HealthFinding, names: Record<DatasetName, string>) {
  return {
    type: 'finding',
    code: f.code,
    severity: f.severity,
    message: f.message,
    action: f.action,
    numbers: f.numbers,
    files: (['train', 'test'] as const).filter((d) => f.lines[d]).map((d) => ({ file: names[d], dataset: d, lines: f.lines[d] })),
  };
}

function summary(report: HealthReport, names: Record<DatasetName, string>) {
  const count = (s: HealthFinding['severity']) => report.findings.filter((f) => f.severity === s).length;
  return {
    datasets: (['train', 'test'] as const).filter((d) => report.images[d]).map((d) => ({ file: names[d], dataset: d, ...report.images[d]! })),
    errors: count('error'),
    warnings: count('warning'),
    information: count('info'),
    threshold: report.threshold,
  };
}

/** "FILE:LINES severity CODE message", its "what to do", then a summary line. Lines shown: the first 20 of each file. */
function textReport(report: HealthReport, names: Record<DatasetName, string>): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const where = (['train', 'test'] as const)
      .filter((d) => f.lines[d])
      .map((d) => {
        const ls = f.lines[d]!;
        return ls.length === 0 ? escapeControls(names[d]) : `${escapeControls(names[d])}:${ls.slice(0, 20).join(',')}${ls.length > 20 ? `,... (${ls.length} lines)` : ''}`;
      });
    out.push(`${where.join(' + ')}: ${f.severity === 'info' ? 'information' : f.severity} ${f.code} ${escapeControls(f.message)}`);
    out.push(`  what to do: ${escapeControls(f.action)}`);
  }
  const s = summary(report, names);
  const sets = s.datasets.map((d) => `${d.dataset === 'train' ? 'training' : 'test'} ${d.images} image${d.images === 1 ? '' : 's'} (${d.fingerprinted} read)`).join(', ');
  out.push(`health: ${sets}; ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.information} information; near-duplicates within ${s.threshold} of 64 dHash bits`);
  return out.join('\n') + '\n';
}
