/**
 * `npm run sandbox` (dist/sandbox.js): runs the sandbox until SIGINT/SIGTERM.
 * The FIRST line of stdout is the endpoint, so scripts can read it.
 *   --port N    listen on N (default: a free port)
 *   --delay MS  time a dataset spends IN_PROGRESS (default 1000)
 *   --data DIR  keep the state in DIR (reloaded on start)
 *   --s3 DIR    serve s3://bucket/key from DIR/bucket/key
 *   --no-seed   do not create the demo project
 *   --seed-projects N  create N more projects (project-001, ...: an account to page through)
 */
import { startSandbox, type SandboxOptions } from './index';

interface Args extends SandboxOptions {
  seed?: number;
  noSeed: boolean;
}

const USAGE = 'Usage: sandbox [--port N] [--delay MS] [--data DIR] [--s3 DIR] [--no-seed] [--seed-projects N]';

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { noSeed: false };
  const number = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got '${v ?? ''}'. ${USAGE}`);
    return n;
  };
  const text = (flag: string, v: string | undefined): string => {
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a folder. ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port':
        args.port = number(a, argv[++i]);
        break;
      case '--delay':
        args.transitionDelayMs = number(a, argv[++i]);
        break;
      case '--data':
        args.persistDir = text(a, argv[++i]);
        break;
      case '--s3':
        args.s3Root = text(a, argv[++i]);
        break;
      case '--no-seed':
        args.noSeed = true;
        break;
      case '--seed-projects':
        args.seedProjects = number(a, argv[++i]);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown option '${a}'. ${USAGE}`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const sandbox = await startSandbox(args);
  process.stdout.write(`${sandbox.endpoint}\n`);
  const out: string[] = [];
  if (!args.noSeed) {
    const demo = await sandbox.seedDemo();
    out.push(`Demo project: ${demo.projectArn}`, `  TRAIN dataset: ${demo.trainArn}`);
  }
  out.push(
    '',
    'Rekognition Custom Labels sandbox (local, nothing is sent to AWS).',
    'Point the AWS SDK or CLI at it:',
    `  export AWS_ENDPOINT_URL_REKOGNITION=${sandbox.endpoint}`,
    `  export AWS_REGION=${sandbox.region}`,
    '  export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox   # any dummy values',
    `  aws rekognition describe-projects --endpoint-url ${sandbox.endpoint}`,
    'In VS Code: set "customLabels.connection": "sandbox" and',
    `  "customLabels.sandbox.endpoint": "${sandbox.endpoint}".`,
    args.persistDir ? `State is kept in ${args.persistDir}.` : 'State is in memory only (use --data DIR to keep it).',
    args.s3Root ? `S3 is served from ${args.s3Root} (s3://bucket/key -> ${args.s3Root}/bucket/key).` : 'No S3 folder (use --s3 DIR to create datasets from manifests).',
    'Press Ctrl+C to stop.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping the sandbox (${signal}).\n`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`The sandbox could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
