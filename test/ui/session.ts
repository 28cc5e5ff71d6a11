/**
 * What the UI tests share with the runner that started them (test/workbench/ui-phase.ts): the
 * workbench page, the workspace on disk, the local sandbox the extension is connected to, and
 * where screenshots go. The UI tests run in the runner's own Node process (mocha, loaded through
 * tsx), not in the extension host: they see only what a person sees, the page.
 */
import type { Page } from 'playwright-core';
import type { DisposableCustomLabelsService as CustomLabelsService } from '../../src/rekognition/service';
import type { Sandbox, SandboxOptions } from '../../src/sandbox';

export interface UiSession {
  page: Page;
  /** The workspace folder the workbench has open (a throwaway copy of test/fixtures/workspace). */
  workspace: string;
  /** Screenshots: failures (`failed-<test>.png`) and the ones tests take on purpose. */
  shotsDir: string;
  /** The sandbox the extension talks to (`customLabels.connection: sandbox`). */
  sandbox: Sandbox;
  /** A client of that sandbox, to set up the account as another person (or CI) would. */
  service: CustomLabelsService;
  /** The sandbox's "S3" folder: s3://bucket/key is <s3Root>/bucket/key. */
  s3Root: string;
  /**
   * Another sandbox (another account, e.g. `{ seedProjects: 500 }`), stopped when the phase ends.
   * The extension stays on `sandbox` until a test points it there (`editMachineSettings`).
   */
  startSandbox(options: SandboxOptions): Promise<Sandbox>;
  /**
   * Changes machine-scoped settings (`customLabels.sandbox.endpoint`) in the workbench's
   * Machine/settings.json, as a person editing that file does: the workbench reloads it and the
   * extension hears the change. A test that changes one puts it back when it ends.
   */
  editMachineSettings(settings: Record<string, unknown>): void;
}

const KEY = Symbol.for('customLabels.uiSession');
type Holder = { [KEY]?: UiSession };

export function setSession(session: UiSession | undefined): void {
  (globalThis as Holder)[KEY] = session;
}

/** The running session; throws when a UI test is loaded outside the runner's UI phase. */
export function session(): UiSession {
  const s = (globalThis as Holder)[KEY];
  if (!s) throw new Error('No UI session: UI tests run from test/workbench/run.ts (npm run test:integration), not on their own.');
  return s;
}
