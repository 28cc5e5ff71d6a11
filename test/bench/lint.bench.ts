/**
 * Benchmark of `custom-labels lint` as a user runs it (issue #22): the whole process (start-up,
 * reading, every rule, the whole-file index, the output) on a 250,000-line manifest, against two
 * baselines in the same run, each a whole Node process on the same file, as ratios of paired
 * rounds (each round runs the three back to back; the ratio of each pair, then the median):
 *  1. the floor: a process that streams the file and JSON.parse's each line, nothing more
 *     (target: lint <= 1.3x);
 *  2. ajv (a dev dependency, here only): the same stream, each parsed line checked against a JSON
 *     Schema of a manifest line written for this bench (LINE_SCHEMA: the shapes of a
 *     classification and a bounding-box line; it checks far less than the linter: no pairing of
 *     attributes with their metadata, no class-map against the boxes, no box against the image, no
 *     whole-file rules, no ranges) (target: lint <= 0.8x).
 * Times are CPU time (user + system) of each child process (test/bench/max-rss.js for the linter
 * and both baselines). The file is the benches' mixed manifest (generate.ts), written under the OS
 * temp folder and deleted at the end. `npm run bench`.
 * BENCH_CLI: a CLI bundle to measure instead of this tree's dist/cli.js (e.g. an older build, for "before").
 * BENCH_LINT_LINES: the file's lines (default 250,000). BENCH_LINT_REPS: rounds (default 7).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { mixedManifest } from './generate';

const ROOT = path.join(__dirname, '..', '..');
const LINES = Number(process.env.BENCH_LINT_LINES ?? 250_000);
const ROUNDS = Number(process.env.BENCH_LINT_REPS ?? 7);
const MAX_RSS = path.join(ROOT, 'test', 'bench', 'max-rss.js');

/** A manifest line as JSON Schema (draft 2020-12 / ajv's default): what a schema can say of one. */
export const LINE_SCHEMA = {
  type: 'object',
  required: ['source-ref'],
  properties: { 'source-ref': { type: 'string', pattern: '^s3://[^/]+/.+' } },
  patternProperties: {
    '-metadata$': {
      type: 'object',
      required: ['type', 'human-annotated', 'creation-date', 'job-name'],
      properties: {
        type: { enum: ['groundtruth/image-classification', 'groundtruth/object-detection'] },
        'human-annotated': { enum: ['yes', 'no'] },
        'creation-date': { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}' },
        'job-name': { type: 'string' },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        'class-name': { type: 'string', minLength: 1, maxLength: 256 },
        'class-map': { type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 256 } },
        objects: {
          type: 'array',
          items: { type: 'object', required: ['confidence'], properties: { confidence: { type: 'number', minimum: 0, maximum: 1 } } },
        },
      },
    },
  },
  additionalProperties: {
    anyOf: [
      { type: 'integer', minimum: 0 },
      {
        type: 'object',
        required: ['image_size', 'annotations'],
        properties: {
          image_size: {
            type: 'array',
            minItems: 1,
            maxItems: 1,
            items: {
              type: 'object',
              required: ['width', 'height'],
              properties: { width: { type: 'integer', minimum: 64, maximum: 4096 }, height: { type: 'integer', minimum: 64, maximum: 4096 }, depth: { type: 'integer', minimum: 1 } },
            },
          },
          annotations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['class_id', 'top', 'left', 'width', 'height'],
              properties: {
                class_id: { type: 'integer', minimum: 0 },
                top: { type: 'number', minimum: 0 },
                left: { type: 'number', minimum: 0 },
                width: { type: 'number', exclusiveMinimum: 0 },
                height: { type: 'number', exclusiveMinimum: 0 },
              },
            },
          },
        },
      },
    ],
  },
};

/** The floor: read the file as a stream, split it into lines, JSON.parse each (as streaming.bench.ts's loop). */
const FLOOR = String.raw`
const { createReadStream } = require('fs');
(async () => {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const l of parts) if (l) n += JSON.parse(l) ? 1 : 0;
  }
  if (rest) n += JSON.parse(rest) ? 1 : 0;
  process.stdout.write(n + ' lines\n');
})();
`;

