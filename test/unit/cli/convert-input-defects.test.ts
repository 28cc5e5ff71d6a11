/**
 * `custom-labels convert` on hostile or unusual input (issue #21 item 10, item 7): deep JSON, an
 * output path that cannot be written, encodings other than UTF-8, CSV quoting over lines, a VOC
 * file with entity declarations, control characters in labels, images without labels, a CSV
 * header row. Each expectation comes from the input written here, never from the converter.
 */
import * as assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The manifest's lines (standard output), parsed. */
function entries(out: string): Record<string, unknown>[] {
  return out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** No stack trace ("    at fn (file:line)") in what the command printed. */
function assertNoStack(err: string): void {
  assert.doesNotMatch(err, /\n\s+at [^\n]*[:(]/, `no stack trace on standard error:\n${err}`);
  assert.doesNotMatch(err, /unexpected failure/);
}

const DEPTH = 10_000;
const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

describe('custom-labels convert: hostile and unusual input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-convert-defects-'));
  const file = (name: string, content: string | Buffer): string => {
    const f = path.join(dir, name);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, content);
    return f;
  };
  const image = { id: 1, file_name: 'a.jpg', width: 640, height: 480 };
  const category = { id: 1, name: 'cat' };

  it(`COCO values nested ${DEPTH.toLocaleString('en-US')} deep: the annotation is reported, no stack trace, exit 1`, async () => {
    for (const [name, annotation] of [
      ['deep-image-id.json', `{"image_id":${deep},"category_id":1,"bbox":[1,1,50,50]}`],
      ['deep-category.json', `{"image_id":1,"category_id":${deep},"bbox":[1,1,50,50]}`],
      ['deep-bbox.json', `{"image_id":1,"category_id":1,"bbox":[${deep},1,50,50]}`],
    ]) {
      const f = file(name, `{"images":[${JSON.stringify(image)}],"annotations":[${annotation}],"categories":[${JSON.stringify(category)}]}`);
      const r = await run(['convert', 'coco', f, '--images', 's3://my-bucket/i/']);
      assertNoStack(r.err);
      assert.equal(r.code, 1, `${name}: ${r.err}`);
      assert.match(r.err, new RegExp(`${name} \\(annotations\\[0\\]\\): not converted: `), name);
      assert.ok(r.err.length < 2000, `${name}: the message does not quote the whole value (${r.err.length} characters)`);
    }
  });

  it('-o naming a folder, or a file in a missing folder: says so and what to do, exit 2, no stack trace', async () => {
    const csv = file('ok.csv', 'a.jpg,cat\n');
    const folder = await run(['convert', 'csv', csv, '--images', 's3://my-bucket/', '-o', dir]);
    assertNoStack(folder.err);
    assert.equal(folder.code, 2);
    assert.match(folder.err, /-o .* is a folder/);
    const missing = path.join(dir, 'no-such-folder', 'out.manifest');
    const r = await run(['convert', 'csv', csv, '--images', 's3://my-bucket/', '-o', missing]);
    assertNoStack(r.err);
    assert.equal(r.code, 2);
    assert.match(r.err, /no-such-folder.* does not exist/);
  });

  it('-o: a failed run leaves the file as it was; a link is written through, not replaced; no partial file is left', async () => {
    const out = file('out/kept.manifest', 'as it was\n');
    const failed = await run(['convert', 'csv', path.join(dir, 'missing.csv'), '--images', 's3://my-bucket/', '-o', out]);
    assert.equal(failed.code, 2);
    assert.equal(readFileSync(out, 'utf8'), 'as it was\n');
    const target = file('out/target.manifest', '');
    const link = path.join(dir, 'out', 'link.manifest');
    symlinkSync(target, link);
    const r = await run(['convert', 'csv', file('one.csv', 'a.jpg,cat\n'), '--images', 's3://my-bucket/', '-o', link]);
    assert.equal(r.code, 0, r.err);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(JSON.parse(readFileSync(target, 'utf8'))['source-ref'], 's3://my-bucket/a.jpg');
    assert.deepEqual(readdirSync(path.join(dir, 'out')).filter((n) => n.includes('partial')), []);
  });

  it('a Windows-1252 CSV is refused row by row with where and why; nothing is written with U+FFFD', async () => {
    // "café" in Windows-1252: 0xE9 is not UTF-8 on its own.
    const f = file('latin.csv', Buffer.concat([Buffer.from('a.jpg,caf'), Buffer.from([0xe9]), Buffer.from('\nb.jpg,dog\n')]));
    const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.out, /\uFFFD/);
    assert.deepEqual(entries(r.out).map((e) => e['source-ref']), ['s3://my-bucket/b.jpg']);
    assert.match(r.err, /latin\.csv:1: not converted: .*not UTF-8.*column 10.*0xE9.*save .*UTF-8/i);
  });

  it('a UTF-16 CSV (with its byte order mark) is decoded, little- and big-endian', async () => {
    const text = 'a.jpg,café\nb.jpg,dog\n';
    const le = file('utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = file('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    for (const f of [le, be]) {
      const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/']);
      assert.equal(r.code, 0, r.err);
      const [a, b] = entries(r.out);
      assert.deepEqual([a['source-ref'], (a['café-metadata'] as Record<string, unknown>)['class-name'], b['source-ref']], ['s3://my-bucket/a.jpg', 'café', 's3://my-bucket/b.jpg']);
    }
  });

  it('a COCO file that is not UTF-8 is refused with where and why', async () => {
    const f = file('latin.json', Buffer.concat([Buffer.from(`{"images":[${JSON.stringify(image)}],"annotations":[],"categories":[{"id":1,"name":"caf`), Buffer.from([0xe9]), Buffer.from('"}]}')]));
    const r = await run(['convert', 'coco', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /latin\.json: not converted: .*not UTF-8.*line 1, column \d+.*0xE9/i);
  });

  it('a quoted CSV field over two lines (RFC 4180) is one field, not a row', async () => {
    const f = file('quoted.csv', 'a.jpg,"sea\nside","x, ""y"""\r\nb.jpg,dog\n');
    const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 0, r.err);
    const out = entries(r.out);
    assert.deepEqual(out.map((e) => e['source-ref']), ['s3://my-bucket/a.jpg', 's3://my-bucket/b.jpg']);
    assert.deepEqual(
      Object.keys(out[0]).filter((k) => k.endsWith('-metadata')).map((k) => (out[0][k] as Record<string, unknown>)['class-name']),
      ['sea\nside', 'x, "y"'],
    );
  });

  it('a VOC file with entity declarations ("billion laughs") is refused, saying why', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE annotation [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<annotation><filename>a.jpg</filename><size><width>640</width><height>480</height><depth>3</depth></size>',
      '<object><name>&lol9;</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>50</xmax><ymax>50</ymax></bndbox></object></annotation>',
    ].join('\n');
    const f = file('voc-lol/lol.xml', lol);
    const r = await run(['convert', 'voc', path.dirname(f), '--images', 's3://my-bucket/']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /lol\.xml: not converted: .*DOCTYPE/);
    assert.doesNotMatch(r.err, /&lol9;/);
  });

  it('control characters from the input are escaped on standard error: a label cannot forge a summary line', async () => {
    const forged = 'cat\rconverted 100 images (1 label); nothing left out\n\u001b[2K';
    const xml = `<annotation><filename>a.jpg</filename><size><width>64</width><height>48</height><depth>3</depth></size><object><name>${forged}</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>500</xmax><ymax>40</ymax></bndbox></object></annotation>`;
    const f = file('voc-forge/a\u001b.xml', xml);
    const r = await run(['convert', 'voc', path.dirname(f), '--images', 's3://my-bucket/']);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, /[\u0000-\u0009\u000b-\u001f\u007f]/, 'no control character but the line ends');
    assert.deepEqual(r.err.split('\n').filter((l) => l.startsWith('converted ')), ['converted 0 images (0 labels); 2 items not converted (listed above)']);
    assert.match(r.err, /a\\u001b\.xml \(object\[1\]\): not converted: box "cat\\[rn]converted 100 images/);
    const csv = file('forge.csv', '"b\u0007.jpg\nconverted 9 images",cat\n');
    const c = await run(['convert', 'csv', csv]);
    assert.doesNotMatch(c.err, /[\u0000-\u0009\u000b-\u001f\u007f]/);
    assert.match(c.err, /"b\\u0007\.jpg\\nconverted 9 images" is not an S3 URL/);
  });

  it('COCO images without annotations are kept as unlabelled lines (source-ref only), with a warning; --skip-unlabelled leaves them out', async () => {
    const f = file('unlabelled.json', JSON.stringify({
      images: [image, { id: 2, file_name: 'b.jpg', width: 640, height: 480 }, { id: 3, file_name: 'c.jpg', width: 640, height: 480 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 50, 50] }],
      categories: [category],
    }));
    const r = await run(['convert', 'coco', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 0, r.err);
    const out = entries(r.out);
    assert.deepEqual(out.slice(1), [{ 'source-ref': 's3://my-bucket/b.jpg' }, { 'source-ref': 's3://my-bucket/c.jpg' }]);
    assert.match(r.err, /warning: 2 images have no labels: written as unlabelled lines .*--skip-unlabelled/);
    const skip = await run(['convert', 'coco', f, '--images', 's3://my-bucket/', '--skip-unlabelled']);
    assert.equal(skip.code, 0, skip.err);
    assert.deepEqual(entries(skip.out).map((e) => e['source-ref']), ['s3://my-bucket/a.jpg']);
    assert.match(skip.err, /2 images without labels left out \(--skip-unlabelled\)/);
  });

  it('CSV rows without labels are kept as unlabelled lines, with a warning; --skip-unlabelled leaves them out', async () => {
    const f = file('unlabelled.csv', 'a.jpg,cat\nb.jpg\nc.jpg,,\n');
    const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(entries(r.out).slice(1), [{ 'source-ref': 's3://my-bucket/b.jpg' }, { 'source-ref': 's3://my-bucket/c.jpg' }]);
    assert.match(r.err, /warning: 2 images have no labels/);
    const skip = await run(['convert', 'csv', f, '--images', 's3://my-bucket/', '--skip-unlabelled']);
    assert.equal(skip.code, 0, skip.err);
    assert.equal(entries(skip.out).length, 1);
  });

  it('a CSV header row (image,label) is not an error: exit 0', async () => {
    const f = file('header.csv', 'image,label\na.jpg,cat\n');
    const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(entries(r.out).map((e) => e['source-ref']), ['s3://my-bucket/a.jpg']);
    assert.match(r.err, /header\.csv:1: note: row 1 read as a header/);
  });

  it('12 labels per row: every row converted, the output lints clean (the full ~600 MB size is in npm run bench)', async () => {
    const labels = Array.from({ length: 12 }, (_, k) => `label-name-${k}`);
    const rows = Array.from({ length: 3000 }, (_, i) => `img/${i}.jpg,${labels.join(',')}`);
    const f = file('twelve.csv', rows.join('\n') + '\n');
    const out = path.join(dir, 'twelve.manifest');
    const r = await run(['convert', 'csv', f, '--images', 's3://my-bucket/', '-o', out]);
    assert.equal(r.code, 0, r.err);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, rows.length);
    assert.deepEqual(Object.keys(JSON.parse(lines[2999])).filter((k) => !k.endsWith('-metadata')), ['source-ref', ...labels]);
    const lint = await run(['lint', out]);
    assert.equal(lint.code, 0, lint.out);
  });
});
