/**
 * A script for a fresh Node process (`node -e ACTIVATE_IN_CHILD <bundle>`): a stub `vscode` that
 * accepts any call, then require + activate of the extension bundle. It prints, as JSON, the
 * milliseconds that took and how many AWS SDK modules (or the AWS layer's bundle) were loaded.
 * Shared by the activation benchmark and the test that the shipped bundle loads no SDK.
 */
export const ACTIVATE_IN_CHILD = `
const Module = require('module');
const handler = {
  get(t, p) {
    if (p === Symbol.iterator) return function* () {};
    if (p === Symbol.toPrimitive) return () => '';
    if (p === 'then') return undefined;
    if (!(p in t)) t[p] = stub();
    return t[p];
  },
  apply() { return stub(); },
  construct() { return stub(); },
  set(t, p, v) { t[p] = v; return true; },
};
function stub() { return new Proxy(function () {}, handler); }
const vscode = stub();
// esbuild copies a module's own properties into its namespace: create the ones the bundle uses.
const used = require('fs').readFileSync(process.argv[1], 'utf8').matchAll(/\\b(?:import_)?vscode\\d*\\.([A-Za-z_$][\\w$]*)/g);
for (const m of used) void vscode[m[1]];
vscode.workspace.getConfiguration = () => ({ get: (k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined });
vscode.workspace.textDocuments = [];
vscode.workspace.workspaceFolders = undefined;
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const context = { subscriptions: [], extensionUri: stub(), extensionPath: '/x', globalState: stub(), workspaceState: stub(), secrets: stub(), asAbsolutePath: (p) => p, extensionMode: 1 };
const t0 = performance.now();
const ext = require(process.argv[1]);
ext.activate(context);
const ms = performance.now() - t0;
const sdk = Object.keys(require.cache).filter((k) => /aws-sdk\\.js$|@aws-sdk/.test(k)).length;
console.log(JSON.stringify({ ms, sdk }));
`;
