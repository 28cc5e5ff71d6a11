/** Label Images' pure parts: a folder's images as source-refs, the unlabelled lines, and the count of labelled lines. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { folderLayout, listLocalImages } from '../../../src/labelling/local-images';
import { countLabelled, labelledText, unlabelledManifest } from '../../../src/labelling/unlabelled';
import { validateText } from '../../../src/manifest';
import { classLine } from '../sandbox/helpers';

describe('labelling: the images of a local folder', () => {
  let dir: string;
  const touch = (rel: string) => {
    const file = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'x');
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-images-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists .jpg, .jpeg and .png in any case, recursively, sorted; the folder is the bucket, read from its parent', async () => {
    for (const f of ['photos/b.png', 'photos/a/c.JPG', 'photos/a/d.jpeg', 'photos/notes.txt', 'photos/.hidden/e.png', 'photos/x.gif']) touch(f);
    const folder = path.join(dir, 'photos');
    const layout = folderLayout(folder);
    assert.deepStrictEqual(layout, { root: dir, bucket: 'photos', keyPrefix: '' });
    const found = await listLocalImages(folder, layout as Exclude<typeof layout, { error: string }>);
    assert.deepStrictEqual(found.sourceRefs, ['s3://photos/a/c.JPG', 's3://photos/a/d.jpeg', 's3://photos/b.png']);
  });

  it('inside the images folder setting, the first folder under it is the bucket and the rest a key prefix', async () => {
    touch('bucket-one/sub/deeper/a.png');
    const layout = folderLayout(path.join(dir, 'bucket-one', 'sub'), dir);
    assert.deepStrictEqual(layout, { root: dir, bucket: 'bucket-one', keyPrefix: 'sub/' });
    const found = await listLocalImages(path.join(dir, 'bucket-one', 'sub'), layout as Exclude<typeof layout, { error: string }>);
    assert.deepStrictEqual(found.sourceRefs, ['s3://bucket-one/sub/deeper/a.png']);
  });

  it('a folder whose name cannot be a bucket is refused with what to do', () => {
    const layout = folderLayout(path.join(dir, 'My Photos'));
    assert.ok('error' in layout);
    assert.match(layout.error, /"My Photos" cannot be a bucket name.*Rename the folder, or set customLabels\.images\.folder/);
  });

  it('a symbolic link (to a file or a folder outside) is not followed', async () => {
    touch('photos/in.png');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'label-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.png'), 'x');
      fs.symlinkSync(outside, path.join(dir, 'photos', 'link'));
      fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'photos', 'file-link.png'));
      const layout = folderLayout(path.join(dir, 'photos')) as { root: string; bucket: string; keyPrefix: string };
      assert.deepStrictEqual((await listLocalImages(path.join(dir, 'photos'), layout)).sourceRefs, ['s3://photos/in.png']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('labelling: unlabelled lines and the labelled count', () => {
  it('a source-ref-only line is valid for the service: only WARNING_UNANNOTATED_RECORD, no error', () => {
    const text = unlabelledManifest(['s3://photos/a.png', 's3://photos/b.png']);
    assert.strictEqual(text, '{"source-ref":"s3://photos/a.png"}\n{"source-ref":"s3://photos/b.png"}\n');
    const { problems } = validateText(text);
    assert.deepStrictEqual([...new Set(problems.map((p) => p.code))], ['WARNING_UNANNOTATED_RECORD']);
  });

  it('"Labelled N of M": lines with a label attribute, of the lines that are not blank', () => {
    const lines = ['{"source-ref":"s3://b/a.png"}', '', classLine('s3://b/c.png', 'cat'), '{"source-ref":"s3://b/d.png","note":1}', '   '];
    // Only the third has a label attribute: "note" has no "note-metadata", and the validator says
    // such a line has no label attributes (ERROR_NO_LABEL_ATTRIBUTES).
    assert.ok(validateText(lines[3]!).problems.some((p) => p.code === 'ERROR_NO_LABEL_ATTRIBUTES'));
    const count = countLabelled(lines);
    assert.deepStrictEqual(count, { labelled: 1, lines: 3 });
    assert.strictEqual(labelledText({ labelled: 0, lines: 6 }), 'Labelled 0 of 6');
    // With the answers kept by text, a recount gives the same and an edited line is judged anew.
    const known = new Map<string, boolean>();
    assert.deepStrictEqual(countLabelled(lines, known), count);
    const edited = [...lines];
    edited[0] = classLine('s3://b/a.png', 'dog');
    assert.deepStrictEqual(countLabelled(edited, known), { labelled: 2, lines: 3 });
  });
});
