#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (their `prestart` / `pretest` scripts): installs what
 * they need when it is missing or stale, says what it is doing while it does it, and changes
 * nothing when all is in place. Plain Node, no dependency: it runs on a fresh clone, before
 * node_modules exists.
 *
 *   1. The dependencies from the lockfile: `npm ci` when node_modules is missing, or when a
 *      package the lockfile names is absent or at another version than npm's record of what it
 *      installed (node_modules/.package-lock.json) says. Optional packages npm left out (another
 *      platform's esbuild binary) are not missing.
 *   2. The workbench pieces outside node_modules (chromium, Node 24, code-server), as CI
 *      installs them: test/workbench/install.sh, which only checks its stamp when they are there.
 *
 *   node test/workbench/setup.js [--check]   (--check: say what is missing, install nothing, exit 1 if anything is)
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const say = (message) => console.log(`[setup] ${message}`);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why the installed dependencies do not match the lockfile, or undefined when they do. */
function staleDependencies(root) {
  const lock = readJson(path.join(root, 'package-lock.json'));
  if (!lock || typeof lock.packages !== 'object') return 'package-lock.json is missing or unreadable';
  if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'));
  if (!installed || typeof installed.packages !== 'object') return 'node_modules has no record of what npm installed';
  const stale = [];
  for (const [key, wanted] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || wanted.link) continue;
    const have = Object.prototype.hasOwnProperty.call(installed.packages, key) ? installed.packages[key] : undefined;
    if (!have) {
      if (!wanted.optional) stale.push(`${key.slice('node_modules/'.length)} is not installed`);
    } else if (have.version !== wanted.version) {
      stale.push(`${key.slice('node_modules/'.length)} is ${have.version}, the lockfile says ${wanted.version}`);
    } else if (!fs.existsSync(path.join(root, key, 'package.json'))) {
      stale.push(`${key.slice('node_modules/'.length)} is recorded but its folder is gone`);
    }
  }
  if (stale.length === 0) return undefined;
  return stale.length === 1 ? stale[0] : `${stale[0]} (and ${stale.length - 1} more)`;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function main() {
  const checkOnly = process.argv.includes('--check');
  const why = staleDependencies(ROOT);
  if (why) {
    if (checkOnly) {
      say(`dependencies need installing: ${why}`);
      return 1;
    }
    say(`installing the dependencies from package-lock.json (npm ci): ${why}`);
    const started = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const status = run(npm, ['ci', '--no-audit', '--no-fund']);
    if (status !== 0) {
      say(`npm ci failed (exit ${status}); see its messages above. Check the npm registry is reachable, then run the command again.`);
      return status;
    }
    say(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  if (checkOnly) return 0;
  // install.sh is idempotent: with its stamp in place it prints one line and changes nothing.
  const status = run('bash', [path.join('test', 'workbench', 'install.sh')]);
  if (status !== 0) say(`the workbench install failed (exit ${status}); see its messages above.`);
  return status;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

module.exports = { staleDependencies };