/** The same stream, each line checked by ajv against LINE_SCHEMA (compiled at start, as a linter built on it would). */
const AJV = String.raw`
const { createReadStream } = require('fs');
const Ajv = require(process.env.AJV_PATH).default;
const validate = new Ajv({ allErrors: false }).compile(JSON.parse(process.env.LINE_SCHEMA));
(async () => {
  let rest = '';
  let n = 0;
  let invalid = 0;
  const check = (l) => {
    n++;
    if (!validate(JSON.parse(l))) invalid++;
  };
  for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const l of parts) if (l) check(l);
  }
  if (rest) check(rest);
  process.stdout.write(n + ' lines, ' + invalid + ' invalid\n');
})();
`;

interface Run {
  ms: number;
  out: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A Node child process's CPU time (max-rss.js writes it to MAX_RSS_FILE at exit) and its standard output. */
function measure(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const usage = path.join(tmpdir(), `cl-bench-lint-usage-${process.pid}.txt`);
  rmSync(usage, { force: true });
  const r = spawnSync(process.execPath, ['--require', MAX_RSS, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, MAX_RSS_FILE: usage },
  });
  const m = /max-rss-kb (\d+) cpu-us (\d+)/.exec(existsSync(usage) ? require('fs').readFileSync(usage, 'utf8') : '');
  rmSync(usage, { force: true });
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`${args.join(' ').slice(0, 200)} failed (${r.status}): ${(r.stderr ?? '').slice(-800)}`);
  return { ms: Number(m[2]) / 1000, out: r.stdout ?? '' };
}

function main(): void {
  const cli = process.env.BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "node esbuild.js" first (npm run bench does).`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-bench-lint-'));
  try {
    const file = path.join(dir, 'mixed.manifest');
    const text = mixedManifest(LINES).join('\n') + '\n';
    writeFileSync(file, text);
    const floorJs = path.join(dir, 'floor.js');
    writeFileSync(floorJs, FLOOR);
    const ajvJs = path.join(dir, 'ajv-lines.js');
    writeFileSync(ajvJs, AJV);
    const ajvEnv = { AJV_PATH: require.resolve('ajv', { paths: [ROOT] }), LINE_SCHEMA: JSON.stringify(LINE_SCHEMA) };
    console.log(`lint: ${LINES.toLocaleString('en-US')}-line mixed manifest (${(Buffer.byteLength(text) / 1048576).toFixed(0)} MB), whole processes, ${ROUNDS} paired rounds after a warm-up`);
    const rounds: { floor: Run; ajv: Run; lint: Run }[] = [];
    for (let r = 0; r <= ROUNDS; r++) {
      rounds.push({ floor: measure([floorJs, file]), ajv: measure([ajvJs, file], ajvEnv), lint: measure([cli, 'lint', file]) });
    }
    const counted = rounds.slice(1);
    const last = counted[counted.length - 1];
    if (!last.ajv.out.includes(', 0 invalid')) throw new Error(`the schema finds the clean file invalid: ${last.ajv.out}`);
    if (!/ 0 errors, 0 warnings/.test(last.lint.out)) throw new Error(`the linter finds problems in the clean file: ${last.lint.out.slice(-300)}`);
    const ms = (k: 'floor' | 'ajv' | 'lint'): string => median(counted.map((p) => p[k].ms)).toFixed(0);
    const ratio = (k: 'floor' | 'ajv', target: string): string => {
      const rs = counted.map((p) => p.lint.ms / p[k].ms);
      return `${median(rs).toFixed(2)}x (${target}; ratios ${rs.map((x) => x.toFixed(2)).join(', ')})`;
    };
    console.log(`  lint vs the streaming JSON.parse floor: ${ratio('floor', 'target <= 1.3x')}`);
    console.log(`  lint vs ajv + a JSON Schema of a line: ${ratio('ajv', 'target <= 0.8x')}`);
    console.log(`  CPU medians: lint ${ms('lint')} ms, floor ${ms('floor')} ms, ajv ${ms('ajv')} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
