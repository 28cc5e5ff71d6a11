/** How big the packages may get (checked by `npm run package` and `npm run package:cli`; see the README, "Packages"). */

/**
 * Size budgets. The .vsix is ~610 KiB: dist/extension.js (~420 KiB minified), dist/aws-sdk.js
 * (~365 KiB, the Rekognition client and credential providers, loaded on the first AWS call),
 * dist/aws-s3.js (~470 KiB, the S3 client for images, loaded on the first image read; it carries
 * its own copy of the SDK's core, ~200 KiB that one shared layer could save), and the README's
 * screenshots (~200 KiB); and the image decoder the gallery's thumbnails and dataset health run
 * in a worker thread (dist/health-worker.js ~13 KiB and libjpeg-turbo's jpeg-turbo.wasm ~52 KiB
 * packed: 768 KiB before it, the .vsix then ~817 KiB); the model views, Dataset Health and edit
 * mode (~25 KiB in the bundles) and four more README screenshots (~70 KiB; all of them reduced
 * with pngquant and optipng): ~849 KiB. 896 KiB leaves some room, yet fails at once on what usually
 * goes wrong: a bundle that is not minified (~2.5x), source maps, node_modules or sources slipping
 * through .vscodeignore, or a heavy new dependency.
 */
export const BUDGET = {
  vsixBytes: 896 * 1024,
  /**
   * The linter's npm package (~160 KiB: cli.js, lint + convert + check-training + health, with
   * the XML parser and image-header reader the converters use, ~106 KiB packed; and `health`'s
   * JPEG decoder, jpeg-turbo.wasm, ~52 KiB packed). Pulling the AWS SDK into it would add ~365 KiB
   * minified.
   */
  cliTarballBytes: 192 * 1024,
};

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
