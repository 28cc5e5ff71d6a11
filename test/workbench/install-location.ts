/**
 * Where test/workbench/install.sh put Node 24 and code-server, and running it when they are
 * missing. Plain Node: no vscode import.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'workbench', 'install.sh');

export interface WorkbenchInstall {
  cache: string;
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's out/node/entry.js. */
  entry: string;
  chromium: string;
}

export function cacheDir(): string {
  return process.env.CUSTOM_LABELS_WORKBENCH_CACHE || path.join(os.homedir(), '.cache', 'custom-labels-workbench');
}

/** The installed pieces, or undefined when the stamp or any piece is missing. */
export function findInstall(): WorkbenchInstall | undefined {
  const cache = cacheDir();
  let stamp: string;
  try {
    stamp = fs.readFileSync(path.join(cache, 'installed.stamp'), 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string): string | undefined => new RegExp(`^${name}=(.*)$`, 'm').exec(stamp)?.[1]?.trim();
  const node = field('node-bin');
  const entry = field('code-server-entry');
  const chromium = field('chromium') || '/usr/bin/chromium';
  if (!node || !entry || ![node, entry, chromium].every((f) => fs.existsSync(f))) return undefined;
  return { cache, node, entry, chromium };
}

/**
 * Returns the install, running install.sh first when it is missing (unless told not to, in which
 * case it throws an error that says what to run).
 */
export function ensureInstalled(autoInstall: boolean): WorkbenchInstall {
  const found = findInstall();
  if (found) return found;
  const howTo = `Run \`npm run setup:workbench\` (bash test/workbench/install.sh; needs root or sudo for apt-get, ~3 min once).`;
  if (!autoInstall) {
    throw new Error(`The VS Code workbench (code-server, Node 24, chromium) is not installed in ${cacheDir()}. ${howTo}`);
  }
  console.log(`[workbench] code-server is not installed in ${cacheDir()}: running ${path.relative(REPO_ROOT, INSTALL_SCRIPT)} (once, ~3 min)`);
  const result = spawnSync('bash', [INSTALL_SCRIPT], { stdio: 'inherit' });
  const installed = result.status === 0 ? findInstall() : undefined;
  if (!installed) {
    throw new Error(`Installing the workbench failed (exit ${result.status ?? result.signal}); see its messages above. ${howTo}`);
  }
  return installed;
}
