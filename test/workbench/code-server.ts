/**
 * Starts and stops code-server (VS Code 1.139 in a browser) as a child in its own process
 * group, and builds the workbench URL whose payload loads the extension under development.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { REPO_ROOT, type WorkbenchInstall } from './install-location';

/** User settings that keep welcome pages, prompts, telemetry and update checks out of the way. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  install: WorkbenchInstall;
  port: number;
  /** Holds config.yaml, server.log, and (unless given) the user-data and extensions dirs. Keep it short: unix sockets live under it. */
  runDir: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** Milliseconds to wait for /healthz. */
  startTimeoutMs?: number;
  /** Also copy the server's output to this process's stderr. */
  verbose?: boolean;
  /**
   * Start VS Code with its smoke-test driver (default true): the test runner needs it for
   * extensionTestsPath, but it also hides every notification toast, so `npm start` turns it off.
   */
  testDriver?: boolean;
}

export interface CodeServer {
  origin: string;
  port: number;
  logFile: string;
  userDataDir: string;
  child: ChildProcess;
  /** Resolves when the server exits by itself (with a description of how). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port on 127.0.0.1.'))));
    });
  });
}

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sets keys in a user-data dir's User/settings.json, keeping its other settings and comments. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  writeSettings(path.join(userDataDir, 'User', 'settings.json'), settings);
}

/**
 * Sets keys in Machine/settings.json: code-server's extension host runs "remote" and reads
 * machine-scoped settings (customLabels.endpoint, customLabels.sandbox.endpoint) from there only.
 */
export function writeMachineSettings(userDataDir: string, settings: Record<string, unknown>): void {
  writeSettings(path.join(userDataDir, 'Machine', 'settings.json'), settings);
}

function writeSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}';
  if (!text.trim()) text = '{}';
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  if (errors.length) throw new Error(`${file} is not valid JSON with comments: fix or delete it so the settings can be updated.`);
  for (const [key, value] of Object.entries(settings)) {
    text = applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { install, port, runDir } = options;
  const userDataDir = options.userDataDir ?? path.join(runDir, 'data');
  const extensionsDir = options.extensionsDir ?? path.join(runDir, 'ext');
  for (const dir of [userDataDir, extensionsDir, path.join(runDir, 'tmp'), path.join(runDir, 'xdg-config'), path.join(runDir, 'xdg-data')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const logFile = path.join(runDir, 'server.log');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    TMPDIR: path.join(runDir, 'tmp'),
  };
  // The runner's own loader flags (tsx) must not leak into code-server's Node 24.
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;

  const args = [
    install.entry,
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--disable-proxy',
    // Without it the built workbench ignores extensionDevelopmentPath/extensionTestsPath in the payload.
    ...(options.testDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
  ];
  const child = spawn(install.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      logStream.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
    });
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  let alive = true;
  // Last resort if this process exits without stop() (an uncaught error, process.exit elsewhere).
  const killOnExit = (): void => {
    if (!alive || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', killOnExit);
  void exited.then(() => {
    alive = false;
  });
  const stop = async (): Promise<void> => {
    if (alive) await stopProcessGroup(child, exited);
    process.off('exit', killOnExit);
    logStream.end();
  };
  const server: CodeServer = { origin: `http://127.0.0.1:${port}`, port, logFile, userDataDir, child, exited, stop };

  const ready = await Promise.race([
    waitForHealth(server.origin, options.startTimeoutMs ?? 60_000),
    exited.then((how) => `code-server stopped while starting (${how})`),
  ]);
  if (ready !== true) {
    await stop();
    throw new Error(`${ready}. Its output: ${logFile}\n${tail(logFile, 20)}`);
  }
  return server;
}

/**
 * Installs a .vsix into `extensionsDir` the way a user does (`code-server --install-extension`,
 * offline) and returns the folder it was unpacked to (publisher.name-version). `extensionsDir`
 * must hold no other extension.
 */
export function installExtension(install: WorkbenchInstall, vsix: string, extensionsDir: string, runDir: string): string {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
  };
  delete env.NODE_OPTIONS;
  const result = spawnSync(
    install.node,
    [install.entry, '--install-extension', path.resolve(vsix), '--force', '--extensions-dir', extensionsDir, '--user-data-dir', path.join(runDir, 'data')],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  const installed = fs
    .readdirSync(extensionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => path.join(extensionsDir, d.name));
  if (result.status !== 0 || installed.length !== 1) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status ?? result.signal}; ${installed.length} extension folders): ${output || '(no output)'}`);
  }
  return installed[0];
}

/** SIGTERM to the whole process group, SIGKILL after 5 s. */
export async function stopProcessGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      signal('SIGKILL');
      resolve();
    }, 5_000);
  });
  await Promise.race([exited, forced]);
  clearTimeout(timer);
  // Children of the server (extension host, ...) share its group: make sure none outlives it.
  signal('SIGKILL');
}

/** Resolves true once GET /healthz answers, or a message after `timeoutMs`. */
async function waitForHealth(origin: string, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `code-server did not answer ${origin}/healthz within ${timeoutMs / 1000} s`;
}

/** URL that opens `folder` in the workbench with a payload (extensionDevelopmentPath, ...). */
export function workbenchUrl(server: CodeServer, folder: string, payload: ReadonlyArray<readonly [string, string]>): string {
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** A path on the server machine as the remote URI the payload needs. */
export function remoteUri(server: CodeServer, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath.split(path.sep).join('/')}`;
}

/** The last `lines` lines of a text file ('' when unreadable). */
export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The remote extension host's log, the place to look when tests do not start. */
export function extensionHostLog(userDataDir: string): string | undefined {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const found = fs
    .readdirSync(logs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('remoteexthost.log'))
    .sort();
  const last = found[found.length - 1];
  return last ? path.join(logs, last) : undefined;
}

/**
 * Links the repository into an extensions dir as an installed extension (publisher.name-version),
 * the way a user has it: no extensionDevelopmentPath, so no smoke-test driver hiding notifications.
 */
export function linkExtension(extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  fs.mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  const current = fs.existsSync(link) ? fs.realpathSync(link) : undefined;
  if (current !== fs.realpathSync(REPO_ROOT)) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(REPO_ROOT, link, 'dir');
  }
  // code-server keeps a list of what it scanned: drop it so the link is picked up.
  for (const file of ['extensions.json', '.obsolete']) fs.rmSync(path.join(extensionsDir, file), { force: true });
}
