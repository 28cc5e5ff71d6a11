/**
 * What the .vsix must and must not hold, as pure functions of file lists and texts (unit-tested
 * in test/unit/package/vsix-contents.test.ts; used by test/package/vsix.ts).
 */
import * as path from 'node:path';

/** Files of the list that must never ship: sources, tests, source maps, dependencies, build output other than dist/. */
export function shipsWhatItMustNot(files: readonly string[]): string[] {
  return files.filter(
    (f) =>
      /(^|\/)node_modules\//.test(f) ||
      /^(src|test|out|\.ci|\.cache|\.vscode)\//.test(f) ||
      /\.map$/.test(f) ||
      (/\.(ts|tsx|mts|cts)$/.test(f) && !/\.d\.ts$/.test(f)) ||
      /^(tsconfig\.json|esbuild\.js|package-lock\.json|\.vscodeignore|\.gitignore)$/.test(f) ||
      /\.(vsix|tgz)$/.test(f),
  );
}

/** A path as it appears in package.json ("./media/x.svg") as a package-relative path ("media/x.svg"). */
function normal(file: string): string {
  return path.posix.normalize(file.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/** Every file package.json names: main, icon, and the files its contributions point at. */
export function packageReferences(manifest: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value && !value.startsWith('$(')) found.add(normal(value));
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { light, dark } = value as { light?: unknown; dark?: unknown };
      add(light);
      add(dark);
    }
  };
  const mainFile = manifest.main;
  if (typeof mainFile === 'string') found.add(normal(/\.[cm]?js$/.test(mainFile) ? mainFile : `${mainFile}.js`));
  add(manifest.icon);
  const c = (manifest.contributes ?? {}) as Record<string, unknown>;
  const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? (v as Array<Record<string, unknown>>) : []);
  for (const l of list(c.languages)) {
    add(l.configuration);
    add(l.icon);
  }
  for (const g of list(c.grammars)) add(g.path);
  for (const s of list(c.snippets)) add(s.path);
  for (const j of list(c.jsonValidation)) if (typeof j.url === 'string' && !/^[a-z]+:/.test(j.url)) add(j.url);
  for (const cmd of list(c.commands)) add(cmd.icon);
  for (const containers of Object.values((c.viewsContainers ?? {}) as Record<string, unknown>)) for (const v of list(containers)) add(v.icon);
  for (const views of Object.values((c.views ?? {}) as Record<string, unknown>)) for (const v of list(views)) add(v.icon);
  return [...found].sort();
}

/** Relative image paths the README shows (markdown images and <img src>); web addresses are left out. */
export function readmeImages(markdown: string): string[] {
  const found = new Set<string>();
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.add(m[1]);
  for (const m of markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) found.add(m[1]);
  return [...found].filter((f) => !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(f)).map((f) => normal(decodeURI(f.split('#')[0]))).sort();
}

/**
 * Files a bundle loads by relative path (`require("./aws.js")`, `require("../media/x.json")`),
 * as package-relative paths; `bundleFile` is the bundle's own package-relative path.
 */
export function relativeRequires(bundle: string, bundleFile: string): string[] {
  const found = new Set<string>();
  for (const m of bundle.matchAll(/\brequire\(\s*(["'`])(\.{1,2}\/[^"'`]+)\1\s*\)/g)) {
    const target = path.posix.join(path.posix.dirname(normal(bundleFile)), m[2]);
    found.add(/\.[a-z]+$/i.test(target) ? target : `${target}.js`);
  }
  return [...found].sort();
}

/**
 * The webview page scripts a bundle loads (src/webview/panel-options.ts names each as a whole
 * literal, `'dist/webview/<room>.js'`, which minifying keeps), as package-relative paths.
 */
export function webviewScripts(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/["'`](dist\/webview\/[\w.-]+\.js)["'`]/g)].map((m) => m[1]!))].sort();
}

/** The needed files that are not in the package's file list. */
export function missingFiles<T extends { file: string }>(needed: readonly T[], files: readonly string[]): T[] {
  const have = new Set(files.map(normal));
  const seen = new Set<string>();
  return needed.filter((n) => {
    if (have.has(n.file) || seen.has(n.file)) return false;
    seen.add(n.file);
    return true;
  });
}
