/**
 * Headless Debian chromium, driven by playwright-core, showing the workbench. Relays the
 * extension host's output (window.codeAutomationLog) and its exit code (codeAutomationExit).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Workbench {
  context: BrowserContext;
  page: Page;
  /** Resolves with the exit code the extension host reports when the tests' run() settles. */
  exitCode: Promise<number>;
  /** Resolves with a description if the page crashes or closes first. */
  lost: Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  executablePath: string;
  /** A fresh browser profile dir; chromium's other files (crash reports, caches) go under it too. */
  profileDir: string;
  url: string;
  /** Each line the extension host prints (mocha's reporter, console.*). */
  onLog: (line: string) => void;
  /** Also report browser console errors (noisy: 404s for optional files, auth timeouts). */
  verbose?: boolean;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  fs.mkdirSync(options.profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: options.executablePath,
    headless: true,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(options.profileDir, 'xdg-config'),
      XDG_CACHE_HOME: path.join(options.profileDir, 'xdg-cache'),
    },
    viewport: { width: 1440, height: 900 },
    // This process handles signals and closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let reportExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
    const parts = Array.isArray(args) ? args : [args];
    const text = util.format(...parts);
    for (const line of text.replace(/\n$/, '').split('\n')) options.onLog(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    reportExit(typeof code === 'number' ? code : Number(code) || 0);
  });
  const lost = new Promise<string>((resolve) => {
    page.once('crash', () => resolve('the workbench page crashed'));
    page.once('close', () => resolve('the workbench page closed'));
  });
  if (options.verbose) {
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[browser] ${m.text()}\n`);
    });
  }
  await page.goto(options.url, { waitUntil: 'domcontentloaded' });
  let closed = false;
  return {
    context,
    page,
    exitCode,
    lost,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
    },
  };
}

/**
 * Waits (up to `timeoutMs`) for the Custom Labels view to render a tree item with text and for
 * error squiggles in the editor; returns what it could not see, for a warning.
 */
export async function waitForScene(page: Page, expectProblems: boolean, timeoutMs: number): Promise<string[]> {
  const missing: string[] = [];
  try {
    // Evaluated in the page (a string: this file is type-checked without the DOM library).
    await page.waitForFunction(
      `Array.from(document.querySelectorAll('[id="workbench.parts.sidebar"] .monaco-list-row'))
         .some((row) => (row.textContent || '').trim().length > 0)
       || document.querySelector('[id="workbench.parts.sidebar"] .welcome-view-content') !== null`,
      undefined,
      { timeout: timeoutMs },
    );
  } catch {
    missing.push('tree items in the Custom Labels view');
  }
  if (expectProblems) {
    try {
      await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'attached', timeout: timeoutMs });
    } catch {
      missing.push('error squiggles in the editor');
    }
  }
  return missing;
}
