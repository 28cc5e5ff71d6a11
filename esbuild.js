// Bundles the extension, the command-line linter, the webview pages' scripts and the test entry points.
// esbuild does not type-check: `npm run typecheck` (tsc --noEmit) does.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Reports build results the way VS Code's esbuild problem matcher expects. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Prefer packages' ES module builds: jsonc-parser's `main` is a UMD bundle whose internal
  // require('./impl/format') esbuild cannot follow ("Cannot find module './impl/format'" at activation).
  mainFields: ['module', 'main'],
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [problemMatcherPlugin] : [],
};

/**
 * Keeps the AWS layer out of the extension's bundle: load-aws.ts's `require('./aws-sdk')` becomes
 * `require('./aws-sdk.js')`, the separate bundle next to it, dist/aws-sdk.js, run on the
 * first AWS call. Activation then parses none of the SDK (~70% of the code).
 */
const awsLayerPlugin = {
  name: 'aws-layer',
  setup(build) {
    build.onResolve({ filter: /^\.\/aws-(sdk|s3)$/ }, (args) =>
      /[\\/]rekognition[\\/]load-aws\.ts$/.test(args.importer) ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

/**
 * The command-line linter's AWS layer: its npm package ships no AWS SDK (no runtime dependencies),
 * so `require('./aws-sdk')` / `require('./aws-s3')` become a look-up of the layer's bundle beside
 * cli.js (there in a clone's dist/), and, where it is not (the npm package), an error that says
 * what to do instead.
 */
const cliAwsLayerPlugin = {
  name: 'cli-aws-layer',
  setup(build) {
    build.onResolve({ filter: /^\.\/aws-(sdk|s3)$/ }, (args) =>
      /[\\/]rekognition[\\/]load-aws\.ts$/.test(args.importer) ? { path: args.path.slice(2), namespace: 'cli-aws-layer' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'cli-aws-layer' }, (args) => ({
      loader: 'js',
      contents: `const path = require('path');
const file = path.join(__dirname, ${JSON.stringify(args.path + '.js')});
let layer;
try { layer = require(file); } catch (e) {
  if (e && e.code !== 'MODULE_NOT_FOUND') throw e;
  throw new Error('Reading images from S3 needs the AWS SDK, which the custom-labels command-line package does not include. Copy the images to a folder (DIR/bucket/key) and pass --images-dir DIR, or run the linter from a clone of the extension (npm ci && npm run build).');
}
module.exports = layer;`,
    }));
  },
};

/** Entry points: every bundle the package ships or the tests load. */
function targets() {
  const list = [
    // The extension: `vscode` is provided by the host.
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      plugins: [...common.plugins, awsLayerPlugin],
    },
    // The AWS layer, loaded by the extension on its first AWS call (see awsLayerPlugin).
    { ...common, entryPoints: ['src/rekognition/aws-sdk.ts'], outfile: 'dist/aws-sdk.js' },
    // The S3 part of it, loaded on the first image read (Check Images, lint --check-images).
    { ...common, entryPoints: ['src/rekognition/aws-s3.ts'], outfile: 'dist/aws-s3.js' },
    // The decode worker of src/health (decode-pool.ts starts it from beside the extension's and the
    // CLI's bundle): an image's bytes in, its fingerprint and thumbnail out, off the calling thread.
    { ...common, entryPoints: ['src/health/decode-worker.ts'], outfile: 'dist/health-worker.js' },
    // The command-line linter: the same validator, no vscode, no AWS SDK.
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
      // --check-images reads S3 through the AWS layer's bundles beside it, loaded only then.
      plugins: [...common.plugins, cliAwsLayerPlugin],
    },
  ];
  // Optional entry points appear as the features that own them land.
  const optional = [
    { entry: 'src/sandbox/main.ts', outfile: 'dist/sandbox.js' },
    { entry: 'test/integration/index.ts', outfile: 'out/test/integration/index.js', external: ['vscode', 'mocha'] },
  ];
  // Every integration suite, test/integration/**/*.test.ts, becomes its own bundle under
  // out/test/integration/ (same relative path, .js); the index there loads them all.
  for (const suite of integrationSuites()) {
    optional.push({ entry: suite, outfile: suite.replace(/^test\//, 'out/test/').replace(/\.ts$/, '.js'), external: ['vscode', 'mocha'] });
  }
  for (const o of optional) {
    if (fs.existsSync(path.join(__dirname, o.entry))) {
      list.push({ ...common, entryPoints: [o.entry], outfile: o.outfile, external: o.external ?? [], minify: false });
    }
  }
  // The webview pages' scripts: src/<room>/page/main.ts becomes dist/webview/<room>.js, run in the
  // webview (a browser) and loaded with the page's CSP nonce (src/webview/panel-options.ts names each).
  for (const room of webviewPages()) {
    list.push({
      entryPoints: [`src/${room}/page/main.ts`],
      outfile: `dist/webview/${room}.js`,
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      sourcemap: !production,
      sourcesContent: false,
      minify: production,
      logLevel: 'warning',
      plugins: common.plugins,
    });
  }
  return list.filter((t) => fs.existsSync(path.join(__dirname, t.entryPoints[0])));
}

// The rooms of src/ with a webview page (src/<room>/page/main.ts), sorted.
function webviewPages() {
  const src = path.join(__dirname, 'src');
  return fs
    .readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(src, e.name, 'page', 'main.ts')))
    .map((e) => e.name)
    .sort();
}

// The integration suites (test/integration/**/*.test.ts), as forward-slash paths relative to the repository.
function integrationSuites() {
  const dir = path.join(__dirname, 'test', 'integration');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `test/integration/${f}`);
}

async function main() {
  // Bundles of deleted suites must not linger: the integration index loads every .test.js there.
  fs.rmSync(path.join(__dirname, 'out', 'test', 'integration'), { recursive: true, force: true });
  // Nor bundles of pages that are gone (the .vsix check reads what the extension names, not this folder).
  fs.rmSync(path.join(__dirname, 'dist', 'webview'), { recursive: true, force: true });
  // The JPEG decoder of dataset health (src/health/jpeg-decoder.ts), read from beside the bundles.
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.copyFileSync(require.resolve('@cwasm/jpeg-turbo/jpeg-turbo.wasm'), path.join(__dirname, 'dist', 'jpeg-turbo.wasm'));
  const contexts = await Promise.all(targets().map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
