/**
 * Every command declared in package.json is registered somewhere in src/, and every command
 * registered is declared: a missing one is a dead menu entry or an invisible command.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../../src/constants';

const ROOT = path.join(__dirname, '..', '..', '..');

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus?: Record<string, { command: string }[]>;
    viewsWelcome?: { contents: string }[];
  };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Command ids passed to a registerCommand(...) call: `Commands.x` or a string literal. */
function registeredIds(): Map<string, string> {
  const ids = new Map<string, string>();
  const byKey = Commands as Record<string, string>;
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const re = /registerCommand\(\s*(?:[A-Za-z_$][\w$]*\s*,\s*)?(?:Commands\.(\w+)|'([^']+)'|"([^"]+)")/g;
    for (const m of text.matchAll(re)) {
      const id = m[1] ? byKey[m[1]] : (m[2] ?? m[3]);
      assert.ok(id, `${path.relative(ROOT, file)} registers Commands.${m[1]}, which src/constants.ts does not define`);
      ids.set(id, path.relative(ROOT, file));
    }
  }
  return ids;
}

describe('command declarations', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const declared = new Set(manifest.contributes.commands.map((c) => c.command));
  const registered = registeredIds();

  it('registers every command package.json declares', () => {
    const missing = [...declared].filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared in package.json but never registered: ${missing.join(', ')}`);
  });

  it('declares every command it registers', () => {
    const undeclared = [...registered.keys()].filter((id) => !declared.has(id));
    assert.deepEqual(undeclared, [], `registered but not in package.json contributes.commands: ${undeclared.join(', ')}`);
  });

  it('declares every id of the Commands constants', () => {
    const missing = Object.values(Commands).filter((id) => !declared.has(id));
    assert.deepEqual(missing, []);
  });

  it('menus and welcome links only name declared commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu} names undeclared ${item.command}`);
    }
    for (const w of manifest.contributes.viewsWelcome ?? []) {
      for (const m of w.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(declared.has(m[1]!), `viewsWelcome links undeclared ${m[1]}`);
    }
  });
});
