/**
 * `npm start`: the product, locally. Builds the extension, starts the local sandbox (the
 * Rekognition Custom Labels look-alike) seeded with a demo project, starts code-server with the
 * extension under development and user settings pointing it at the sandbox, and prints the URL
 * to open. Ctrl-C stops everything.
 *
 *   node --import tsx test/workbench/start.ts [--port <code-server port, default 8080; 0: any free port>]
 *                                             [--sandbox-port <port>] [--no-build]
 *                                             [--vsix [<file.vsix>]]
 *
 * --vsix: the product from its package instead of this folder: builds the .vsix (`npm run
 * package`; with a file, uses that one) and installs it into .cache/start/ext-vsix with
 * `code-server --install-extension`, as a user installs it.
 *
 * State kept between runs (git-ignored): .cache/start/data (VS Code user data),
 * .cache/start/ext (extensions; this folder linked in as one), .cache/start/workspace (demo
 * manifests, yours to edit), .cache/start/sandbox (the sandbox's projects and datasets),
 * .cache/start/s3 (the sandbox's "S3": s3://bucket/key is s3/bucket/key).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QUIET_SETTINGS, freePort, installExtension, linkExtension, portInUse, startCodeServer, tail, workbenchUrl, writeMachineSettings, writeUserSettings } from './code-server';
import { REPO_ROOT, ensureInstalled } from './install-location';

/** The part of src/sandbox this script uses (imported at run time: see loadSandbox). */
interface SandboxHandle {
  endpoint: string;
  seedDemo(): Promise<unknown>;
  close(): Promise<void>;
}
interface SandboxModule {
  startSandbox(options: { port?: number; transitionDelayMs?: number; persistDir?: string; s3Root?: string }): Promise<SandboxHandle>;
}

