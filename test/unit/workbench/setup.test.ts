/**
 * test/workbench/setup.js (`prestart` / `pretest`): when the dependencies need `npm ci`.
 * Each case is a folder laid out by hand here, as npm would leave it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleDependencies } = require('../../workbench/setup.js') as { staleDependencies(root: string): string | undefined };

interface Pkg { version: string; optional?: boolean }

function project(lock: Record<string, Pkg>, installed?: Record<string, Pkg>, folders: string[] = Object.keys(installed ?? {})): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-setup-'));
  const packages = (entries: Record<string, Pkg>): Record<string, Pkg> => ({ '': { version: '1.0.0' }, ...Object.fromEntries(Object.entries(entries).map(([name, p]) => [`node_modules/${name}`, p])) });
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: packages(lock) }));
  if (installed) {
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: packages(installed) }));
    for (const name of folders) {
      fs.mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
      fs.writeFileSync(path.join(root, 'node_modules', name, 'package.json'), '{}');
    }
  }
  return root;
}

describe('setup before npm start / npm test', () => {
  it('wants npm ci on a fresh clone (no node_modules)', () => {
    assert.equal(staleDependencies(project({ a: { version: '1.0.0' } })), 'node_modules is missing');
  });

  it('changes nothing when what npm installed is what the lockfile says', () => {
    const lock = { a: { version: '1.0.0' }, '@s/b': { version: '2.1.0' } };
    assert.equal(staleDependencies(project(lock, lock)), undefined);
  });

  it('leaves out optional packages npm did not install (another platform\'s binary)', () => {
    const lock = { a: { version: '1.0.0' }, '@esbuild/darwin-arm64': { version: '0.1.0', optional: true } };
    assert.equal(staleDependencies(project(lock, { a: { version: '1.0.0' } })), undefined);
  });

  it('wants npm ci when the lockfile moved to another version', () => {
    const why = staleDependencies(project({ a: { version: '1.1.0' } }, { a: { version: '1.0.0' } }));
    assert.equal(why, 'a is 1.0.0, the lockfile says 1.1.0');
  });

  it('wants npm ci when a package is missing, and counts the others', () => {
    const why = staleDependencies(project({ a: { version: '1.0.0' }, b: { version: '1.0.0' }, c: { version: '1.0.0' } }, { a: { version: '1.0.0' } }));
    assert.equal(why, 'b is not installed (and 1 more)');
  });

  it('wants npm ci when a recorded package\'s folder was deleted', () => {
    const lock = { a: { version: '1.0.0' } };
    assert.equal(staleDependencies(project(lock, lock, [])), 'a is recorded but its folder is gone');
  });

  it('wants npm ci when npm left no record of what it installed', () => {
    const root = project({ a: { version: '1.0.0' } });
    fs.mkdirSync(path.join(root, 'node_modules'));
    assert.equal(staleDependencies(root), 'node_modules has no record of what npm installed');
  });

  it('this repository\'s own node_modules is in place (the state CI and the tests run in)', () => {
    assert.equal(staleDependencies(path.resolve(__dirname, '..', '..', '..')), undefined);
  });
});
