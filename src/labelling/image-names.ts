/** The images Label Images lists: JPEG and PNG by their extension, in any case (`.jpg`, `.jpeg`, `.png`). */
export const IMAGE_EXTENSION = /\.(jpe?g|png)$/i;

export function isImageName(name: string): boolean {
  return IMAGE_EXTENSION.test(name);
}
