/**
 * Which of the extension's views of the line the preview page draws, and when. Pure (no DOM):
 * main.ts asks it for each view that arrives and when a drag ends; unit-tested on its own.
 * - During a drag (drawing, moving, resizing a box) a view is held, the last one drawn when the
 *   drag ends: a redraw never cancels a drag under way.
 * - A view answers the gestures the extension had written into the line when it made it
 *   (`edit.applied`, the page's number of the last one). A view made before the page's last
 *   gesture is stale: drawn, it would put a moved box back where it was (its handles with it)
 *   until the view of the move came, and a person grabbing the box's corner would find no
 *   handle there. Such a view is dropped: the extension posts the view of every gesture.
 */
export interface GatedView {
  edit?: { applied?: number };
}

export class ViewGate<V extends GatedView> {
  private held: V | undefined;
  /** The number of the last gesture the page sent (0: none yet). */
  private sent = 0;

  /** A gesture is sent: its number, which the views that answer it carry. */
  gestureSent(): number {
    return ++this.sent;
  }

  /** A view arrived: the view to draw now, or undefined (held during a drag, or stale). */
  arrived(view: V, busy: boolean): V | undefined {
    if (this.stale(view)) return undefined;
    if (busy) {
      this.held = view;
      return undefined;
    }
    this.held = undefined;
    return view;
  }

  /** A drag ended: the view held meanwhile, if it is not stale now. */
  idle(): V | undefined {
    const view = this.held;
    this.held = undefined;
    return view && !this.stale(view) ? view : undefined;
  }

  private stale(view: V): boolean {
    return (view.edit?.applied ?? 0) < this.sent;
  }
}
