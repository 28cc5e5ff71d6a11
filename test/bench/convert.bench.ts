/**
 * Benchmark of `custom-labels convert` where users wait (issue #22), each figure with its
 * baseline in the same run, as ratios of paired rounds (each round runs the baseline and the
 * converter back to back, child processes both; the ratio of each pair, then the median):
 *  1. `convert csv` on 250,000 rows vs AWS's custom_labels_csv_to_manifest.py on the same CSV:
 *     CPU time (target <= 0.5x the script's) and peak memory (target < 100 MB max RSS).
 *  2. `convert csv` on 250,000 rows x 12 labels (~600 MB of manifest): it converts (exit 0, every
 *     row written), with its CPU time and peak memory, the script's beside it.
 *  3. `convert coco` on 50,000 images / ~200,000 boxes vs a process that only reads and parses
 *     the same file (readFile, decode, JSON.parse): peak memory (target <= 2x; a COCO file must be
 *     parsed whole, so the parse is the floor).
 * The script's baseline: AWS's script (awsdocs/aws-doc-sdk-examples,
 * python/example_code/rekognition/custom_labels_csv_to_manifest.py, Apache-2.0) is not copied
 * here. PY_BASELINE below is our own reproduction of its CSV-to-manifest logic (standard library
 * only: the duplicate check writing its -deduplicated/-duplicates files and removing them, then
 * csv.reader with quotechar '|', one dict per row, json.dumps per line, datetime.now per label),
 * written to the temp folder at bench time and run with python3, with the script's command line
 * (csv_file --s3_path S3_PATH); skipped with a note when there is no python3. BENCH_PY_SCRIPT:
 * run that file instead (e.g. the script itself; the figures then include its logging).
 * Times are CPU time (user + system) of the child process; memory is its peak resident set (max
 * RSS): test/bench/max-rss.js for Node, resource.getrusage for Python (a wrapper running the
 * script), each written to MAX_RSS_FILE. Files are written under the OS temp folder and deleted
 * at the end. `npm run bench`.
 * BENCH_CONVERT_ONLY=csv,wide,coco: the parts to run (default all).
 * BENCH_CLI: a CLI bundle to measure instead of this tree's dist/cli.js (e.g. an older build, for "before").
 */
import { spawnSync } from 'child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CSV_LABELS, csvRow, seeded } from './generate';

const ROOT = path.join(__dirname, '..', '..');
const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 250_000);
const COCO_IMAGES = Number(process.env.BENCH_COCO_IMAGES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_CONVERT_REPS ?? 3);
const MAX_RSS = path.join(ROOT, 'test', 'bench', 'max-rss.js');

const PY_BASELINE = String.raw`
# Written by the bench (test/bench/convert.bench.ts): the CSV-to-manifest logic of AWS's
# custom_labels_csv_to_manifest.py, reproduced (not copied) for a same-run baseline.
import csv, json, os, sys
from datetime import datetime, timezone

def check_duplicates(csv_file, dedup_file, dups_file):
    found = False
    with open(csv_file, newline="", encoding="UTF-8") as f, open(dedup_file, "w", encoding="UTF-8") as dedup, open(dups_file, "w", encoding="UTF-8") as dups:
        dw, uw = csv.writer(dedup), csv.writer(dups)
        seen = set()
        for row in csv.reader(f, delimiter=","):
            if not "".join(row).strip():
                continue
            if row[0] not in seen:
                dw.writerow(row)
                seen.add(row[0])
            else:
                uw.writerow(row)
                found = True
    if not found:
        os.remove(dups_file)
        os.remove(dedup_file)
    return found

def create_manifest(csv_file, manifest_file, s3_path):
    with open(csv_file, newline="", encoding="UTF-8") as f, open(manifest_file, "w", encoding="UTF-8") as out:
        for row in csv.reader(f, delimiter=",", quotechar="|"):
            line = {"source-ref": str(s3_path) + row[0]}
            for label in row[1:]:
                if label == "":
                    continue
                line[label] = 1
                line[label + "-metadata"] = {
                    "confidence": 1, "job-name": "labeling-job/" + label, "class-name": label, "human-annotated": "yes",
                    "creation-date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f"),
                    "type": "groundtruth/image-classification",
                }
            out.write(json.dumps(line))
            out.write("\n")

# The script's command line: csv_file [--s3_path S3_PATH]; the manifest beside the CSV.
csv_file = sys.argv[1]
s3_path = sys.argv[sys.argv.index("--s3_path") + 1] if "--s3_path" in sys.argv else ""
name = os.path.splitext(csv_file)[0]
if not check_duplicates(csv_file, name + "-deduplicated.csv", name + "-duplicates.csv"):
    create_manifest(csv_file, name + ".manifest", s3_path)
`;

