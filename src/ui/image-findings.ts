/**
 * What Check Images found on a manifest's lines, for the commands that act on those lines (a
 * push names the lines whose images are broken before it sends them). Check Images provides
 * them; they are on the lines that still hold the text they were found on.
 */
import type * as vscode from 'vscode';

export interface ImageFinding {
  /** 0-based line of the document as it is now. */
  line: number;
  code: string;
  message: string;
}

export class ImageFindings {
  private read: (uri: vscode.Uri) => readonly ImageFinding[] = () => [];

  /** Check Images says where its findings are read. */
  provide(read: (uri: vscode.Uri) => readonly ImageFinding[]): void {
    this.read = read;
  }

  /** The findings of the last Check Images of `uri` (none when it was not checked). */
  of(uri: vscode.Uri): readonly ImageFinding[] {
    return this.read(uri);
  }
}
