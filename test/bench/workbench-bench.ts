/**
 * What the benches that run in the real workbench share (editing.bench.ts, typing.bench.ts): a
 * run folder with a workspace the bench fills, user settings, the extension linked, code-server
 * and headless chromium started (test/workbench's machinery), the UI driver's session set, the
 * workbench loaded; then `run` with the page, and everything stopped and removed after (kept with
 * `keep`), a screenshot of the page saved on failure. And a browser trace of a stretch of work.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { openWorkbench, type Workbench } from '../workbench/browser';
import { QUIET_SETTINGS, freePort, linkExtension, startCodeServer, workbenchUrl, writeUserSettings, type CodeServer } from '../workbench/code-server';
import { ensureInstalled } from '../workbench/install-location';
import { setSession, type UiSession } from '../ui/session';
import { until } from '../ui/driver';

export interface BenchWorkbench {
  /** The run folder's prefix under the OS temp folder (short: code-server's socket paths are bounded). */
  prefix: string;
  /** Writes the workspace's files; returns user settings beside QUIET_SETTINGS. */
  prepare(workspace: string): Record<string, unknown>;
  /** Keep the run folder (its path is printed). */
  keep: boolean;
  /** The bench's name, for the failure screenshot's file. */
  name: string;
}

export async function inBenchWorkbench(bench: BenchWorkbench, run: (page: Page, workspace: string) => Promise<void>): Promise<void> {
  const install = ensureInstalled(false);
  const tmpRoot = os.tmpdir().length <= 40 ? os.tmpdir() : '/tmp';
  const runDir = fs.mkdtempSync(path.join(tmpRoot, bench.prefix));
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(workspace, { recursive: true });
  const settings = bench.prepare(workspace);
  const userDataDir = path.join(runDir, 'data');
  writeUserSettings(userDataDir, { ...QUIET_SETTINGS, 'workbench.editor.enablePreview': false, 'files.hotExit': 'off', ...settings });
  const extensionsDir = path.join(runDir, 'ext');
  linkExtension(extensionsDir);
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const stop = async (): Promise<void> => {
    await workbench?.close();
    await server?.stop();
    if (!bench.keep) fs.rmSync(runDir, { recursive: true, force: true });
    else console.log(`run directory kept: ${runDir}`);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    server = await startCodeServer({ install, port: await freePort(), runDir, userDataDir, extensionsDir, verbose: false, testDriver: false });
    workbench = await openWorkbench({ executablePath: install.chromium, profileDir: path.join(runDir, 'chromium'), url: workbenchUrl(server, workspace, []), onLog: () => undefined });
    const page = workbench.page;
    setSession({ page, workspace, shotsDir: path.join(runDir, 'shots') } as unknown as UiSession);
    await until('the workbench to load with the Custom Labels activity bar item', async () =>
      ((await page.locator('.activitybar .action-item [aria-label^="Custom Labels"]').count()) ? true : undefined), undefined, 120_000);
    await run(page, workspace);
  } catch (error) {
    if (workbench) await workbench.page.screenshot({ path: path.join(os.tmpdir(), `${bench.name}-bench-failure.png`) }).catch(() => undefined);
    throw error;
  } finally {
    await stop();
  }
}

/** The trace categories the benches record: the page's frames, scripts and tasks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel'];

/** A browser trace (every process) from now until the returned function is called; it writes `file` with `extra` beside the events. */
export async function startTrace(page: Page, categories: string[]): Promise<(file: string, extra?: Record<string, unknown>) => Promise<void>> {
  const tracer: CDPSession = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  tracer.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...e.value));
  await tracer.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  return async (file, extra = {}) => {
    const complete = new Promise((resolve) => tracer.once('Tracing.tracingComplete', resolve));
    await tracer.send('Tracing.end');
    await complete;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ traceEvents: events, ...extra }));
    await tracer.detach();
  };
}