/** Runs a Python script (argv[1], its arguments after it) and writes its peak memory and CPU time to MAX_RSS_FILE. */
const PY_USAGE = String.raw`
import os, resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    u = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.environ["MAX_RSS_FILE"], "w") as f:
        f.write("max-rss-kb %d cpu-us %d\n" % (u.ru_maxrss, int((u.ru_utime + u.ru_stime) * 1e6)))
`;

interface Run {
  ms: number;
  rssMb: number;
  status: number | null;
  stderr: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a child process and reads its CPU time and peak memory from the line it writes at exit (MAX_RSS_FILE). */
function measure(command: string, args: string[]): Run {
  const usage = path.join(tmpdir(), `cl-bench-usage-${process.pid}.txt`);
  rmSync(usage, { force: true });
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MAX_RSS_FILE: usage } });
  const m = /max-rss-kb (\d+) cpu-us (\d+)/.exec(existsSync(usage) ? readFileSync(usage, 'utf8') : '');
  rmSync(usage, { force: true });
  if (!m) throw new Error(`${path.basename(command)} ${args.slice(-4).join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-800)}`);
  return { ms: Number(m[2]) / 1000, rssMb: Number(m[1]) / 1024, status: r.status, stderr: r.stderr ?? '' };
}

const LABELS = CSV_LABELS;

/** A CSV of `rows` distinct images, `perRow` labels each (1-3 when undefined), written as a stream. */
async function writeCsv(file: string, rows: number, perRow?: number): Promise<void> {
  const rnd = seeded(7);
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += csvRow(i, rnd, perRow);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('close', () => resolve()));
}

/** A COCO file: `images` images of 1280x960 with ~4 boxes each, 16 categories. */
function writeCoco(file: string, images: number): number {
  const rnd = seeded(11);
  const parts: string[] = [];
  let boxes = 0;
  const ann: string[] = [];
  for (let i = 1; i <= images; i++) {
    parts.push(JSON.stringify({ id: i, file_name: `coco/${i.toString().padStart(7, '0')}.jpg`, width: 1280, height: 960, date_captured: '2013-11-15 02:41:42', license: 1, coco_url: `http://images.example/${i}.jpg` }));
    const n = Math.floor(rnd() * 9);
    for (let k = 0; k < n; k++) {
      const w = 20 + Math.floor(rnd() * 400);
      const h = 20 + Math.floor(rnd() * 300);
      const x = Math.floor(rnd() * (1280 - w));
      const y = Math.floor(rnd() * (960 - h));
      ann.push(JSON.stringify({ id: ++boxes, image_id: i, category_id: 1 + Math.floor(rnd() * LABELS.length), bbox: [x, y, w, h], area: w * h, iscrowd: 0, segmentation: [[x, y, x + w, y, x + w, y + h, x, y + h]] }));
    }
  }
  const categories = LABELS.map((name, k) => JSON.stringify({ id: k + 1, name, supercategory: 'thing' }));
  writeFileSync(file, `{"info":{"description":"bench"},"images":[${parts.join(',')}],"annotations":[${ann.join(',')}],"categories":[${categories.join(',')}]}`);
  return boxes;
}

function python(): string | undefined {
  for (const p of ['python3', 'python']) {
    const r = spawnSync(p, ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === '3') return p;
  }
  return undefined;
}

