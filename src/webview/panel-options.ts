/**
 * Where the pages' scripts are and what a page's webview may load. Each room with a page has its
 * script in `src/<room>/page/main.ts`, bundled by esbuild.js for the browser into
 * `dist/webview/<room>.js` (named here as whole literals: `npm run package` finds them in the
 * extension's bundle and fails when .vscodeignore leaves one out). Pure: no `vscode` import
 * (the options are generic over the editor's Uri).
 */

/** The folder of the page scripts, relative to the extension. */
export const PAGE_SCRIPTS_DIR = 'dist/webview';

/** Each page's script bundle, relative to the extension. */
export const PAGE_SCRIPTS = {
  gallery: 'dist/webview/gallery.js',
  preview: 'dist/webview/preview.js',
  labelStats: 'dist/webview/label-stats.js',
  evaluation: 'dist/webview/evaluation.js',
  datasetHealth: 'dist/webview/dataset-health.js',
} as const;

/**
 * A page's webview options: scripts on, and local resources limited to the page scripts' folder
 * and, for a page that shows images, the folders its images are read from.
 */
export function pageOptions<U>(scripts: U, images: readonly U[] = []): { enableScripts: true; localResourceRoots: U[] } {
  return { enableScripts: true, localResourceRoots: [scripts, ...images] };
}
