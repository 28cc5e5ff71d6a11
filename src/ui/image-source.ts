/**
 * Where a manifest's images are read from (Check Images, Show Gallery): the argument's folder, S3
 * with the current connection, or the person's answer.
 */
import * as vscode from 'vscode';
import { createFolderSource, createS3Source, type ImageSource } from '../images';
import type { DatasetsContext } from './context';

/** What a command on a manifest's images is told: the manifest, and where its images are (or it asks). */
export interface ImageSourceArgs {
  /** The manifest (default: the active editor's). */
  uri?: vscode.Uri;
  /** Read s3://bucket/key from <imagesDir>/bucket/key instead of S3 (skips the question). */
  imagesDir?: string;
  /** Read from S3 with the current connection (skips the question). */
  s3?: boolean;
}

/** Where the images are read from: the argument's folder, S3, or the person's answer (asked under `title`). */
export async function pickSource(ctx: DatasetsContext, args: ImageSourceArgs, title: string): Promise<ImageSource | undefined> {
  return (await pickImages(ctx, args, title))?.source;
}

/** As pickSource, with the folder chosen (undefined: S3), for a command that opens another on the same images. */
export async function pickImages(ctx: DatasetsContext, args: ImageSourceArgs, title: string): Promise<{ source: ImageSource; imagesDir?: string } | undefined> {
  if (args.imagesDir) return { source: createFolderSource(args.imagesDir), imagesDir: args.imagesDir };
  if (!args.s3) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'From S3', detail: ctx.connection.config.mode === 'sandbox' ? "The sandbox's S3 folder." : 'With the current AWS profile and region.', folder: false },
        { label: 'From a local folder…', detail: 's3://bucket/key is read from FOLDER/bucket/key (images not uploaded yet).', folder: true },
      ],
      { title: `${title}: where are the images?` },
    );
    if (!pick) return undefined;
    if (pick.folder) {
      const dir = (await vscode.window.showOpenDialog({ title: 'The folder that holds bucket/key', canSelectFiles: false, canSelectFolders: true, openLabel: 'Read images here' }))?.[0];
      return dir ? { source: createFolderSource(dir.fsPath), imagesDir: dir.fsPath } : undefined;
    }
  }
  return { source: createS3Source(await ctx.connection.imageSettings()) };
}
