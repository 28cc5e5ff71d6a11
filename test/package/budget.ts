/** How big the packages may get (checked by `npm run package` and `npm run package:cli`; see the README, "Packages"). */

/**
 * Size budgets. The .vsix is ~370 KB: dist/extension.js (~660 KB minified, ~85% of it the AWS SDK
 * client and credential providers) and the README's screenshot (~150 KB). 512 KiB leaves room to
 * grow, yet fails at once on what usually goes wrong: a bundle that is not minified (~2.5x), source
 * maps, node_modules or sources slipping through .vscodeignore, or a heavy new dependency.
 */
export const BUDGET = {
  vsixBytes: 512 * 1024,
  /** The linter's npm package (~20 KiB: cli.js is ~56 KiB minified). Pulling vscode or the AWS SDK into it would be 10x that. */
  cliTarballBytes: 64 * 1024,
};

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
