/**
 * The manifests Label Images made in this workspace, and where their local images are (the folder
 * that holds bucket/key), kept in the workspace's state: the status bar counts their labelled
 * lines, and Upload Images to S3 reads their images from that folder without asking.
 */
import type * as vscode from 'vscode';

const KEY = 'customLabels.labelling.manifests';

export interface MadeManifest {
  /** The folder standing in for S3 (DIR/bucket/key); undefined: the images are in S3. */
  imagesDir?: string;
}

export class MadeManifests {
  constructor(private readonly state: vscode.Memento) {}

  /** Stored as pairs (a URI is never a key of an object). */
  private all(): Map<string, MadeManifest> {
    const pairs = this.state.get<Array<[string, MadeManifest]>>(KEY);
    return new Map(Array.isArray(pairs) ? pairs : []);
  }

  get(uri: vscode.Uri): MadeManifest | undefined {
    return this.all().get(uri.toString());
  }

  async add(uri: vscode.Uri, made: MadeManifest): Promise<void> {
    const all = this.all();
    all.set(uri.toString(), made);
    await this.state.update(KEY, [...all]);
  }
}