const say = (message: string): void => console.log(`[start] ${message}`);
const STATE = path.join(REPO_ROOT, '.cache', 'start');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function portOption(name: string): number | undefined {
  const value = option(name);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} takes a port number (0-65535), not "${value}".`);
  return port;
}

async function loadSandbox(): Promise<SandboxModule> {
  const entry = path.join(REPO_ROOT, 'src', 'sandbox', 'index.ts');
  if (!fs.existsSync(entry)) {
    throw new Error(
      'The local sandbox (src/sandbox/index.ts) is not in this tree yet, and npm start runs the extension against it. ' +
        'Meanwhile: `npm run build`, open this folder in VS Code and press F5.',
    );
  }
  const module = (await import(entry)) as Partial<SandboxModule>;
  if (typeof module.startSandbox !== 'function') {
    throw new Error(`${path.relative(REPO_ROOT, entry)} does not export startSandbox(options): update it or this script.`);
  }
  return module as SandboxModule;
}

/** `--vsix` alone: undefined file (build it); `--vsix <file>`: that file; absent: false. */
function vsixOption(): string | undefined | false {
  const i = process.argv.indexOf('--vsix');
  if (i < 0) return false;
  const next = process.argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? path.resolve(next) : undefined;
}

/** The .vsix to run: the one given, or one built now with `npm run package` (test/package/vsix.ts). */
function packageToRun(given: string | undefined): string {
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`${given} does not exist: pass a .vsix, or --vsix alone to build one.`);
    return given;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = path.join(REPO_ROOT, 'dist', `${manifest.name}-${manifest.version}.vsix`);
  say('building the .vsix (npm run package)');
  const built = spawnSync(process.execPath, ['--import', 'tsx', path.join('test', 'package', 'vsix.ts'), '--out', out], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('`npm run package` failed (see above): fix it, or pass a .vsix with --vsix <file>.');
  return out;
}

async function main(): Promise<void> {
  const codeServerPort = portOption('--port');
  const sandboxPort = portOption('--sandbox-port');
  const vsix = vsixOption();
  const sandboxModule = await loadSandbox();

  if (vsix !== false) {
    // The package's own production build (or the given file) is what runs.
  } else if (!process.argv.includes('--no-build')) {
    say('building the extension (node esbuild.js)');
    const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('The build failed (see above): fix it, or run with --no-build to use the last build in dist/.');
  }
  if (vsix === false && !fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build`.');
  const vsixFile = vsix === false ? undefined : packageToRun(vsix);
  const install = ensureInstalled(true);

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error(`[start] while stopping: ${String(e)}`));
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.log(`\n[start] ${signal}: stopping code-server and the sandbox`);
      void stopAll().finally(() => process.exit(0));
    });
  }

  try {
    fs.mkdirSync(STATE, { recursive: true });
    // "S3" for Create Dataset from a manifest: s3://demo-bucket/demo.manifest and whatever you add.
    const s3Root = path.join(STATE, 's3');
    if (!fs.existsSync(s3Root)) fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sandbox', 's3'), s3Root, { recursive: true });
    const sandbox = await sandboxModule.startSandbox({ port: sandboxPort, persistDir: path.join(STATE, 'sandbox'), s3Root });
    stops.push(() => sandbox.close());
    await sandbox.seedDemo();
    say(`sandbox ${sandbox.endpoint} (demo project seeded)`);

    const workspace = path.join(STATE, 'workspace');
    if (!fs.existsSync(workspace)) {
      fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    }
    const userDataDir = path.join(STATE, 'data');
    writeUserSettings(userDataDir, {
      ...QUIET_SETTINGS,
      'git.enabled': true,
      'customLabels.connection': 'sandbox',
    });
    // Machine-scoped (an untrusted workspace cannot redirect AWS traffic): read from Machine/.
    writeMachineSettings(userDataDir, { 'customLabels.sandbox.endpoint': sandbox.endpoint });

    // Config, sockets and temp files: a short throwaway path (unix socket paths stay < 107 chars).
    const runDir = fs.mkdtempSync(path.join(os.tmpdir().length <= 40 ? os.tmpdir() : '/tmp', 'cls-'));
    stops.push(async () => fs.rmSync(runDir, { recursive: true, force: true }));
    // --port 0 means any free port (code-server itself would wait for "port 0" forever).
    let port = codeServerPort === 0 ? await freePort() : (codeServerPort ?? 8080);
    if (await portInUse(port)) {
      if (codeServerPort !== undefined) throw new Error(`Port ${port} is in use: pick another with --port <n>.`);
      port = await freePort();
    }
    // The extension is installed as a link to this folder (not extensionDevelopmentPath, which
    // needs the smoke-test driver, which hides notifications): a user sees what a user sees.
    let extensionsDir = path.join(STATE, 'ext');
    if (vsixFile) {
      // A fresh install of the package each time: nothing of an earlier one or of this folder.
      extensionsDir = path.join(STATE, 'ext-vsix');
      fs.rmSync(extensionsDir, { recursive: true, force: true });
      const at = installExtension(install, vsixFile, extensionsDir, runDir);
      say(`installed ${path.relative(REPO_ROOT, vsixFile)} into ${path.relative(REPO_ROOT, at)}`);
    } else {
      linkExtension(extensionsDir);
    }
    const server = await startCodeServer({ install, port, runDir, userDataDir, extensionsDir, testDriver: false });
    stops.push(() => server.stop());

    const url = workbenchUrl(server, workspace, []);
    console.log(`
[start] VS Code (code-server) is running with the extension on the local sandbox.
  Open:       ${url}
  Workspace:  ${path.relative(REPO_ROOT, workspace)} (sample manifests; edits are kept)
  Sandbox:    ${sandbox.endpoint}   Server log: ${server.logFile}
  ${vsixFile ? `Extension:  installed from ${path.relative(REPO_ROOT, vsixFile)} (after changing the code: run \`npm start -- --vsix\` again)` : 'After changing the code: `npm run build` in another terminal, then reload the browser tab.'}
  Ctrl-C stops everything.
`);
    const how = await server.exited;
    throw new Error(`code-server stopped (${how}). Its last output:\n${tail(server.logFile, 20)}`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
