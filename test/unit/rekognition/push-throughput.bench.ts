/**
 * Push throughput against the sandbox (not a test: speed belongs in benchmarks).
 * Run: npx tsx test/unit/rekognition/push-throughput.bench.ts [lines] [transitionDelayMs]
 */
import { startSandbox } from '../../../src/sandbox';
import { createCustomLabelsService } from '../../../src/rekognition/service';
import { classificationLine } from './lines';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 40_000);
  const delay = Number(process.argv[3] ?? 10);
  const sandbox = await startSandbox({ transitionDelayMs: delay, seed: 1 });
  const service = createCustomLabelsService({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  try {
    const project = await service.createProject('bench');
    const train = await service.createDataset(project, 'TRAIN', { kind: 'empty' });
    const wait = { initialIntervalMs: 5, maxIntervalMs: 50 };
    await service.waitForStatus(train, wait);
    const lines = Array.from({ length: count }, (_, i) => classificationLine(i, ['cat', 'dog', 'bird'][i % 3], 20));
    const bytes = lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0);
    const t0 = performance.now();
    const result = await service.pushEntries(train, lines, { wait });
    const s = (performance.now() - t0) / 1000;
    console.log(
      JSON.stringify({
        lines: count,
        mb: +(bytes / 1024 / 1024).toFixed(2),
        requests: result.batches.length,
        accepted: result.landed.length,
        seconds: +s.toFixed(2),
        mbPerSecond: +(bytes / 1024 / 1024 / s).toFixed(2),
        linesPerSecond: Math.round(count / s),
        transitionDelayMs: delay,
      }),
    );
  } finally {
    service.dispose();
    await sandbox.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
