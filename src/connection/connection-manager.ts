/**
 * Owns the current connection: reads the settings, starts the in-extension sandbox when
 * asked, checks AWS credentials, builds the service and tells listeners. Context keys for
 * the views (no credentials: the Create Project action hidden; sandbox active) are set here.
 */
import * as vscode from 'vscode';
import { ContextKeys, Settings } from '../constants';
import type { ConnectionSettings, CustomLabelsService } from '../rekognition';
import {
  connectionKey,
  connectionLabel,
  readConnectionConfig,
  toConnectionSettings,
  type ConnectionConfig,
  type SandboxTarget,
} from './connection-config';
import type { CredentialCheck } from './credentials';

export interface SandboxHandle extends SandboxTarget {
  seedDemo(): Promise<unknown> | unknown;
  close(): Promise<unknown> | unknown;
}

export type ConnectionState =
  /** Nothing asked for AWS yet: activation does not connect (see ensureConnected). */
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'ready' }
  | { kind: 'noCredentials'; reason: string }
  | { kind: 'error'; reason: string };

export interface ConnectionDeps {
  createService(settings: ConnectionSettings): CustomLabelsService & { dispose?(): void };
  startSandbox(): Promise<SandboxHandle>;
  checkCredentials(profile: string | undefined): Promise<CredentialCheck>;
  log: vscode.LogOutputChannel;
}

const WATCHED = [Settings.connection, Settings.region, Settings.profile, Settings.endpoint, Settings.sandboxEndpoint];

export class ConnectionManager implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after every (re)connection attempt settles. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  private serviceValue: (CustomLabelsService & { dispose?(): void }) | undefined;
  private stateValue: ConnectionState = { kind: 'idle' };
  private configValue: ConnectionConfig = readConnectionConfig(getSetting);
  private sandbox: SandboxHandle | undefined;
  private sandboxStarting: Promise<SandboxHandle> | undefined;
  private lastKey: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ConnectionDeps) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.stateValue.kind === 'idle') return; // read when first needed
        if (WATCHED.some((key) => e.affectsConfiguration(`${Settings.section}.${key}`))) void this.connect();
      }),
    );
  }

  get service(): CustomLabelsService | undefined {
    return this.serviceValue;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  get config(): ConnectionConfig {
    return this.configValue;
  }

  /** The sandbox started inside the extension, if any. */
  get sandboxEndpoint(): string | undefined {
    return this.sandbox?.endpoint;
  }

  /** "Sandbox · 127.0.0.1:1234" or "profile · region". */
  get label(): string {
    const c = this.configValue;
    const target = c.mode === 'sandbox' ? this.sandboxTarget(c) : undefined;
    return connectionLabel(c, target);
  }

  /**
   * Connects the first time something needs the service (the Projects view shown, a command
   * run); later calls wait for a connection in progress and return at once otherwise.
   */
  ensureConnected(): Promise<void> {
    if (this.stateValue.kind === 'idle' || this.stateValue.kind === 'connecting') return this.connect();
    return Promise.resolve();
  }

  /** Reads the settings and reconnects when they changed (or when forced). Calls are serialized. */
  connect(force = false): Promise<void> {
    const run = this.queue.then(() => this.doConnect(force));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Where images are read from with the current connection: the sandbox's S3 (its endpoint,
   * path-style) or AWS's S3 for the region and profile. The Rekognition endpoint override is
   * never used for S3.
   */
  async imageSettings(): Promise<{ connection: ConnectionSettings; s3Endpoint?: string }> {
    await this.ensureConnected();
    const config = this.configValue;
    if (config.mode === 'sandbox') {
      const target = this.sandboxTarget(config) ?? (await this.startSandbox());
      return { connection: toConnectionSettings(config, target), s3Endpoint: target.endpoint };
    }
    const { endpoint: _rekognitionOnly, ...connection } = toConnectionSettings(config);
    return { connection };
  }

  /** Starts (or reuses) the in-extension sandbox; the demo data is seeded once, when asked. */
  async ensureSandbox(seedDemo: boolean): Promise<SandboxHandle | undefined> {
    if (readConnectionConfig(getSetting).sandboxEndpoint) return undefined;
    const fresh = !this.sandbox && !this.sandboxStarting;
    const handle = await this.startSandbox();
    if (fresh && seedDemo) {
      try {
        await handle.seedDemo();
      } catch (error) {
        this.deps.log.warn(`The sandbox started, but its demo projects could not be created: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return handle;
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    this.serviceValue?.dispose?.();
    this.serviceValue = undefined;
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    if (sandbox) await sandbox.close();
  }

  private sandboxTarget(c: ConnectionConfig): SandboxTarget | undefined {
    if (c.sandboxEndpoint) return { endpoint: c.sandboxEndpoint, region: c.region };
    return this.sandbox;
  }

  private startSandbox(): Promise<SandboxHandle> {
    if (this.sandbox) return Promise.resolve(this.sandbox);
    if (!this.sandboxStarting) {
      this.sandboxStarting = this.deps
        .startSandbox()
        .then((handle) => {
          this.sandbox = handle;
          this.deps.log.info(`Sandbox started at ${handle.endpoint} (${handle.region}).`);
          return handle;
        })
        .finally(() => {
          this.sandboxStarting = undefined;
        });
    }
    return this.sandboxStarting;
  }

  private async doConnect(force: boolean): Promise<void> {
    const config = readConnectionConfig(getSetting);
    this.configValue = config;
    const key = connectionKey(config);
    if (!force && key === this.lastKey && this.stateValue.kind !== 'connecting' && this.stateValue.kind !== 'idle') return;
    this.lastKey = key;
    this.setState({ kind: 'connecting' }, undefined);
    void vscode.commands.executeCommand('setContext', ContextKeys.sandboxActive, config.mode === 'sandbox');
    try {
      if (config.mode === 'sandbox') {
        const target = config.sandboxEndpoint
          ? { endpoint: config.sandboxEndpoint, region: config.region }
          : await this.startSandbox();
        this.deps.log.info(`Connecting to the sandbox at ${target.endpoint}.`);
        this.setState({ kind: 'ready' }, this.deps.createService(toConnectionSettings(config, target)));
        return;
      }
      const check = await this.deps.checkCredentials(config.profile);
      if (this.lastKey !== key) return; // settings changed meanwhile; a newer connect follows
      if (!check.ok) {
        this.deps.log.warn(`No AWS credentials for profile "${config.profile ?? 'default'}": ${check.reason}`);
        this.setState({ kind: 'noCredentials', reason: check.reason }, undefined);
        return;
      }
      this.deps.log.info(`Connecting to AWS: profile ${config.profile ?? '(default chain)'}, region ${config.region}.`);
      this.setState({ kind: 'ready' }, this.deps.createService(toConnectionSettings(config)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Could not connect: ${reason}`);
      this.setState({ kind: 'error', reason }, undefined);
    }
  }

  private setState(state: ConnectionState, service: (CustomLabelsService & { dispose?(): void }) | undefined): void {
    const previous = this.serviceValue;
    if (previous && previous !== service) {
      try {
        previous.dispose?.();
      } catch {
        // Releasing sockets of a replaced client must not block the new connection.
      }
    }
    this.stateValue = state;
    this.serviceValue = service;
    void vscode.commands.executeCommand('setContext', ContextKeys.noCredentials, state.kind === 'noCredentials');
    if (state.kind !== 'connecting') this.changeEmitter.fire();
  }
}

function getSetting(key: string): unknown {
  return vscode.workspace.getConfiguration(Settings.section).get(key);
}
