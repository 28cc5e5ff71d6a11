/**
 * What `custom-labels lint` (every --format) and `custom-labels convert` print, byte for byte, on
 * the benches' generated inputs and the fixtures, against SHA-256 hashes recorded from the code
 * before the linter and the CSV converter were made faster (issue #22, commit 3cdf432): the speed
 * work changes no output. The hash is of the exit code, standard output and standard error, with
 * the temporary folder's and the fixtures' paths written as DIR and FIXTURES.
 * A deliberate change of output updates a hash here, saying why in its commit.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { runConvert } from '../../../src/cli/convert-command';
import { csvText, manifestWithErrors, mixedManifest, multiLabelLine, seeded, spoil, variedManifest, wideLine } from '../../bench/generate';
import { fixtureCopy } from '../convert/images';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** Every manifest under test/fixtures, sorted. */
function fixtureManifests(): string[] {
  return (readdirSync(FIXTURES, { recursive: true }) as string[])
    .map((f) => String(f))
    .filter((f) => f.endsWith('.manifest'))
    .sort()
    .map((f) => path.join(FIXTURES, f));
}

/** Recorded from commit 3cdf432 (before the speed work). */
const EXPECTED: Record<string, string> = {
  'convert coco': '7babc68eb234c6c77f6b9bc47e6808bec817a1e71581128bf3eecfa1d6decfaa',
  'convert csv fixture': 'ac5a874afdba5bbdbda2b0db5d49c5fccf17028309276b8429f3fd820a20e556',
  'convert csv generated': '2b9297795fbf64645d52ac24006f4972099103da8f0641ed91b7e386f06358df',
  'convert csv tricky skip-unlabelled': 'e6b49da3b77ea7911c7b1c619f628503445908516f529b0e69a835ee7757543a',
  'convert csv tricky': '992a200f46a771d1263720de06577d980c797f73d0843a72802de9868bd12bf2',
  'convert csv twelve labels': '0620cd7fc5ff6684f669deac417377923c173a40d56f102d8cd76dd01be80aef',
  'convert csv two inputs': 'a0b5bfb8a9d94efa8f4e38425f3e01f2a3534f3b66cb412b3eb37af1c04f3626',
  'convert groundtruth': '7c0a4c4d4ab3830a6a153d1c26ac7eb412619d1b7f1613a34a66052f40e0d240',
  'convert voc': '92945135d8a9d8850a2154bf2c53a556ddb119034ac45a73d0f593ada199cd16',
  'convert yolo': '89b14df2d9607ea0bde5e57c279d797da4cddc8c9b5248ee541de1cc090d8a2e',
  'lint clean github': 'edfdf6d18059f1d2bdcd4775a1c5fb2e91921de2e3c27678c09267db102b2f32',
  'lint clean json': '74404e3b6559a2c0572ffabab8264f54f2699be4ac8b492dbb8e16f1d8fbf6f4',
  'lint clean sarif': '6602d47ce2caf3ceea73e2c92b9138a1c08a72135f065d073b8d806bfeeba221',
  'lint clean text': 'edfdf6d18059f1d2bdcd4775a1c5fb2e91921de2e3c27678c09267db102b2f32',
  'lint edges github': '575c1b9ce06a07cff0a6b626ae3334195376f6e1a8a9837ce5516079f8ed1fc6',
  'lint edges json': '3e2baf2322531097a8518e7e59ba71ef6a98dd9185034e919f136023a2dbf919',
  'lint edges sarif': '98069d09dd8b0cc48cd4b278584a1e95631c4a64cdc1970500107e280abf6712',
  'lint edges text': '334075ca86572769cb5926979f0d4a974361aa98d31de1a2f323a002075e356d',
  'lint errors github': '03255cd9c56202ed18e5aa1da9e31efa30bd10c2c9c84dd6bc1ebc16cfecc835',
  'lint errors json': '79b76cdf5af99690ec8b18fd662ddbdcea0b4f1edd7a78b6d40a84921aac8255',
  'lint errors sarif': '611319469355228fff5b8820e0edf31ea066841857384b7c864205978cb4b981',
  'lint errors text': '0b746e640e36356c7dd53b6564b308d244d860efe434b3b0639a2ff4da6a1b7f',
  'lint fixtures github': '6fb9438c05a06e6da5e1e9656454afcc34ae16837ae20c7a28f4d65718f71b7c',
  'lint fixtures json': 'ed480ba6392c3c613cd16427b8151de61741034931c9d6dd6af50d6b7ca13e8a',
  'lint fixtures sarif': 'ee76cf81cf91ecd57000b7791de55750de48793ddf2bd55dc4428ba9b0e4e8e7',
  'lint fixtures text': '11611f91bc5284d57a3835ec3cee606f4130dd26d036596dd48ab620016a7448',
  'lint invalid github': 'b1a91021d7b4f741abb116988fb3327d9bd2a62e9aa1b7ea57c5e7bcf97f3010',
  'lint invalid json': '16d2b026c9576fb0873c7f43b14de5318e5add3bf47c8fee3dea68714d8a8b98',
  'lint invalid sarif': '74e7d7273f8257a888b3c99a4f95b44e0ba220c3eb207b15a95090740378f501',
  'lint invalid text': '527f019c3a2327d15334ebc92c8a09a4c91ae3e89af0bd2f5c52b4d7009d14d0',
  'lint multilabel github': '51b55b001dd87d048cbce78c132430681e13586f4ccfbb7b567ab42e18b20bbe',
  'lint multilabel json': 'b82c1735dd87616f9f1070dc226709365ccf243025b528d16b671eba3c04ae73',
  'lint multilabel sarif': 'f856ceee2b667e9212e73dbbebc8551fe8c1857a76227f550df04c4af5329f1e',
  'lint multilabel text': '51b55b001dd87d048cbce78c132430681e13586f4ccfbb7b567ab42e18b20bbe',
  'lint varied github': '08fe4fc22d7e8ac107c49e7ca9da67ff0150a1f89582ae629e4035254e1cf9b8',
  'lint varied json': 'b76ea5940c33adfa05cca920cff8e7d77f5993087f5ddbcb76c56e34957972d8',
  'lint varied sarif': '1efe4ae7fa66addb293e93805d2ba7d42db90e39e1f0deccc33c421a96d6a98d',
  'lint varied text': 'f8f892edd8cc1ec0168531e1adff8e2734655d78b303fc69d6944ce9edb9c8b5',
  'lint wide github': 'c94f9ee7367acecb76947a509f7951b9f4612f7e307d0afce251c92d449051fe',
  'lint wide json': '53cc5438c519fac8ce46cf78ee396783ef375f5dff9ee6f614da6ae7cec4f55e',
  'lint wide sarif': '6a97ff1c9a827c5b2950258355ca1b90a74ebf54b65201b7c9f67cbef9eec9d9',
  'lint wide text': '1eda875934c038d74b94a7e6607c631428db91acd9ac73cb3ee9965e4ac450da',
  'lint invalid-mixed text': '4db822ca7ac095627094387ed15974ab02bea731554584ff4751269c7b34a3df',
};

