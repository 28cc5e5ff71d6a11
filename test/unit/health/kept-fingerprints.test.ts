/**
 * The window's fingerprints (src/health/kept-fingerprints.ts): what the gallery puts is saved once
 * its puts have stopped for a while, without a health check, and loads back in a new window; a
 * burst of puts is one save; flush saves at once.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeptFingerprints, type Fingerprint } from '../../../src/health';

const good: Fingerprint = { sha256: 'a'.repeat(64), bytes: 1234, format: 'jpeg', width: 640, height: 480, dhash: '0123456789abcdef' };

async function until(what: string, ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('health: the fingerprints kept for the window', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-fingerprints-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a burst of puts (the gallery) is saved once it is over, with no check, and loads back in a new window', async () => {
    const file = path.join(dir, 'fp.json');
    const saves: string[] = [];
    const kept = new KeptFingerprints(file, 100, 300, (e) => saves.push(`error ${String(e)}`));
    for (let i = 0; i < 3; i++) await kept.put({ bucket: 'b', key: `k${i}` }, `e${i}`, good);
    assert.equal(fs.existsSync(file), false, 'not saved while the puts go on');
    await until('the file saved', () => fs.existsSync(file));
    const again = new KeptFingerprints(file, 100);
    assert.deepEqual([...(await again.cache()).entries()].map(([k, v]) => `${k}|${v.etag}`), ['b\u0000k0|e0', 'b\u0000k1|e1', 'b\u0000k2|e2']);
    assert.deepEqual(saves, []);
  });

  it('without a quiet time set, puts wait for a save; flush saves at once', async () => {
    const file = path.join(dir, 'fp.json');
    const kept = new KeptFingerprints(file, 100);
    await kept.put({ bucket: 'b', key: 'k' }, 'e', good);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(fs.existsSync(file), false);
    await kept.flush();
    assert.equal((await new KeptFingerprints(file, 100).cache()).size, 1);
  });

  it('a save that fails is reported, and the next one writes what is there', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'x');
    const errors: unknown[] = [];
    const kept = new KeptFingerprints(path.join(blocked, 'fp.json'), 100, 50, (e) => errors.push(e));
    await kept.put({ bucket: 'b', key: 'k' }, 'e', good);
    await until('the error reported', () => errors.length === 1);
    await assert.rejects(kept.flush());
  });
});
