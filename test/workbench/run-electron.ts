/**
 * Runs the same integration entry (out/test/integration/index.js) in a desktop VS Code downloaded
 * by @vscode/test-electron. Needs access to update.code.visualstudio.com and, on a headless
 * Linux machine, a display (xvfb-run). Where VS Code cannot be downloaded (this project's build
 * machines), use `npm run test:integration` (code-server) instead.
 *
 *   node --import tsx test/workbench/run-electron.ts [--env NAME=VALUE]... [--grep <regexp>]
 * VS Code version: VSCODE_TEST_VERSION (default "stable").
 */
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './install-location';

async function main(): Promise<number> {
  const env: Record<string, string> = { CUSTOM_LABELS_TEST: '1' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--env' && value?.includes('=')) {
      env[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
      i++;
    } else if (flag === '--grep' && value) {
      env.CUSTOM_LABELS_TEST_GREP = value;
      i++;
    } else {
      console.error(`Unknown or incomplete option "${flag}". Usage: run-electron.ts [--env NAME=VALUE]... [--grep <regexp>]`);
      return 2;
    }
  }
  const index = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(index)) {
    console.error('out/test/integration/index.js is missing: run `npm run build` first.');
    return 2;
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clw-electron-'));
  try {
    const workspace = path.join(runDir, 'ws');
    fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    return await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: index.replace(/\.js$/, ''),
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(runDir, 'data')}`,
      ],
    });
  } catch (error) {
    if (error instanceof TestRunFailedError) {
      console.error(`[electron] ${error.message}`);
      return typeof error.code === 'number' && error.code !== 0 ? error.code : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      `[electron] VS Code could not be downloaded or run: ${message}\n` +
        `  @vscode/test-electron needs update.code.visualstudio.com (and a display: xvfb-run on headless Linux).\n` +
        `  Without them, run the same tests in code-server: npm run test:integration`,
    );
    return 1;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
