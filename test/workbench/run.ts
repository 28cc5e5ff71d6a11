/**
 * Runs the tests that need a real VS Code workbench: code-server 4.139.1 (VS Code 1.139.1) on
 * 127.0.0.1 and headless chromium, in two phases. Builds nothing: `npm test` builds first (or run
 * `npm run build`).
 *   1. integration: the extension-host suites (out/test/integration/index.js, the vscode API),
 *      loaded through the smoke-test driver's payload;
 *   2. ui: the UI tests (test/ui/**), run here by mocha, acting on the page as a person through
 *      playwright, against a second workbench with the extension installed and a local sandbox
 *      (test/workbench/ui-phase.ts).
 *
 *   tsx test/workbench/run.ts [--timeout <s>] [--grep <regexp>] [--only integration|ui]
 *                             [--env NAME=VALUE]... [--screenshot <png>] [--shots <dir>]
 *                             [--keep] [--verbose] [--no-install] [--installed <vsix>]
 *
 * --installed <vsix>: tests the package as a user gets it: the .vsix is installed with
 * `code-server --install-extension` and the suites run against that copy (the development
 * folder is not loaded; the extension host gets CUSTOM_LABELS_TEST_INSTALLED=<its folder>, and
 * the index checks the extension under test is the one there).
 *
 * Exit code: the tests' own (0 all passed, 1 failures); 124 on timeout; 2 on a setup error;
 * 130/143 when interrupted. Every process it starts is stopped on the way out.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INSTALLED_ENV } from '../integration/installed-protocol';
import { SCREENSHOT_DONE_ENV, SCREENSHOT_READY } from '../integration/screenshot-protocol';
import { openWorkbench, waitForScene, type Workbench } from './browser';
import {
  QUIET_SETTINGS,
  extensionHostLog,
  freePort,
  installExtension,
  remoteUri,
  startCodeServer,
  tail,
  workbenchUrl,
  writeUserSettings,
  type CodeServer,
} from './code-server';
import { REPO_ROOT, ensureInstalled, type WorkbenchInstall } from './install-location';
import { runUiPhase, type UiPhaseResult } from './ui-phase';

const USAGE = `Usage: tsx test/workbench/run.ts [options]
  --timeout <seconds>    fail if the tests have not finished (default ${defaultTimeout()} s; env CUSTOM_LABELS_TEST_TIMEOUT)
  --grep <regexp>        run only the tests whose full title matches (both phases)
  --only <phase>         run one phase: integration (extension-host suites) or ui (UI tests)
  --env NAME=VALUE       extra environment for the extension host (repeatable)
  --screenshot <png>     after the tests pass, show the explorer and a manifest with problems and save a screenshot
  --shots <dir>          copy the UI tests' screenshots (taken on purpose and on failure) to <dir>
  --keep                 keep the throwaway run directory (logs, user data)
  --verbose              copy code-server's output and browser errors to stderr
  --no-install           do not run test/workbench/install.sh when the workbench is missing
  --installed <vsix>     install this .vsix (as a user does) and test it instead of this folder
                         (a folder: the .vsix \`npm run package\` writes there, e.g. dist)`;

interface Options {
  timeoutS: number;
  grep?: string;
  env: Record<string, string>;
  screenshot?: string;
  shots?: string;
  only?: 'integration' | 'ui';
  keep: boolean;
  verbose: boolean;
  autoInstall: boolean;
  installed?: string;
}

class UsageError extends Error {}

function defaultTimeout(): number {
  // Both phases together: ~2 min of integration tests and ~10 of UI tests on a loaded 2-core machine
  // (the UI suite grew to 54 tests: 600 s cut it short), with room for a slower one.
  return Number(process.env.CUSTOM_LABELS_TEST_TIMEOUT) || 1500;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    timeoutS: defaultTimeout(),
    env: {},
    keep: false,
    verbose: false,
    autoInstall: process.env.CUSTOM_LABELS_NO_AUTO_INSTALL !== '1',
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--timeout': {
        const s = Number(value(i++, arg));
        if (!(s > 0)) throw new UsageError(`--timeout takes a number of seconds > 0, not "${argv[i]}".`);
        options.timeoutS = s;
        break;
      }
      case '--grep':
        options.grep = value(i++, arg);
        break;
      case '--env': {
        const pair = value(i++, arg);
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`--env takes NAME=VALUE, not "${pair}".`);
        options.env[pair.slice(0, eq)] = pair.slice(eq + 1);
        break;
      }
      case '--screenshot':
        options.screenshot = path.resolve(value(i++, arg));
        break;
      case '--shots':
        options.shots = path.resolve(value(i++, arg));
        break;
      case '--only': {
        const phase = value(i++, arg);
        if (phase !== 'integration' && phase !== 'ui') throw new UsageError(`--only takes integration or ui, not "${phase}".`);
        options.only = phase;
        break;
      }
      case '--keep':
        options.keep = true;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '--installed':
        options.installed = packageFile(value(i++, arg));
        break;
      case '--no-install':
        options.autoInstall = false;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        throw new UsageError(`Unknown option "${arg}".`);
    }
  }
  return options;
}

/** Workbench chatter that is not the tests' output (shown with --verbose). */
const NOISE: readonly RegExp[] = [
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache/,
  /^\[AccountPolicyGate\]/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^\[AgentHost:/,
  /^No search provider registered for scheme/,
];

const say = (message: string): void => console.log(`[workbench] ${message}`);

/** Everything to undo on the way out, last started first. */
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
/** Set by SIGINT/SIGTERM: the outcome of the run no longer matters. */
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => console.error(`[workbench] cleanup: ${String(e)}`));
  })();
  return cleaning;
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));

  const index = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  const needed = options.only === 'ui' ? [] : [index];
  for (const built of [...needed, ...(options.installed ? [] : [path.join(REPO_ROOT, 'dist', 'extension.js')])]) {
    if (!fs.existsSync(built)) throw new Error(`${path.relative(REPO_ROOT, built)} is missing: run \`npm run build\` first.`);
  }
  if (options.installed && !fs.existsSync(options.installed)) {
    throw new Error(`${options.installed} is missing: run \`npm run package\` first.`);
  }
  const install = ensureInstalled(options.autoInstall);

  // Short: the server's unix sockets live under it (limit ~107 characters).
  const tmpRoot = os.tmpdir().length <= 40 ? os.tmpdir() : '/tmp';
  const runDir = fs.mkdtempSync(path.join(tmpRoot, 'clw-'));
  keep = options.keep;
  cleanups.push(async () => {
    if (keep) say(`run directory kept: ${runDir}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  });

  let code = 0;
  if (options.only !== 'ui') {
    code = await integrationPhase(options, install, runDir, index, started);
    // A hang or a lost workbench says nothing about the UI: report it and stop there.
    if (code !== 0 && code !== 1) return code;
  }
  if (interrupted) return 130;
  if (options.only !== 'integration') {
    const ui = await uiPhase(options, install, runDir, started);
    if (ui !== 0 && code === 0) code = ui;
  }
  return code;
}

/** The run directory survives when something failed (or with --keep). */
let keep = false;

/** Phase 2: the UI tests, after phase 1's workbench is closed (2 cores: one workbench at a time). */
async function uiPhase(options: Options, install: WorkbenchInstall, runDir: string, runStarted: number): Promise<number> {
  const started = Date.now();
  const remainingMs = Math.max(30_000, options.timeoutS * 1000 - (started - runStarted));
  const local: Array<() => Promise<void>> = [];
  cleanups.push(() => stopAll(local));
  let result: UiPhaseResult | undefined;
  try {
    say(`UI tests: a workbench with the extension installed${options.installed ? ` from ${path.basename(options.installed)}` : ' (linked)'}, on a local sandbox`);
    result = await runUiPhase({
      install,
      runDir,
      grep: options.grep,
      timeoutMs: remainingMs,
      verbose: options.verbose,
      vsix: options.installed,
      onCleanup: (fn) => local.push(fn),
    });
  } finally {
    await stopAll(local);
  }
  if (interrupted) return 130;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const shots = fs.existsSync(result.shotsDir) ? fs.readdirSync(result.shotsDir).filter((f) => f.endsWith('.png')) : [];
  if (options.shots && shots.length) {
    fs.mkdirSync(options.shots, { recursive: true });
    for (const f of shots) fs.copyFileSync(path.join(result.shotsDir, f), path.join(options.shots, f));
    say(`UI screenshots copied to ${options.shots}: ${shots.join(', ')}`);
  }
  if (result.failures === -1) {
    keep = true;
    console.error(`[workbench] TIMEOUT: the UI tests did not finish within ${(remainingMs / 1000).toFixed(0)} s. Screenshots: ${result.shotsDir}`);
    return 124;
  }
  if (result.failures > 0) {
    keep = true;
    console.error(`[workbench] UI tests FAILED (${result.failures} of ${result.tests}) after ${seconds} s. Screenshots: ${result.shotsDir}`);
    return 1;
  }
  say(`UI tests passed (${result.tests}) in ${seconds} s`);
  return 0;
}

/** Runs `fns` last first, once each (they are removed as they run). */
async function stopAll(fns: Array<() => Promise<void>>): Promise<void> {
  while (fns.length) await fns.pop()!().catch((e: unknown) => console.error(`[workbench] cleanup: ${String(e)}`));
}

/** Phase 1: the extension-host suites, through the smoke-test driver's payload. */
async function integrationPhase(options: Options, install: WorkbenchInstall, runDir: string, index: string, started: number): Promise<number> {
  const local: Array<() => Promise<void>> = [];
  cleanups.push(() => stopAll(local));
  try {
    return await integrationRun(options, install, runDir, index, started, local);
  } finally {
    await stopAll(local);
  }
}

async function integrationRun(
  options: Options,
  install: WorkbenchInstall,
  runDir: string,
  index: string,
  started: number,
  local: Array<() => Promise<void>>,
): Promise<number> {
  const workspace = path.join(runDir, 'ws');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userDataDir = path.join(runDir, 'data');
  writeUserSettings(userDataDir, { ...QUIET_SETTINGS });
  const extensionsDir = path.join(runDir, 'ext');
  // Under test: this folder, or the installed package with a stand-in development extension
  // (a payload needs extensionDevelopmentPath for extensionTestsPath to run).
  let developmentPath = REPO_ROOT;
  let installedAt: string | undefined;
  if (options.installed) {
    installedAt = installExtension(install, options.installed, extensionsDir, runDir);
    developmentPath = writeTestHost(runDir);
    say(`installed ${path.basename(options.installed)} as ${path.relative(runDir, installedAt)} (${fs.readdirSync(installedAt, { recursive: true }).length} files)`);
  }

  const server: CodeServer = await startCodeServer({
    install,
    port: await freePort(),
    runDir,
    userDataDir,
    extensionsDir,
    verbose: options.verbose,
  });
  local.push(() => server.stop());
  say(`code-server ${server.origin} up after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const doneFile = path.join(runDir, 'screenshot.done');
  const extensionEnvironment: Record<string, string> = {
    CUSTOM_LABELS_TEST: '1',
    ...(options.grep ? { CUSTOM_LABELS_TEST_GREP: options.grep } : {}),
    ...(process.stdout.isTTY ? { CUSTOM_LABELS_TEST_COLOR: '1' } : {}),
    ...(options.screenshot ? { [SCREENSHOT_DONE_ENV]: doneFile } : {}),
    ...(installedAt ? { [INSTALLED_ENV]: installedAt } : {}),
    ...options.env,
  };
  const url = workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', remoteUri(server, developmentPath)],
    ['extensionTestsPath', remoteUri(server, index.replace(/\.js$/, ''))],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
  ]);

  const recent: string[] = [];
  let screenshot: Promise<void> | undefined;
  let workbench: Workbench | undefined;
  const onLog = (line: string): void => {
    if (!options.verbose && NOISE.some((re) => re.test(line))) return;
    recent.push(line);
    if (recent.length > 15) recent.shift();
    if (line.includes(SCREENSHOT_READY)) {
      const problems = Number(/problems=(\d+)/.exec(line)?.[1] ?? 0);
      screenshot = takeScreenshot(workbench, options.screenshot!, problems > 0, doneFile);
      return;
    }
    console.log(line);
  };
  workbench = await openWorkbench({
    executablePath: install.chromium,
    profileDir: path.join(runDir, 'chromium'),
    url,
    onLog,
    verbose: options.verbose,
  });
  local.push(() => workbench!.close());

  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    workbench.exitCode.then((code) => ({ code })),
    workbench.lost.then((why) => ({ problem: why })),
    server.exited.then((how) => ({ problem: `code-server stopped during the tests (${how})` })),
    new Promise<{ timedOut: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timedOut: true }), options.timeoutS * 1000);
    }),
  ]);
  clearTimeout(timer);
  if (screenshot) await screenshot;

  if (interrupted) return 130;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const hostLog = extensionHostLog(userDataDir);
  if ('code' in outcome) {
    if (outcome.code === 0) {
      say(`integration tests passed in ${seconds} s${installedAt ? ` against the installed ${path.basename(options.installed!)}` : ''}`);
    } else {
      keep = true;
      console.error(`[workbench] integration tests FAILED (exit ${outcome.code}) after ${seconds} s. Extension host log: ${hostLog ?? '(none)'}`);
    }
    return outcome.code;
  }
  keep = true;
  if ('timedOut' in outcome) {
    console.error(
      `[workbench] TIMEOUT: the integration tests did not finish within ${options.timeoutS} s ` +
        `(a test or the extension host hangs). Raise it with --timeout <seconds> or CUSTOM_LABELS_TEST_TIMEOUT.\n` +
        `  last output:\n${recent.map((l) => `    ${l}`).join('\n') || '    (none: the tests never started; see the logs)'}\n` +
        `  extension host log: ${hostLog ?? '(none)'}\n  code-server log: ${server.logFile}`,
    );
    return 124;
  }
  console.error(`[workbench] ${outcome.problem} after ${seconds} s.\n${tail(server.logFile, 20)}`);
  return 1;
}

