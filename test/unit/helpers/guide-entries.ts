/**
 * The guide's example entries as the service wrote them (test/fixtures/manifests/guide/): what the
 * service wrote on an entry, by level and key, and the entry without it. Shared by the linter's
 * fixture test (the validator finds the same codes) and the sandbox's (it writes them back where
 * the guide prints them).
 */
import { readFileSync } from 'fs';
import * as path from 'path';

export const GUIDE_DIR = path.join(__dirname, '..', '..', 'fixtures', 'manifests', 'guide');

export interface GuideCase {
  file: string;
  page: string;
  rule: string;
  serviceOutput?: boolean;
  file_codes: string[];
  /** The exit status of `custom-labels lint` on the file, recorded from what the guide says of it (not from our validator). */
  exit: 0 | 1;
  exit_says: string;
  lines?: { line: number; codes: string[]; says?: string }[];
}

export const GUIDE_CASES = (JSON.parse(readFileSync(path.join(GUIDE_DIR, 'cases.json'), 'utf8')) as { cases: GuideCase[] }).cases;

export function guideText(file: string): string {
  return readFileSync(path.join(GUIDE_DIR, file), 'utf8');
}

const FINDING_KEYS = ['errors', 'cl-errors', 'warnings', 'cl-warnings'];

export type Level = 'line' | 'attribute' | 'metadata' | 'annotation';

export interface Finding {
  level: Level;
  key: string;
  code: string;
  message?: string;
}

/** What the service wrote on an entry (its findings, its `cl-metadata`), and the entry without it. */
export function serviceFindings(line: string): { findings: Finding[]; clMetadata: unknown; input: string } {
  const obj = JSON.parse(line) as Record<string, unknown>;
  const findings: Finding[] = [];
  const take = (o: Record<string, unknown>, level: Level): void => {
    for (const key of FINDING_KEYS) {
      const list = o[key];
      if (Array.isArray(list)) for (const f of list) findings.push({ level, key, code: (f as { code: string }).code, message: (f as { message?: string }).message });
      delete o[key];
    }
  };
  take(obj, 'line');
  const clMetadata = obj['cl-metadata'];
  delete obj['cl-metadata'];
  for (const [key, v] of Object.entries(obj)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const o = v as Record<string, unknown>;
    take(o, key.endsWith('-metadata') ? 'metadata' : 'attribute');
    if (Array.isArray(o.annotations)) for (const a of o.annotations) if (a && typeof a === 'object') take(a as Record<string, unknown>, 'annotation');
  }
  return { findings, clMetadata, input: JSON.stringify(obj) };
}
