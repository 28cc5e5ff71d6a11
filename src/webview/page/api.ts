/**
 * A page's side of the webview: the one connection to the extension (VS Code's
 * `acquireVsCodeApi`, called once), messages from the extension read with the page's checks
 * (messages.ts; one that fails is dropped), and the page's elements by id. Browser code: no
 * `vscode`, no Node module.
 */
import type { Message } from '../messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PageChannel<Out extends Message> {
  post(message: Out): void;
  /** What the page stored with `keep` before VS Code made it anew (hidden and shown, new options); unchecked. */
  kept(): unknown;
  /** Stores the page's own state with the webview (kept while its panel lives). */
  keep(state: unknown): void;
}

/** Connects the page: `onMessage` gets each message of the extension that `read` accepts. */
export function connect<In extends Message, Out extends Message>(read: (data: unknown) => In | undefined, onMessage: (message: In) => void): PageChannel<Out> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const m = read(event.data);
    if (m !== undefined) onMessage(m);
  });
  return { post: (message) => api.postMessage(message), kept: () => api.getState(), keep: (state) => api.setState(state) };
}

/** The page's element with this id (the page's HTML has it: a missing one is a defect of the page). */
export function byId<T extends Element = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`The page has no #${id}.`);
  return e as unknown as T;
}

/**
 * An attribute set only when its value changes: setting the same value is still a change for the
 * page (a mutation record; for SVG geometry, the element's layout and paint invalidated), and a
 * redraw sets most of a line's labels and boxes where they already are.
 */
export function setChanged(e: Element, name: string, value: string | number): void {
  const v = String(value);
  if (e.getAttribute(name) !== v) e.setAttribute(name, v);
}
