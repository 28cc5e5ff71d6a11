/**
 * The preview page's edit mode: gestures on the image become messages to the extension, which
 * writes each one into the line (one WorkspaceEdit: one undo step) and sends the line back.
 * - Drag on the image draws a box; a click (or Tab) selects one; dragging it moves it; dragging
 *   a corner handle resizes it; arrows nudge 1 px (Shift: 10); Delete / Backspace deletes it;
 *   1-9 gives the selected box (or the next one drawn) the Nth label of the file; the label
 *   field (type to filter the file's labels, Enter accepts; a new label is a new class-map entry).
 * - Image-level labels: a chip's x removes it, the field under the chips adds one.
 * - N / P: the next / previous line (the editor's cursor moves); Ctrl+Z / Ctrl+Y: the editor's
 *   undo and redo; Escape leaves a label field, else edit mode.
 * - Keyboard first: the file's labels are numbered in code-unit order (shown: "1 bird 2 cat");
 *   on a line without boxes (none drawn, none waiting) 1-9 adds the Nth label to the image, or
 *   removes it when the image has it; Enter opens the label field (the image's on such a line,
 *   else the box's), a label typed there and Enter adds it and gives the keys back to the image;
 *   B adds a box over the middle quarter of the image (the label: the last one chosen, else the
 *   field asks), to be moved with the arrows.
 * - Zoom and pan (./zoom.ts): the wheel zooms around the pointer, Space+drag pans; the SVG's
 *   viewBox is the part of the image shown, kept while the same line is redrawn.
 * Coordinates: the pointer is mapped into the image's pixels through the SVG's screen matrix
 * (getScreenCTM, which holds the zoom), read at each event, so the panel's size, the zoom and the
 * pan never cause drift; boxes are
 * sent as whole pixels (their edges rounded). During a drag only the edit layer's draft rectangle
 * and handles are updated (moved, not made again), once per animation frame; a moved box is
 * drawn moved in the next frame (`redraw`), and the page is redrawn when the extension sends the line:
 * each gesture is numbered, and a view made before the last one is not drawn (./view-gate.ts).
 * The selection, the label new boxes get and the zoom survive VS Code making the page anew
 * (./kept.ts).
 * Browser code: no imports but the page kit and the messages' types; text only with textContent.
 */
import { byId, setChanged } from '../../webview/page/api';
import { lineKey, readKept, type Kept } from './kept';
import type { PageBox, PageBoxRef, PageEdit, PageGesture, PagePixelBox, PageToPreview, PreviewToPage } from '../messages';
import { ViewGate } from './view-gate';
import { isWhole, panBy, wholeImage, zoomAround, type ViewRect } from './zoom';

const SVG = 'http://www.w3.org/2000/svg';
/** The smallest box a drag makes, in image pixels (the service needs more than 1 px a side). */
const MIN_SIDE = 2;
/** A handle's side on screen, in CSS pixels. */
const HANDLE_PX = 10;

type Show = Extract<PreviewToPage, { type: 'show' }>;
type Handle = 'nw' | 'ne' | 'sw' | 'se';
type Drag =
  | { mode: 'draw'; x: number; y: number; box: PagePixelBox }
  | { mode: 'move'; ref: PageBoxRef; x: number; y: number; from: PagePixelBox; box: PagePixelBox; moved: boolean }
  | { mode: 'resize'; ref: PageBoxRef; handle: Handle; from: PagePixelBox; box: PagePixelBox }
  | { mode: 'pan'; x: number; y: number; from: ViewRect; scale: number };
type BoxDrag = Exclude<Drag, { mode: 'pan' }>;

export class EditMode {
  private shown: Show | undefined;
  private on = false;
  private editable = false;
  private labels: string[] = [];
  private selected: PageBoxRef | undefined;
  /** A box drawn before any label was chosen: it waits for one (the label field, 1-9). */
  private pending: PagePixelBox | undefined;
  /** The label new boxes get (the last one chosen). */
  private nextLabel: string | undefined;
  private drag: Drag | undefined;
  private frame = 0;
  private layer: SVGGElement | undefined;
  /** The part of the image shown (zoomed, panned); undefined: all of it. Kept for one line's image. */
  private view: ViewRect | undefined;
  private viewOf = '';
  /** Space is held: a drag pans. */
  private space = false;
  /** Which of the extension's views main.ts draws: none made before the last gesture sent. */
  readonly gate = new ViewGate<Show>();
  /** The line whose selection and zoom were kept by the page before it was made anew (until the first line is shown). */
  private keptLine: string | undefined;

