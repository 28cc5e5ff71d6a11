/**
 * What shows data of the current connection's account outside the tree: the galleries of its
 * datasets and the browse documents of their entries. When the connection changes (profile,
 * region, sandbox or AWS) they are closed, not kept: their ARNs name another account's datasets,
 * which the new connection cannot read (a reload would fail, or worse, show another account's
 * dataset of the same name), and a view left open would show the old account as if current.
 */
import * as vscode from 'vscode';
import { ENTRIES_SCHEME } from '../constants';

export class ConnectionViews {
  private readonly open = new Set<{ dispose(): void }>();

  /** Keeps `view` (a dataset's gallery panel) until it closes or the connection changes. */
  add(view: { dispose(): void; onDidDispose(listener: () => void): unknown }): void {
    this.open.add(view);
    view.onDidDispose(() => this.open.delete(view));
  }

  /** Closes every view of the previous connection; returns how many were open. */
  async closeAll(): Promise<number> {
    const panels = [...this.open];
    this.open.clear();
    for (const p of panels) p.dispose();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === ENTRIES_SCHEME);
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
    return panels.length + tabs.length;
  }
}
