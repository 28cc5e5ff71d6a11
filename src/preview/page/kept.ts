/**
 * What edit mode keeps across a reload of the preview page. VS Code makes the page anew when its
 * panel is hidden and shown again, or when its options change (the images folder set in the
 * settings): kept with the webview's own state (`setState` / `getState`), the selected box, the
 * label new boxes get and the zoom come back with the line they belong to, as a person left them.
 * Read back checked (it is data the page stored, but a page of an older version may have stored
 * another shape). Pure: no DOM.
 */
import type { PageBoxRef } from '../messages';
import type { ViewRect } from './zoom';

export interface Kept {
  /** The line these belong to: its number and source-ref (`lineKey`). */
  line: string;
  selected?: PageBoxRef;
  nextLabel?: string;
  /** The zoom and pan, for the image of `viewOf` (line, source-ref, image size). */
  view?: ViewRect;
  viewOf?: string;
}

/** The key of a line as the page shows it: edits of the same line keep it. */
export function lineKey(view: { line: number; sourceRef?: string }): string {
  return `${view.line}\n${view.sourceRef ?? ''}`;
}

/** The state the page stored, or undefined when it is not one. */
export function readKept(data: unknown): Kept | undefined {
  if (!isObject(data) || typeof data.line !== 'string') return undefined;
  const kept: Kept = { line: data.line };
  const s = data.selected;
  if (isObject(s) && typeof s.attribute === 'string' && Number.isInteger(s.annotation) && (s.annotation as number) >= 0) {
    kept.selected = { attribute: s.attribute, annotation: s.annotation as number };
  }
  if (typeof data.nextLabel === 'string') kept.nextLabel = data.nextLabel;
  const v = data.view;
  if (isObject(v) && typeof data.viewOf === 'string' && [v.x, v.y, v.width, v.height].every((n) => typeof n === 'number' && Number.isFinite(n)) && (v.width as number) > 0 && (v.height as number) > 0) {
    kept.view = { x: v.x as number, y: v.y as number, width: v.width as number, height: v.height as number };
    kept.viewOf = data.viewOf;
  }
  return kept;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
