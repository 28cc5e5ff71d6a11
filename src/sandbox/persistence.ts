/** Optional persistence: the whole state as one JSON file, rewritten (atomically) after each change. */
import * as fs from 'fs';
import * as path from 'path';
import type { StateSnapshot } from './state';

export const STATE_FILE = 'sandbox-state.json';

export class Persistence {
  readonly file: string;
  constructor(readonly dir: string) {
    this.file = path.join(dir, STATE_FILE);
  }

  load(): StateSnapshot | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const s = JSON.parse(text) as StateSnapshot;
      if (s && s.version === 1 && Array.isArray(s.projects) && Array.isArray(s.datasets)) return s;
    } catch {
      // fall through
    }
    throw new Error(`The sandbox state file ${this.file} is not valid. Move it away (or delete it) to start with an empty sandbox.`);
  }

  save(snapshot: StateSnapshot): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snapshot));
    fs.renameSync(tmp, this.file);
  }
}