/** The .vsix for --installed: the file given, or in a folder given, the one `npm run package` writes there. */
function packageFile(given: string): string {
  const file = path.resolve(given);
  if (!fs.existsSync(file) || !fs.statSync(file).isDirectory()) return file;
  const { name, version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(file, `${name}-${version}.vsix`);
}

/** A development extension that contributes nothing: it only lets the payload run the tests. */
function writeTestHost(runDir: string): string {
  const dir = path.join(runDir, 'test-host');
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'installed-package-tests', publisher: 'custom-labels-test', version: '0.0.0', engines: { vscode: '*' } };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

async function takeScreenshot(workbench: Workbench | undefined, file: string, expectProblems: boolean, doneFile?: string): Promise<void> {
  try {
    if (!workbench) throw new Error('the workbench page is not open');
    const missing = await waitForScene(workbench.page, expectProblems, 30_000);
    if (missing.length) console.warn(`[workbench] screenshot taken without ${missing.join(' and ')}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await workbench.page.screenshot({ path: file });
    say(`screenshot saved: ${path.relative(process.cwd(), file) || file}`);
  } catch (error) {
    console.error(`[workbench] screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (doneFile) fs.writeFileSync(doneFile, 'done\n');
  }
}

function interrupt(reason: string, code: number): void {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n[workbench] ${reason}: stopping code-server and chromium`);
  void cleanup().finally(() => process.exit(code));
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => interrupt(signal, code));
}
// `npm run` relays a SIGTERM sent to npm alone to its shell, not to this process: notice the
// parent going away (this process is re-parented) and stop everything too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) interrupt('parent process exited', 143);
}, 1_000).unref();

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    await cleanup();
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else console.error(`[workbench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
