/**
 * The local sandbox: a service that speaks Rekognition Custom Labels' wire protocol (awsJson1_1)
 * on 127.0.0.1, for the explorer's offline mode and for end-to-end tests through the real SDK.
 * Its trained models are simulated (models/stand-in.ts): the ground truth with noise seeded from
 * what makes the version (the project, the version name and the datasets' contents, never the
 * time it was trained), so the same version on the same data gives the same metrics every run.
 * Pure Node: no `vscode` import.
 */
import { SandboxCore } from './service/core';
import { seedDemo } from './demo/seed';
import { seedProjects } from './demo/seed-projects';
import { writeDemoImages } from './demo/images';
import { type HttpServer, listen } from './http/server';
import type { FaultOptions, RequestRecord, Sandbox, SandboxOptions } from './service/options';

export type { FaultOptions, RequestRecord, Sandbox, SandboxOptions } from './service/options';
export { SandboxCore } from './service/core';
export { ManualClock, systemClock, type SandboxClock } from './lifecycle/clock';
export { createRequestHandler } from './service/sdk-request-handler';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const core = new SandboxCore(options);
  if (options.seedProjects) {
    try {
      seedProjects(core.ctx, options.seedProjects);
    } catch (e) {
      core.close();
      throw e;
    }
  }
  let http: HttpServer;
  try {
    http = await listen(core, options.port ?? 0);
  } catch (e) {
    core.close();
    throw e;
  }
  const endpoint = `http://127.0.0.1:${http.port}`;
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port: http.port,
    region: core.ctx.region,
    get faults(): FaultOptions {
      return core.faults;
    },
    set faults(value: FaultOptions) {
      core.faults = value;
    },
    get requests(): ReadonlyArray<RequestRecord> {
      return core.requests;
    },
    get requestCount(): number {
      return core.requestCount;
    },
    seedDemo: async () => {
      const seeded = seedDemo(core.ctx);
      // The demo images, into the S3 folder when there is one (npm start, --s3 DIR).
      if (core.ctx.s3Root) await writeDemoImages(core.ctx.s3Root);
      return seeded;
    },
    close: () => {
      closed ??= (async () => {
        core.close();
        await http.close();
      })();
      return closed;
    },
  };
}