async function main(): Promise<void> {
  // The CLI as it ships (dist/cli.js: `npm run bench` builds it first), or BENCH_CLI.
  const cli = process.env.BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "node esbuild.js" first (npm run bench does).`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-bench-convert-'));
  const py = python();
  const pyScript = process.env.BENCH_PY_SCRIPT ?? path.join(dir, 'csv_to_manifest_baseline.py');
  if (!process.env.BENCH_PY_SCRIPT) writeFileSync(pyScript, PY_BASELINE);
  const mb = (f: string): string => (existsSync(f) ? `${(statSync(f).size / 1048576).toFixed(0)} MB` : 'no file');
  const only = process.env.BENCH_CONVERT_ONLY?.split(',');
  const part = (name: string): boolean => !only || only.includes(name);
  const convert = (format: string, input: string, out: string, ...rest: string[]): Run => {
    const r = measure(process.execPath, ['--require', MAX_RSS, cli, 'convert', format, input, '--images', 's3://bench-bucket/', '-o', out, ...rest]);
    // Exit 1 (items listed as not converted) still converts the rest: an older build leaves unlabelled images out that way.
    if (r.status !== 0 && r.status !== 1) throw new Error(`convert ${format} exited ${r.status}: ${r.stderr.slice(-800)}`);
    return r;
  };
  const usageWrapper = path.join(dir, 'rusage.py');
  writeFileSync(usageWrapper, PY_USAGE);
  const script = (csv: string): Run => measure(py as string, [usageWrapper, pyScript, csv, '--s3_path', 's3://bench-bucket/']);
  try {
    // 1. convert csv vs AWS's script, 250,000 rows.
    if (part('csv')) {
    const csv = path.join(dir, 'rows.csv');
    await writeCsv(csv, ROWS);
    const out = path.join(dir, 'rows-out.manifest');
    console.log(`convert csv: ${ROWS.toLocaleString('en-US')} rows, 1-3 labels each (${mb(csv)}), ${ROUNDS} paired rounds after a warm-up`);
    if (!py) {
      const runs = Array.from({ length: ROUNDS + 1 }, () => convert('csv', csv, out)).slice(1);
      console.log(`  (no python3 here: AWS's script not run) convert csv: ${median(runs.map((r) => r.ms)).toFixed(0)} ms CPU, ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB max RSS (target < 100 MB)`);
    } else {
      const pairs: { base: Run; ours: Run }[] = [];
      for (let r = 0; r <= ROUNDS; r++) pairs.push({ base: script(csv), ours: convert('csv', csv, out) });
      const counted = pairs.slice(1);
      console.log(
        `  CPU time vs AWS's script: ${median(counted.map((p) => p.ours.ms / p.base.ms)).toFixed(2)}x (target <= 0.5x; ` +
          `ratios ${counted.map((p) => (p.ours.ms / p.base.ms).toFixed(2)).join(', ')}; ${median(counted.map((p) => p.ours.ms)).toFixed(0)} vs ${median(counted.map((p) => p.base.ms)).toFixed(0)} ms)`,
      );
      console.log(
        `  peak memory: ${median(counted.map((p) => p.ours.rssMb)).toFixed(0)} MB max RSS (target < 100 MB); AWS's script ${median(counted.map((p) => p.base.rssMb)).toFixed(0)} MB; ` +
          `output ${mb(out)}`,
      );
    }
    rmSync(out, { force: true });
    rmSync(csv.replace(/\.csv$/, '.manifest'), { force: true });
    }

    // 2. 12 labels a row: ~600 MB of manifest.
    if (part('wide')) {
    const wide = path.join(dir, 'twelve.csv');
    await writeCsv(wide, ROWS, 12);
    const wideOut = path.join(dir, 'twelve-out.manifest');
    const ours = measure(process.execPath, ['--require', MAX_RSS, cli, 'convert', 'csv', wide, '--images', 's3://bench-bucket/', '-o', wideOut]);
    const lines = Number(/converted (\d+) images/.exec(ours.stderr)?.[1] ?? 0);
    if (ours.status !== 0) console.log(`  convert csv failed: ${ours.stderr.trim().split('\n').slice(0, 2).join(' / ').slice(0, 300)}`);
    const base = py ? script(wide) : undefined;
    console.log(
      `convert csv, ${ROWS.toLocaleString('en-US')} rows x 12 labels (${mb(wide)} in, ${mb(wideOut)} out): exit ${ours.status}, ${lines.toLocaleString('en-US')} of ${ROWS.toLocaleString('en-US')} rows written; ` +
        `${ours.ms.toFixed(0)} ms CPU, ${ours.rssMb.toFixed(0)} MB max RSS` +
        (base ? `; AWS's script ${base.ms.toFixed(0)} ms, ${base.rssMb.toFixed(0)} MB (${(ours.ms / base.ms).toFixed(2)}x CPU)` : ''),
    );
    rmSync(wideOut, { force: true });
    rmSync(wide, { force: true });
    rmSync(wide.replace(/\.csv$/, '.manifest'), { force: true });
    }

    // 3. convert coco vs reading and parsing the same file.
    if (part('coco')) {
    const coco = path.join(dir, 'instances.json');
    const boxes = writeCoco(coco, COCO_IMAGES);
    const parseOnly = path.join(dir, 'parse-only.js');
    writeFileSync(parseOnly, `const t = require('fs').readFileSync(process.argv[2]).toString('utf8'); const js = JSON.parse(t); if (!Array.isArray(js.images)) process.exit(1);\n`);
    const cocoOut = path.join(dir, 'coco-out.manifest');
    const cpairs: { base: Run; ours: Run }[] = [];
    for (let r = 0; r <= ROUNDS; r++) cpairs.push({ base: measure(process.execPath, ['--require', MAX_RSS, parseOnly, coco]), ours: convert('coco', coco, cocoOut) });
    const cc = cpairs.slice(1);
    console.log(
      `convert coco: ${COCO_IMAGES.toLocaleString('en-US')} images, ${boxes.toLocaleString('en-US')} boxes (${mb(coco)}) vs only parsing it: ` +
        `peak memory ${median(cc.map((p) => p.ours.rssMb / p.base.rssMb)).toFixed(2)}x (target <= 2x; ${median(cc.map((p) => p.ours.rssMb)).toFixed(0)} vs ${median(cc.map((p) => p.base.rssMb)).toFixed(0)} MB max RSS), ` +
        `CPU ${median(cc.map((p) => p.ours.ms / p.base.ms)).toFixed(2)}x (${median(cc.map((p) => p.ours.ms)).toFixed(0)} vs ${median(cc.map((p) => p.base.ms)).toFixed(0)} ms)`,
    );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
