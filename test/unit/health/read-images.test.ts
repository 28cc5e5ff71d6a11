/**
 * Reading a dataset's images for health (src/health/read-images.ts): each read once from a folder
 * standing in for S3, fingerprinted; a cache by bucket/key/ETag answers an unchanged image with no
 * read (a stat only) and reads a changed one again; a missing, oversized or undecodable image says
 * why; the cache holds at most its bound, dropping the least recently used.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FingerprintCache, locationKey, readImages, type ImageRead } from '../../../src/health';
import { createFolderSource, type ImageSource } from '../../../src/images';
import { photo, toJpeg, toPng } from './synthetic-photo';

function counted(source: ImageSource): ImageSource & { reads: number } {
  const s = Object.assign(Object.create(null), source, { reads: 0 }) as ImageSource & { reads: number };
  const readRange = source.readRange!.bind(source);
  s.readRange = (...a) => {
    s.reads++;
    return readRange(...a);
  };
  return s;
}

describe('health: reading the images', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-read-'));
    fs.mkdirSync(path.join(dir, 'b', 'img'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const at = (key: string) => ({ bucket: 'b', key });
  const fp = (r: ImageRead | undefined) => (r && 'fingerprint' in r ? r.fingerprint : assert.fail(`no fingerprint: ${JSON.stringify(r)}`));

  it('fingerprints each image once, a location given twice read once', async () => {
    const a = toJpeg(photo({ palette: 1, layout: 1, width: 200, height: 100 }), 80);
    const b = toPng(photo({ palette: 2, layout: 2, width: 90, height: 120 }));
    fs.writeFileSync(path.join(dir, 'b', 'img', 'a.jpg'), a);
    fs.writeFileSync(path.join(dir, 'b', 'img', 'b.png'), b);
    const source = counted(createFolderSource(dir));
    const out = await readImages([at('img/a.jpg'), at('img/b.png'), at('img/a.jpg')], source);
    assert.equal(source.reads, 2);
    const fa = fp(out.get(locationKey(at('img/a.jpg'))));
    const fb = fp(out.get(locationKey(at('img/b.png'))));
    assert.deepEqual([fa.format, fa.width, fa.height, fa.sha256], ['jpeg', 200, 100, createHash('sha256').update(a).digest('hex')]);
    assert.deepEqual([fb.format, fb.width, fb.height, fb.sha256], ['png', 90, 120, createHash('sha256').update(b).digest('hex')]);
  });

  it('with a cache: an unchanged image is not read again, a changed one is', async () => {
    const file = path.join(dir, 'b', 'img', 'a.jpg');
    fs.writeFileSync(file, toJpeg(photo({ palette: 1, layout: 1, width: 200, height: 100 }), 80));
    const cache = new FingerprintCache();
    const first = counted(createFolderSource(dir));
    await readImages([at('img/a.jpg')], first, { cache });
    const second = counted(createFolderSource(dir));
    const again = await readImages([at('img/a.jpg')], second, { cache });
    assert.equal(second.reads, 0);
    assert.equal(fp(again.get(locationKey(at('img/a.jpg')))).width, 200);
    const changed = toJpeg(photo({ palette: 1, layout: 1, width: 300, height: 100 }), 80);
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const third = counted(createFolderSource(dir));
    const after = await readImages([at('img/a.jpg')], third, { cache });
    assert.equal(third.reads, 1);
    assert.equal(fp(after.get(locationKey(at('img/a.jpg')))).width, 300);
  });

  it('says why an image has no fingerprint: missing, not an image, over 15 MB', async () => {
    fs.writeFileSync(path.join(dir, 'b', 'img', 'note.jpg'), 'just text');
    fs.writeFileSync(path.join(dir, 'b', 'img', 'huge.jpg'), Buffer.alloc(15 * 1024 * 1024 + 1, 0xff));
    const out = await readImages([at('img/gone.jpg'), at('img/note.jpg'), at('img/huge.jpg')], createFolderSource(dir));
    const why = (k: string) => {
      const r = out.get(locationKey(at(k)));
      return r && 'problem' in r ? r.reason : 'fingerprinted';
    };
    assert.deepEqual([why('img/gone.jpg'), why('img/note.jpg'), why('img/huge.jpg')], ['missing', 'not-decoded', 'too-large']);
  });

  it('the cache keeps at most its bound, the least recently used dropped first', () => {
    const cache = new FingerprintCache(2);
    const f = { sha256: 'x', bytes: 1, format: 'png' as const, width: 1, height: 1, dhash: '0000000000000000' };
    cache.set(at('1'), 'e', f);
    cache.set(at('2'), 'e', f);
    cache.get(at('1'));
    cache.set(at('3'), 'e', f);
    assert.deepEqual([cache.size, !!cache.get(at('1')), !!cache.get(at('2')), !!cache.get(at('3'))], [2, true, false, true]);
  });
});