describe('lint and convert output, byte for byte as before the speed work (issue #22)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-ident-'));
  const converted = fixtureCopy();
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(converted, { recursive: true, force: true });
  });

  const hash = (code: number, out: string, err: string): string =>
    createHash('sha256')
      .update(`${code}\0${out}\0${err}`.split(dir).join('DIR').split(converted).join('CONVERTED').split(FIXTURES).join('FIXTURES'))
      .digest('hex');
  const check = (name: string, actual: string): void => assert.equal(actual, EXPECTED[name], `${name}: output changed (hash ${actual})`);
  const write = (name: string, content: string | Uint8Array): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  const lint = async (args: string[]): Promise<string> => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return hash(code, out, err);
  };
  const convert = async (args: string[]): Promise<string> => {
    let out = '';
    let err = '';
    const code = await runConvert(args, { out: (t) => (out += t), err: (t) => (err += t) }, () => new Date('2026-01-02T03:04:05.678Z'));
    return hash(code, out, err);
  };

  const lintInputs = (): Record<string, string[]> => {
    const clean = mixedManifest(4_000);
    const rnd = seeded(9);
    const multi = Array.from({ length: 3_000 }, (_, i) => multiLabelLine(i, rnd));
    const edges = [
      write('bom-crlf.manifest', `\ufeff${clean.slice(0, 20).join('\r\n')}\r\n`),
      write('blank-and-cr.manifest', `${clean[0]}\n\n   \n${clean[1].replace(',', ',\r')}\n${clean[2]}\r\r\n`),
      write('not-utf8.manifest', Buffer.concat([Buffer.from(`${clean[0]}\n{"source-ref":"s3://b/`), Buffer.from([0xff, 0xfe]), Buffer.from(`.jpg"}\n${clean[3]}\n`)])),
      write('empty.manifest', ''),
      write('too-long.manifest', `${clean[0]}\n${wideLine(1, 120_000)}\n${clean[1]}`),
    ];
    return {
      clean: [write('clean.manifest', clean.join('\n') + '\n')],
      invalid: [write('invalid.manifest', clean.map(spoil).join('\n') + '\n')],
      errors: [write('errors.manifest', manifestWithErrors(3_000, 400).join('\n'))],
      wide: [write('wide.manifest', [5_000, 20_000, 99_000].map((w, i) => wideLine(i, w)).join('\n') + '\n')],
      varied: [write('varied.manifest', variedManifest(6_000).join('\n') + '\n')],
      multilabel: [write('multilabel.manifest', multi.join('\n') + '\n')],
      edges,
      fixtures: fixtureManifests(),
    };
  };

  it('lint: every format, on the generated inputs and every fixture manifest', async () => {
    const inputs = lintInputs();
    const failures: string[] = [];
    for (const [name, files] of Object.entries(inputs)) {
      for (const format of ['text', 'json', 'sarif', 'github']) {
        const key = `lint ${name} ${format}`;
        const actual = await lint(['lint', '--format', format, ...files]);
        if (actual !== EXPECTED[key]) failures.push(`'${key}': '${actual}',`);
      }
    }
    assert.deepEqual(failures, [], `lint output changed:\n${failures.join('\n')}`);
  });

  it('convert: generated CSVs (label order varying across rows), tricky CSV, and every fixture format', async () => {
    const csv = write('rows.csv', csvText(3_000));
    const twelve = write('twelve.csv', csvText(500, 12));
    const tricky = write(
      'tricky.csv',
      [
        'image,label',
        'a.jpg,cat,dog',
        'b.jpg,dog,cat,dog',
        'a.jpg,bird',
        '',
        'c.jpg',
        'd.jpg,x-metadata,source-ref,photo-ref,label-2,errors',
        '"e,1.jpg","quoted ""label""",plain',
        '"f.jpg","two',
        'lines",z',
        's3://other-bucket/g.jpg,sky',
        ',orphan',
        'h.jpg,  spaced  ,\u00e9t\u00e9,\u732b,"back\\\\slash"',
        'i.jpg,' + 'long'.repeat(100),
        'j.jpg,ctrl\u0001char',
        'k.jpg,"open',
      ].join('\r\n') + '\n',
    );
    const cases: Record<string, string[]> = {
      'csv generated': ['csv', csv, '--images', 's3://bench-bucket/'],
      'csv twelve labels': ['csv', twelve, '--images', 's3://bench-bucket/pre'],
      'csv tricky': ['csv', tricky, '--images', 's3://my-bucket/images/'],
      'csv tricky skip-unlabelled': ['csv', tricky, '--images', 's3://my-bucket/images/', '--skip-unlabelled'],
      'csv two inputs': ['csv', csv, tricky, '--images', 's3://bench-bucket/'],
      'csv fixture': ['csv', path.join(converted, 'repeated.csv'), '--images', 's3://my-bucket/images'],
      coco: ['coco', path.join(converted, 'coco-guide-example.json'), '--images', 's3://bucket/images/', '--job-name', 'my job'],
      groundtruth: ['groundtruth-multilabel', path.join(converted, 'gt-multilabel.manifest')],
      yolo: ['yolo', path.join(converted, 'yolo', 'labels'), '--images', 's3://my-bucket/yolo/'],
      voc: ['voc', path.join(converted, 'voc'), '--images', 's3://my-bucket/voc/'],
    };
    const failures: string[] = [];
    for (const [name, args] of Object.entries(cases)) {
      const key = `convert ${name}`;
      const actual = await convert(args);
      if (actual !== EXPECTED[key]) failures.push(`'${key}': '${actual}',`);
    }
    assert.deepEqual(failures, [], `convert output changed:\n${failures.join('\n')}`);
  });

  it('the hashes are of outputs that say something (not of an empty run)', async () => {
    let out = '';
    const code = await main(['lint', path.join(FIXTURES, 'manifests', 'invalid-mixed.manifest')], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 1);
    assert.match(out, /error/);
    check('lint invalid-mixed text', hash(code, out, ''));
  });
});
