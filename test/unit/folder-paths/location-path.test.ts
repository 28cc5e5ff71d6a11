/**
 * The one mapping of an S3 location (or an annotation's image name) to a path under a folder,
 * with hostile names (#21 item 8): what stays inside maps to root/bucket/key, everything else is
 * refused with a reason, on POSIX and Windows paths alike; and when a file is opened, a symbolic
 * link out of the folder is refused. Expected paths are built with path.join, not by the code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bucketPath, locationFile, locationFileSync, locationPath, namePath, nameFile } from '../../../src/folder-paths';
import { createFolderSource, probeImage } from '../../../src/images';
import { previewOf } from '../../../src/preview/model';

const ROOT = path.resolve(os.tmpdir(), 'folder-paths-root');
const refused = (r: { path: string } | { refused: string }): string => ('refused' in r ? r.refused : assert.fail(`mapped to ${r.path}`));

describe('folder-paths: a location to a path under a folder', () => {
  it('maps bucket/key to root/bucket/key, unicode and all', () => {
    assert.deepEqual(locationPath(ROOT, 'bucket', 'a/b/c.png'), { path: path.join(ROOT, 'bucket', 'a', 'b', 'c.png') });
    assert.deepEqual(locationPath(ROOT, 'bucket', '画像/été 1.png'), { path: path.join(ROOT, 'bucket', '画像', 'été 1.png') });
    assert.deepEqual(locationPath(ROOT, 'b', 'a..b/.hidden/x..'), { path: path.join(ROOT, 'b', 'a..b', '.hidden', 'x..') });
    assert.deepEqual(bucketPath(ROOT, 'bucket'), { path: path.join(ROOT, 'bucket') });
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['..', 'secret/x.png', /the bucket is "\.\."/],
    ['.', 'x.png', /the bucket is "\."/],
    ['', 'x.png', /empty part/],
    ['...', 'x.png', /dots and spaces/],
    ['.. ', 'x.png', /dots and spaces/],
    ['bucket', '..', /is "\.\."/],
    ['bucket', 'a/../../b', /is "\.\."/],
    ['bucket', 'a/./b', /is "\."/],
    ['bucket', '/abs', /empty part/],
    ['bucket', '/etc/passwd', /empty part/],
    ['bucket', 'a//b', /empty part/],
    ['bucket', 'dir/', /empty part/],
    ['bucket', 'C:\\x', /backslash/],
    ['bucket', 'a\\..\\b', /backslash/],
    ['bucket', '..\\..\\secret', /backslash/],
    ['b\\..', 'x', /backslash/],
    ['bucket', 'a\0b', /NUL/],
    ['bucket', 'k'.repeat(1025), /longer than S3's 1024 bytes/],
    ['bucket', 'é'.repeat(513), /longer than S3's 1024 bytes/],
    ['b'.repeat(256), 'x', /longer than S3 allows/],
  ];
  for (const [bucket, key, why] of hostile) {
    it(`refuses bucket ${JSON.stringify(bucket.slice(0, 20))} key ${JSON.stringify(key.slice(0, 20))}`, () => {
      for (const api of [path.posix, path.win32]) {
        const root = api === path.win32 ? 'C:\\data\\images' : '/data/images';
        assert.match(refused(locationPath(root, bucket, key, api)), why);
      }
    });
  }

  it("on Windows a ':' (a drive or a stream) is refused; on POSIX it is a character of the name", () => {
    assert.match(refused(locationPath('C:\\data', 'bucket', 'D:x.png', path.win32)), /':'/);
    assert.match(refused(locationPath('C:\\data', 'bucket', 'a/x.png:stream', path.win32)), /':'/);
    assert.deepEqual(locationPath('/data', 'bucket', '2024-01-01T10:00:00.png', path.posix), { path: '/data/bucket/2024-01-01T10:00:00.png' });
    assert.deepEqual(locationPath('C:\\data', 'bucket', 'a/b.png', path.win32), { path: 'C:\\data\\bucket\\a\\b.png' });
  });

  it("an annotation's image name: relative names map under the folder, '..' and absolute names are refused", () => {
    assert.deepEqual(namePath(ROOT, 'sub/a.png'), { path: path.join(ROOT, 'sub', 'a.png') });
    assert.deepEqual(namePath(ROOT, './a.png'), { path: path.join(ROOT, 'a.png') });
    assert.deepEqual(namePath(ROOT, 'sub\\a.png'), { path: path.join(ROOT, 'sub', 'a.png') });
    for (const name of ['../x.jpg', 'a/../../x.jpg', '/etc/x.jpg', '\\\\server\\share\\x.jpg', 'C:\\x.jpg', 'C:x.jpg', '..\\x.jpg', 'a\0b', '', '.', '...']) {
      for (const api of [path.posix, path.win32]) assert.ok('refused' in namePath(api === path.win32 ? 'C:\\imgs' : '/imgs', name, api), `${JSON.stringify(name)} (${api === path.win32 ? 'win32' : 'posix'})`);
    }
  });
});

describe('folder-paths: opening a file under a folder', () => {
  let base: string;
  let root: string;
  let links = true;
  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'folder-paths-'));
    root = path.join(base, 'images');
    fs.mkdirSync(path.join(root, 'bucket'), { recursive: true });
    fs.mkdirSync(path.join(base, 'secret'));
    fs.writeFileSync(path.join(base, 'secret', 'x.png'), 'outside');
    fs.writeFileSync(path.join(root, 'bucket', 'in.png'), 'inside');
    try {
      fs.symlinkSync(path.join(base, 'secret', 'x.png'), path.join(root, 'bucket', 'out.png'));
      fs.symlinkSync(path.join(base, 'secret'), path.join(root, 'bucket', 'outdir'));
      fs.symlinkSync(path.join(root, 'bucket', 'in.png'), path.join(root, 'bucket', 'alias.png'));
    } catch {
      links = false;
    }
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('a file inside: its path under the folder as named, and its real path', async () => {
    const found = await locationFile(root, 'bucket', 'in.png');
    assert.deepEqual(found, { path: path.join(root, 'bucket', 'in.png'), real: fs.realpathSync.native(path.join(root, 'bucket', 'in.png')) });
    assert.deepEqual(locationFileSync(root, 'bucket', 'in.png'), found);
    assert.ok('missing' in (await locationFile(root, 'bucket', 'none.png')));
    assert.ok('missing' in (await locationFile(root, 'bucket', 'in.png/x')));
  });

  it('s3://../secret/x.png is refused though DIR/../secret/x.png exists', async () => {
    assert.match(refused(locationPath(root, '..', 'secret/x.png')), /bucket is "\.\."/);
    assert.ok('refused' in (await locationFile(root, '..', 'secret/x.png')));
    assert.ok('refused' in (await nameFile(root, '../secret/x.png')));
  });

  it('a symbolic link out of the folder (a file, or a folder on the way) is refused; one inside is followed', async function () {
    if (!links) this.skip();
    for (const key of ['out.png', 'outdir/x.png']) {
      const found = await locationFile(root, 'bucket', key);
      assert.ok('refused' in found && /symbolic link/.test(found.refused), JSON.stringify(found));
      assert.ok('refused' in locationFileSync(root, 'bucket', key));
    }
    const alias = await locationFile(root, 'bucket', 'alias.png');
    assert.ok('real' in alias && alias.real === fs.realpathSync.native(path.join(root, 'bucket', 'in.png')));
  });

  it("the preview: the line's image s3://../secret/x.png maps to no file, and the folder source refuses to read it", async () => {
    const view = previewOf(0, JSON.stringify({ 'source-ref': 's3://../secret/x.png', a: 1, 'a-metadata': { 'class-name': 'cat', type: 'groundtruth/image-classification' } }));
    assert.deepEqual(view.image, { bucket: '..', key: 'secret/x.png' });
    const found = await locationFile(root, view.image!.bucket, view.image!.key);
    assert.ok('refused' in found, JSON.stringify(found));
    const probe = await probeImage(createFolderSource(root), view.image!.bucket, view.image!.key);
    assert.deepEqual([probe.kind, probe.kind === 'unreadable' && probe.reason], ['unreadable', 'denied']);
    assert.match(probe.kind === 'unreadable' ? probe.message : '', /^refused: the bucket is "\.\."/);
  });
});