  /**
   * `idle`: called when a drag ends (let go, or cancelled): `gate` holds the views that arrive
   * while `busy()` and main.ts draws the last one then, so a redraw (the line just written, the
   * diagnostics) never cancels a drag under way. (A label field keeps what is typed in it through
   * a redraw: syncLabelField leaves a focused field alone.) `redraw`: draws the line as the page
   * now knows it (a box moved, before the extension has written it).
   */
  constructor(
    private readonly post: (m: PageToPreview) => void,
    private readonly idle: () => void = () => undefined,
    private readonly redraw: (m: Show) => void = () => undefined,
    private readonly memory: { kept(): unknown; keep(state: Kept): void } = { kept: () => undefined, keep: () => undefined },
  ) {
    const kept = readKept(memory.kept());
    if (kept) {
      this.keptLine = kept.line;
      this.selected = kept.selected;
      this.nextLabel = kept.nextLabel;
      this.view = kept.view;
      this.viewOf = kept.viewOf ?? '';
    }
    byId('edit-toggle').addEventListener('click', () => this.post({ type: 'editMode', on: !this.on }));
    const svg = this.svg();
    svg.addEventListener('pointerdown', (e) => this.pointerDown(e));
    svg.addEventListener('pointermove', (e) => this.pointerMove(e));
    svg.addEventListener('pointerup', (e) => {
      this.pointerUp(e);
      if (!this.busy()) this.idle();
    });
    svg.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    window.addEventListener('keyup', (e) => {
      if (e.key === ' ') this.setSpace(false);
    });
    window.addEventListener('blur', () => this.setSpace(false));
    svg.addEventListener('pointercancel', () => {
      this.cancelDrag();
      if (!this.busy()) this.idle();
    });
    for (const id of ['box-label', 'chip-label']) {
      const input = byId<HTMLInputElement>(id);
      // Ctrl+A selects the field's text here, at once, and goes no further: VS Code's webview
      // host forwards a key with Ctrl to the workbench, whose Select All comes back to the page a
      // moment later and selected what had been typed since (a label typed right after Ctrl+A
      // was written as its last letter).
      input.addEventListener('keydown', (e) => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'a' || e.key === 'A')) {
          e.preventDefault();
          e.stopPropagation();
          input.select();
        }
      });
    }
    window.addEventListener('keydown', (e) => this.keyDown(e));
    byId<HTMLInputElement>('box-label').addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      this.acceptBoxLabel();
    });
    byId<HTMLInputElement>('chip-label').addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const input = e.target as HTMLInputElement;
      const label = input.value.trim();
      if (label) this.send({ kind: 'addLabel', label });
      input.value = '';
      // The keys back to the image: N goes on to the next line.
      input.blur();
      this.svg().focus({ preventScroll: true });
    });
  }

  /** After main.ts drew a line: the edit state it came with, the selection, the layer. */
  shownLine(m: Show, boxes: SVGGElement[]): void {
    const edit: PageEdit = m.edit ?? { on: false, editable: false, labels: [] };
    const sameLine = (this.shown ? lineKey(this.shown.view) : this.keptLine) === lineKey(m.view);
    this.keptLine = undefined;
    this.shown = m;
    this.on = edit.on;
    this.editable = edit.on && edit.editable;
    // Numbered for 1-9 in an order a person can tell from the names (code units, as the page shows them).
    this.labels = [...edit.labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.cancelDrag();
    if (!sameLine || !this.editable) this.pending = undefined;
    if (edit.select) this.selected = edit.select;
    else if (!sameLine || !this.box(this.selected)) this.selected = undefined;
    document.body.classList.toggle('editing', this.editable);
    const toggle = byId('edit-toggle');
    toggle.setAttribute('aria-pressed', String(this.on));
    toggle.textContent = this.on ? 'Editing labels' : 'Edit labels';
    byId('edit-help').hidden = !this.on;
    const why = byId('edit-why');
    why.textContent = this.on && !edit.editable ? `This line cannot be edited here: ${edit.why ?? 'it has no image.'}` : '';
    why.hidden = why.textContent === '';
    const refused = byId('refused');
    refused.textContent = edit.refused ?? '';
    refused.hidden = !edit.refused;
    byId('label-list').replaceChildren(
      ...this.labels.map((l) => {
        const o = document.createElement('option');
        o.value = l;
        return o;
      }),
    );
    byId('box-bar').hidden = !this.editable;
    byId('chip-bar').hidden = !this.editable;
    const keys = byId('label-keys');
    keys.textContent = this.labels.slice(0, 9).map((l, i) => `${i + 1} ${l}`).join('  ');
    keys.hidden = !this.editable || this.labels.length === 0;
    const svg = this.svg();
    setChanged(svg, 'tabindex', this.editable ? '0' : '-1');
    // The layer stays when main.ts kept the drawing (the same line again); else a new one, on top.
    let layer = svg.querySelector<SVGGElement>(':scope > #edit-layer');
    if (!layer) {
      layer = document.createElementNS(SVG, 'g');
      layer.id = 'edit-layer';
      svg.appendChild(layer);
    }
    this.layer = layer;
    // The zoom stays while the same image of the same line is redrawn (an edit, a redraw).
    const { width, height } = this.size();
    const viewOf = `${m.view.line}\n${m.view.sourceRef ?? ''}\n${width}x${height}`;
    if (viewOf !== this.viewOf || !this.editable) this.view = undefined;
    this.viewOf = viewOf;
    this.applyView();
    for (const g of boxes) g.classList.toggle('selected', this.isSelected(g));
    if (this.editable) this.addChipButtons(m.view.imageLabels ?? []);
    this.syncLabelField();
    this.paint();
    this.keep();
  }

  /** The selection, the next label and the zoom, stored with the webview (./kept.ts). */
  private keep(): void {
    if (!this.shown) return;
    const kept: Kept = { line: lineKey(this.shown.view) };
    if (this.selected) kept.selected = this.selected;
    if (this.nextLabel !== undefined) kept.nextLabel = this.nextLabel;
    if (this.view) {
      kept.view = this.view;
      kept.viewOf = this.viewOf;
    }
    this.memory.keep(kept);
  }

  private svg(): SVGSVGElement {
    return byId<SVGSVGElement>('image');
  }

  private isSelected(g: SVGGElement): boolean {
    return this.selected !== undefined && g.dataset.attribute === this.selected.attribute && Number(g.dataset.annotation) === this.selected.annotation;
  }

  private box(ref: PageBoxRef | undefined): PageBox | undefined {
    if (!ref) return undefined;
    return this.shown?.view.boxes.find((b) => b.attribute === ref.attribute && b.annotation === ref.annotation);
  }

  private size(): { width: number; height: number } {
    const m = this.shown;
    return m?.view.declared ?? (m?.image ? { width: m.image.width, height: m.image.height } : { width: 1, height: 1 });
  }

  /** The pointer in image pixels, from the SVG's screen matrix at this moment (the displayed scale), inside the image. */
  private toImage(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const ctm = this.svg().getScreenCTM();
    if (!ctm) return { x: 0, y: 0 };
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const { width, height } = this.size();
    return { x: Math.min(Math.max(0, p.x), width), y: Math.min(Math.max(0, p.y), height) };
  }

  private send(gesture: PageGesture): void {
    if (!this.shown || !this.editable) return;
    this.post({ type: 'edit', line: this.shown.view.line, gesture, seq: this.gate.gestureSent() });
  }

  // ------------------------------------------------------------------------------------------
  // Pointer

  /** The wheel: zoom in (up) or out (down) around the pointer. */
  private wheel(e: WheelEvent): void {
    if (!this.editable) return;
    e.preventDefault();
    const size = this.size();
    const delta = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    const view = zoomAround(this.view ?? wholeImage(size), size, this.toImage(e), Math.exp(-delta / 500));
    this.view = isWhole(view, size) ? undefined : view;
    this.applyView();
    this.paint();
    this.keep();
  }

  private applyView(): void {
    const svg = this.svg();
    const v = this.view ?? wholeImage(this.size());
    setChanged(svg, 'viewBox', `${v.x} ${v.y} ${v.width} ${v.height}`);
    svg.classList.toggle('zoomed', this.view !== undefined);
  }

  private setSpace(on: boolean): void {
    this.space = on;
    this.svg().classList.toggle('panning', on);
  }

  private pointerDown(e: PointerEvent): void {
    if (!this.editable || e.button !== 0) return;
    const svg = this.svg();
    svg.focus({ preventScroll: true });
    if (this.space) {
      this.drag = { mode: 'pan', x: e.clientX, y: e.clientY, from: this.view ?? wholeImage(this.size()), scale: svg.getScreenCTM()?.a || 1 };
      svg.setPointerCapture(e.pointerId);
      e.preventDefault();
      return;
    }
    const at = this.toImage(e);
    const target = e.target as Element;
    const handle = target.closest('[data-handle]')?.getAttribute('data-handle') as Handle | null;
    const selected = this.box(this.selected);
    if (handle && selected && this.selected) {
      this.drag = { mode: 'resize', ref: this.selected, handle, from: boxOf(selected), box: boxOf(selected) };
    } else {
      const g = target.closest('g.box') as SVGGElement | null;
      const hit = g ? this.shown?.view.boxes.find((b) => b.attribute === g.dataset.attribute && b.annotation === Number(g.dataset.annotation)) : undefined;
      if (hit) {
        this.select({ attribute: hit.attribute, annotation: hit.annotation });
        this.drag = { mode: 'move', ref: { attribute: hit.attribute, annotation: hit.annotation }, x: at.x, y: at.y, from: boxOf(hit), box: boxOf(hit), moved: false };
      } else {
        this.select(undefined);
        this.pending = undefined;
        this.drag = { mode: 'draw', x: at.x, y: at.y, box: { left: Math.round(at.x), top: Math.round(at.y), width: 0, height: 0 } };
      }
    }
    svg.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  private pointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    if (drag.mode === 'pan') {
      // The image follows the pointer: the view moves the other way, in image pixels.
      const size = this.size();
      const view = panBy(drag.from, size, -(e.clientX - drag.x) / drag.scale, -(e.clientY - drag.y) / drag.scale);
      this.view = isWhole(view, size) ? undefined : view;
      this.applyView();
      return;
    }
    const at = this.toImage(e);
    const { width, height } = this.size();
    if (drag.mode === 'draw') {
      drag.box = edges(drag.x, drag.y, at.x, at.y);
    } else if (drag.mode === 'move') {
      const dx = Math.round(at.x - drag.x);
      const dy = Math.round(at.y - drag.y);
      if (dx !== 0 || dy !== 0) drag.moved = true;
      drag.box = { ...drag.from, left: clamp(drag.from.left + dx, 0, width - drag.from.width), top: clamp(drag.from.top + dy, 0, height - drag.from.height) };
    } else {
      const f = drag.from;
      const x0 = drag.handle === 'nw' || drag.handle === 'sw' ? at.x : f.left;
      const x1 = drag.handle === 'ne' || drag.handle === 'se' ? at.x : f.left + f.width;
      const y0 = drag.handle === 'nw' || drag.handle === 'ne' ? at.y : f.top;
      const y1 = drag.handle === 'sw' || drag.handle === 'se' ? at.y : f.top + f.height;
      drag.box = edges(x0, y0, x1, y1);
    }
    this.schedulePaint();
  }

  private pointerUp(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    this.pointerMove(e);
    this.drag = undefined;
    if (this.svg().hasPointerCapture(e.pointerId)) this.svg().releasePointerCapture(e.pointerId);
    if (drag.mode === 'pan') {
      this.keep();
      return;
    }
    if (drag.mode === 'draw') {
      if (drag.box.width >= MIN_SIDE && drag.box.height >= MIN_SIDE) {
        if (this.nextLabel) this.send({ kind: 'addBox', box: drag.box, label: this.nextLabel });
        else this.askLabel(drag.box);
      }
    } else if (drag.mode === 'move') {
      if (drag.moved && !sameBox(drag.box, drag.from)) this.sendMove(drag.ref, drag.box);
    } else if (!sameBox(drag.box, drag.from) && drag.box.width >= MIN_SIDE && drag.box.height >= MIN_SIDE) {
      this.sendMove(drag.ref, drag.box);
    }
    this.paint();
  }

  /** A drag is under way (drawing, moving or resizing a box). */
  busy(): boolean {
    return this.drag !== undefined;
  }

  private cancelDrag(): void {
    this.drag = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /**
   * The move sent, and the line drawn at once as it will read (the box where it was let go,
   * selected, its handles there): the views made before the move are not drawn after it, and the
   * view of the move draws the same (main.ts then keeps the drawing as it is).
   */
  private sendMove(ref: PageBoxRef, box: PagePixelBox): void {
    const shown = this.shown;
    if (!shown || !this.editable) return;
    this.send({ kind: 'moveBox', ref, box });
    const moved: Show = { ...shown, view: { ...shown.view, boxes: shown.view.boxes.map((b) => (b.attribute === ref.attribute && b.annotation === ref.annotation ? { ...b, ...box } : b)) } };
    const edit: PageEdit = { ...(shown.edit ?? { on: true, editable: true, labels: this.labels }), select: ref };
    delete edit.refused;
    moved.edit = edit;
    // Drawn in the next frame, the one that shows it anyway: the message above leaves first (the
    // page shares its thread with the workbench, which forwards it to the extension; drawn here,
    // the redraw held the message back by its own time). A view drawn meanwhile wins.
    requestAnimationFrame(() => {
      if (this.shown === shown) this.redraw(moved);
    });
  }

  private boxElement(ref: PageBoxRef): SVGGElement | undefined {
    return Array.from(this.svg().querySelectorAll<SVGGElement>('g.box')).find((g) => g.dataset.attribute === ref.attribute && Number(g.dataset.annotation) === ref.annotation);
  }

  // ------------------------------------------------------------------------------------------
  // The edit layer: the draft rectangle and the selected box's handles, once per frame

  private schedulePaint(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // The page's own marks (npm run bench:editing reads them): when each drag frame began, its work.
      performance.mark('edit-frame');
      this.paint();
      performance.measure('edit-paint', 'edit-frame');
    });
  }

  private paint(): void {
    const layer = this.layer;
    if (!layer) return;
    const drag: BoxDrag | undefined = this.drag?.mode === 'pan' ? undefined : this.drag;
    const box = drag ? drag.box : (this.pending ?? (this.selected ? this.box(this.selected) : undefined));
    const draft = layer.querySelector('rect.draft') ?? layer.appendChild(rect('draft'));
    const scale = this.svg().getScreenCTM()?.a || 1;
    const showDraft = !!box && (drag !== undefined || this.pending !== undefined);
    setChanged(draft, 'visibility', showDraft ? 'visible' : 'hidden');
    if (box) place(draft, box);
    setChanged(draft, 'stroke-width', 2 / scale);
    // While a box is moved or resized its own rectangle gives way to the draft.
    const moving = drag && drag.mode !== 'draw' ? this.boxElement(drag.ref) : undefined;
    for (const g of Array.from(this.svg().querySelectorAll<SVGGElement>('g.box'))) {
      const opacity = g === moving ? '0.3' : '';
      if (g.style.opacity !== opacity) g.style.opacity = opacity;
    }
    const handled = drag && drag.mode !== 'draw' ? drag.box : this.selected && !this.pending ? this.box(this.selected) : undefined;
    if (!handled || !this.editable) {
      layer.querySelectorAll('.handle').forEach((h) => h.remove());
      return;
    }
    const side = HANDLE_PX / scale;
    const corners: Array<[Handle, number, number]> = [
      ['nw', handled.left, handled.top],
      ['ne', handled.left + handled.width, handled.top],
      ['sw', handled.left, handled.top + handled.height],
      ['se', handled.left + handled.width, handled.top + handled.height],
    ];
    // The same four elements moved, frame after frame: a handle a person is about to grab stays.
    for (const [name, x, y] of corners) {
      let h = layer.querySelector(`.handle[data-handle="${name}"]`);
      if (!h) {
        h = rect('handle');
        h.setAttribute('data-handle', name);
        layer.appendChild(h);
      }
      place(h, { left: x - side / 2, top: y - side / 2, width: side, height: side });
    }
  }

  // ------------------------------------------------------------------------------------------
  // Selection and labels

  private select(ref: PageBoxRef | undefined): void {
    this.selected = ref;
    for (const g of Array.from(this.svg().querySelectorAll<SVGGElement>('g.box'))) g.classList.toggle('selected', this.isSelected(g));
    this.syncLabelField();
    this.paint();
    this.keep();
  }

  private syncLabelField(): void {
    const input = byId<HTMLInputElement>('box-label');
    if (document.activeElement === input) return;
    input.value = this.box(this.selected)?.label ?? (this.pending ? '' : (this.nextLabel ?? ''));
  }

  /** A box drawn without a label: it waits, the label field asks. */
  private askLabel(box: PagePixelBox): void {
    this.pending = box;
    const input = byId<HTMLInputElement>('box-label');
    input.value = '';
    input.placeholder = 'label of the new box: type, Enter';
    input.focus({ preventScroll: true });
  }

  private acceptBoxLabel(): void {
    const input = byId<HTMLInputElement>('box-label');
    const label = input.value.trim();
    if (!label) return;
    this.useLabel(label);
    input.blur();
    this.svg().focus({ preventScroll: true });
  }

  /** A label chosen (the field, 1-9): the selected box's, the waiting box's, and the next boxes'. */
  private useLabel(label: string): void {
    this.nextLabel = label;
    this.keep();
    if (this.pending) {
      const box = this.pending;
      this.pending = undefined;
      this.send({ kind: 'addBox', box, label });
    } else if (this.selected) {
      const b = this.box(this.selected);
      if (b && b.label !== label) this.send({ kind: 'setBoxLabel', ref: this.selected, label });
    }
    this.syncLabelField();
  }

  /** The keys label the image itself: no box on the line, none waiting for a label, none selected. */
  private imageLevel(): boolean {
    return (this.shown?.view.boxes.length ?? 0) === 0 && !this.pending && !this.selected;
  }

  /** B: a box over the middle quarter of the image, with the last label chosen, or waiting for one. */
  private addMiddleBox(): void {
    const { width, height } = this.size();
    const left = Math.round(width / 4);
    const top = Math.round(height / 4);
    const box = { left, top, width: Math.round((3 * width) / 4) - left, height: Math.round((3 * height) / 4) - top };
    if (box.width < MIN_SIDE || box.height < MIN_SIDE) return;
    this.select(undefined);
    if (this.nextLabel) this.send({ kind: 'addBox', box, label: this.nextLabel });
    else {
      this.askLabel(box);
      this.paint();
    }
  }

  private addChipButtons(imageLabels: string[]): void {
    const left = [...imageLabels];
    for (const chip of Array.from(byId('labels').querySelectorAll<HTMLElement>('.chip'))) {
      if (chip.querySelector('button')) continue;
      const label = chip.textContent ?? '';
      const at = left.indexOf(label);
      if (at < 0) continue;
      left.splice(at, 1);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '×';
      button.setAttribute('aria-label', `Remove the label ${label}`);
      button.addEventListener('click', () => this.send({ kind: 'removeLabel', label }));
      chip.appendChild(button);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Keyboard

  private keyDown(e: KeyboardEvent): void {
    if (!this.on) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    if (ctrl && (key === 'z' || key === 'Z')) {
      e.preventDefault();
      this.post({ type: e.shiftKey ? 'redo' : 'undo' });
      return;
    }
    if (ctrl && (key === 'y' || key === 'Y')) {
      e.preventDefault();
      this.post({ type: 'redo' });
      return;
    }
    const inField = e.target instanceof HTMLInputElement;
    if (key === 'Escape') {
      e.preventDefault();
      if (inField) {
        this.pending = undefined;
        (e.target as HTMLInputElement).blur();
        this.svg().focus({ preventScroll: true });
        this.paint();
        return;
      }
      this.post({ type: 'editMode', on: false });
      return;
    }
    if (inField || ctrl || e.altKey) return;
    if (key === ' ') {
      e.preventDefault();
      if (this.editable) this.setSpace(true);
      return;
    }
    if (key === 'n' || key === 'N' || key === 'p' || key === 'P') {
      e.preventDefault();
      this.post({ type: 'step', by: key === 'n' || key === 'N' ? 1 : -1 });
      return;
    }
    if (!this.editable) return;
    if (/^[1-9]$/.test(key)) {
      const label = this.labels[Number(key) - 1];
      if (label !== undefined) {
        e.preventDefault();
        if (this.imageLevel()) this.send({ kind: (this.shown?.view.imageLabels ?? []).includes(label) ? 'removeLabel' : 'addLabel', label });
        else this.useLabel(label);
      }
      return;
    }
    if (key === 'b' || key === 'B') {
      e.preventDefault();
      this.addMiddleBox();
      return;
    }
    if (key === 'Tab') {
      const boxes = this.shown?.view.boxes ?? [];
      if (boxes.length === 0) return;
      e.preventDefault();
      const at = boxes.findIndex((b) => this.selected && b.attribute === this.selected.attribute && b.annotation === this.selected.annotation);
      const next = boxes[(at + (e.shiftKey ? -1 : 1) + boxes.length + (at < 0 && e.shiftKey ? 1 : 0)) % boxes.length]!;
      this.select({ attribute: next.attribute, annotation: next.annotation });
      return;
    }
    if (key === 'Enter') {
      e.preventDefault();
      byId<HTMLInputElement>(this.imageLevel() ? 'chip-label' : 'box-label').focus();
      return;
    }
    const selected = this.selected;
    const box = this.box(selected);
    if (!selected || !box) return;
    if (key === 'Delete' || key === 'Backspace') {
      e.preventDefault();
      this.selected = undefined;
      this.keep();
      this.send({ kind: 'deleteBox', ref: selected });
      return;
    }
    const step = e.shiftKey ? 10 : 1;
    const delta = key === 'ArrowLeft' ? [-step, 0] : key === 'ArrowRight' ? [step, 0] : key === 'ArrowUp' ? [0, -step] : key === 'ArrowDown' ? [0, step] : undefined;
    if (!delta) return;
    e.preventDefault();
    const { width, height } = this.size();
    const moved = { ...boxOf(box), left: clamp(box.left + delta[0]!, 0, width - box.width), top: clamp(box.top + delta[1]!, 0, height - box.height) };
    if (!sameBox(moved, boxOf(box))) this.sendMove(selected, moved);
    this.paint();
  }
}

function boxOf(b: PagePixelBox): PagePixelBox {
  return { left: b.left, top: b.top, width: b.width, height: b.height };
}

function sameBox(a: PagePixelBox, b: PagePixelBox): boolean {
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(Math.max(low, n), Math.max(low, high));
}

/** The box between two points, its edges rounded to whole pixels. */
function edges(x0: number, y0: number, x1: number, y1: number): PagePixelBox {
  const left = Math.round(Math.min(x0, x1));
  const top = Math.round(Math.min(y0, y1));
  return { left, top, width: Math.round(Math.max(x0, x1)) - left, height: Math.round(Math.max(y0, y1)) - top };
}

function rect(cls: string): SVGRectElement {
  const r = document.createElementNS(SVG, 'rect');
  r.setAttribute('class', cls);
  return r;
}

function place(r: Element, b: PagePixelBox): void {
  setChanged(r, 'x', b.left);
  setChanged(r, 'y', b.top);
  setChanged(r, 'width', b.width);
  setChanged(r, 'height', b.height);
}
