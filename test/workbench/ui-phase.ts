/**
 * The UI phase of the workbench run (after the extension-host suites): a second code-server with
 * the extension INSTALLED (linked into its extensions dir, as `npm start` does; no smoke-test
 * driver, so notifications show as a user sees them), connected to a local sandbox started here,
 * and the UI tests (test/ui/**\/*.test.ts) run by mocha in THIS process, driving the page through
 * playwright as a person would.
 *
 * HOW A UI SUITE IS PICKED UP — nobody edits this file to add one: write
 * `test/ui/<name>.test.ts` with mocha's `describe`/`it`, act and read through `test/ui/driver.ts`,
 * set up the account (projects, datasets, faults) through `session().service`/`session().sandbox`.
 * A failed test leaves `<run dir>/ui/shots/failed-<title>.png`.
 */
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCustomLabelsService } from '../../src/rekognition/service';
import { startSandbox } from '../../src/sandbox';
import { screenshot, until } from '../ui/driver';
import { setSession } from '../ui/session';
import { openWorkbench } from './browser';
import {
  QUIET_SETTINGS,
  freePort,
  installExtension,
  linkExtension,
  startCodeServer,
  workbenchUrl,
  writeMachineSettings,
  writeUserSettings,
} from './code-server';
import { REPO_ROOT, type WorkbenchInstall } from './install-location';

export interface UiPhaseOptions {
  install: WorkbenchInstall;
  /** The run's throwaway directory; the phase works in `<runDir>/ui`. */
  runDir: string;
  grep?: string;
  timeoutMs: number;
  verbose: boolean;
  /** Test this .vsix, installed with `code-server --install-extension`, instead of linking this folder. */
  vsix?: string;
  /** Registers something to undo on the way out (run.ts stops everything, last first). */
  onCleanup: (fn: () => Promise<void>) => void;
}

export interface UiPhaseResult {
  /** Failed tests; -1 when the phase timed out. */
  failures: number;
  tests: number;
  shotsDir: string;
}

/** The UI suites, sorted by path. */
export function uiSuites(): string[] {
  const dir = path.join(REPO_ROOT, 'test', 'ui');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function runUiPhase(options: UiPhaseOptions): Promise<UiPhaseResult> {
  const dir = path.join(options.runDir, 'ui');
  const shotsDir = path.join(dir, 'shots');
  const workspace = path.join(dir, 'ws');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

  // The SDK's notice about future Node versions would land in the middle of mocha's report: the
  // client here only sets up the sandbox account for the tests.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Its "S3" (s3://bucket/key = s3/bucket/key): tests put images there (the preview reads them).
  const s3Root = path.join(dir, 's3');
  fs.mkdirSync(s3Root, { recursive: true });
  const sandbox = await startSandbox({ transitionDelayMs: 20, s3Root });
  options.onCleanup(() => sandbox.close());
  const service = createCustomLabelsService({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
  });

  const userDataDir = path.join(dir, 'data');
  writeUserSettings(userDataDir, { ...QUIET_SETTINGS, 'customLabels.connection': 'sandbox' });
  writeMachineSettings(userDataDir, { 'customLabels.sandbox.endpoint': sandbox.endpoint });
  const extensionsDir = path.join(dir, 'ext');
  if (options.vsix) installExtension(options.install, options.vsix, extensionsDir, dir);
  else linkExtension(extensionsDir);
  const server = await startCodeServer({
    install: options.install,
    port: await freePort(),
    runDir: dir,
    userDataDir,
    extensionsDir,
    verbose: options.verbose,
    testDriver: false,
  });
  options.onCleanup(() => server.stop());

  const workbench = await openWorkbench({
    executablePath: options.install.chromium,
    profileDir: path.join(dir, 'chromium'),
    url: workbenchUrl(server, workspace, []),
    onLog: (line) => {
      if (options.verbose) process.stderr.write(`[ui page] ${line}\n`);
    },
    verbose: options.verbose,
  });
  options.onCleanup(() => workbench.close());
  setSession({
    page: workbench.page,
    workspace,
    shotsDir,
    sandbox,
    service,
    s3Root,
    startSandbox: async (sandboxOptions) => {
      const other = await startSandbox({ transitionDelayMs: 20, ...sandboxOptions });
      options.onCleanup(() => other.close());
      return other;
    },
    editMachineSettings: (settings) => writeMachineSettings(userDataDir, settings),
  });

  // Ready when the workbench shows its activity bar with our view container in it.
  await until(
    'the workbench to load with the Custom Labels activity bar item',
    async () => ((await workbench.page.locator('.activitybar .action-item [aria-label^="Custom Labels"]').count()) ? true : undefined),
    undefined,
    120_000,
  );

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.stdout.isTTY,
    timeout: 90_000,
    ...(options.grep ? { grep: options.grep } : {}),
  });
  mocha.rootHooks({
    afterEach: async function (this: Mocha.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      try {
        const file = await screenshot(`failed-${test.fullTitle()}`);
        console.log(`      screenshot of the failure: ${file}`);
      } catch (error) {
        console.log(`      (no screenshot of the failure: ${String(error)})`);
      }
    },
  });
  for (const file of uiSuites()) mocha.addFile(file);
  await mocha.loadFilesAsync();

  let runner: Mocha.Runner | undefined;
  let timer: NodeJS.Timeout | undefined;
  // A failing hook (before/after) gets no afterEach: take its picture as it is reported.
  const hookShots: Promise<unknown>[] = [];
  const failures = await Promise.race([
    new Promise<number>((resolve) => {
      runner = mocha.run((n) => void Promise.allSettled(hookShots).then(() => resolve(n)));
      runner.on('fail', (test) => {
        if ((test as unknown as { type?: string }).type === 'hook') hookShots.push(screenshot(`failed-${test.fullTitle()}`).then((f) => console.log(`      screenshot of the failure: ${f}`)));
      });
    }),
    new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        runner?.abort();
        resolve(-1);
      }, options.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  setSession(undefined);
  return { failures, tests: runner?.total ?? 0, shotsDir };
}
