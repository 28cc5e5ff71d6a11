/**
 * The preview page's messages, both ways, and their checks (../webview/messages.ts). Every
 * string of a line's view is manifest text: the page shows it with textContent/setAttribute only.
 * Used by the extension (panel.ts) and the page (page/main.ts): no imports but the checks.
 */
import { arrayOf, isBoolean, isInteger, isRecord, isNonNegativeInteger, isNumber, isString, message, messageReader, oneOf, shape, type Check } from '../webview/messages';

/** A box as the page receives it (model.ts `PreviewBox` is sent as one). */
export interface PageBox {
  /** 0-based over the line's boxes, in the order of the line (attribute by attribute): what `highlight` names. */
  index: number;
  attribute: string;
  /** 0-based in the attribute's annotations array. */
  annotation: number;
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One line as the page receives it (model.ts `PreviewView` is sent as one). */
export interface PageView {
  line: number;
  sourceRef?: string;
  declared?: { width: number; height: number };
  boxes: PageBox[];
  labels: string[];
  /** The image-level labels (classification class-names): what edit mode offers to remove. */
  imageLabels?: string[];
  problems: Array<{ code: string; message: string; severity: 'error' | 'warning' | 'information' }>;
  /** Why nothing can be drawn. */
  note?: string;
}

/**
 * Edit mode as the page receives it with each line: on or off; whether this line can be edited
 * (else `why`, in words); the file's labels to pick from; the box to select after an edit.
 */
export interface PageEdit {
  on: boolean;
  editable: boolean;
  why?: string;
  labels: string[];
  select?: { attribute: string; annotation: number };
  /** Why the last gesture was not written (the writer's words). */
  refused?: string;
  /** The number (`seq`) of the page's last gesture in the line when this view was made: older views are stale (page/view-gate.ts). */
  applied?: number;
}

/** A running model's answer for the shown line (DetectCustomLabels): confidences 0-100, boxes as ratios of the image. */
export interface PagePredictions {
  line: number;
  /** The model, as a person reads it ("birds v1"). */
  model: string;
  /** What the call costs, in words. */
  note: string;
  /** Where the slider starts (0-100); the page filters what it was sent. */
  minConfidence: number;
  labels: Array<{ name: string; confidence: number; box?: { left: number; top: number; width: number; height: number } }>;
}

/** The extension to the page: show a line (its image's webview URI and size, or why none), highlight a box (none: undefined). */
export type PreviewToPage =
  | { type: 'show'; title: string; view: PageView; image?: { uri: string; width: number; height: number }; imageNote?: string; highlight?: number; edit?: PageEdit }
  | { type: 'highlight'; box?: number }
  | { type: 'predictions'; predictions: PagePredictions };

/** A box in whole pixels of the image, as the page computes it from the displayed scale. */
export interface PagePixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box of the line: its attribute and its index in that attribute's annotations. */
export interface PageBoxRef {
  attribute: string;
  annotation: number;
}

/** A gesture on the image (the line writer's, manifest/edit). */
export type PageGesture =
  | { kind: 'addBox'; box: PagePixelBox; label: string }
  | { kind: 'moveBox'; ref: PageBoxRef; box: PagePixelBox }
  | { kind: 'setBoxLabel'; ref: PageBoxRef; label: string }
  | { kind: 'deleteBox'; ref: PageBoxRef }
  | { kind: 'addLabel'; label: string }
  | { kind: 'removeLabel'; label: string };

/**
 * The page to the extension: ready (send the state), shown (a line drawn, for tests and logs);
 * in edit mode: a gesture on line `line` (numbered: `seq`, which the views made after it carry), the mode toggled, the next or previous line (N, P),
 * undo and redo (forwarded to the manifest's editor).
 */
export type PageToPreview =
  | { type: 'ready' }
  | { type: 'shown'; line: number; boxes: number }
  | { type: 'edit'; line: number; gesture: PageGesture; seq?: number }
  | { type: 'editMode'; on: boolean }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'undo' }
  | { type: 'redo' };

const isSize = shape({ width: isNumber, height: isNumber });
const isView: Check<PageView> = shape(
  {
    line: isNonNegativeInteger,
    boxes: arrayOf(
      shape({ index: isNonNegativeInteger, attribute: isString, annotation: isNonNegativeInteger, label: isString, left: isNumber, top: isNumber, width: isNumber, height: isNumber }),
    ),
    labels: arrayOf(isString),
    problems: arrayOf(shape({ code: isString, message: isString, severity: oneOf('error', 'warning', 'information') })),
  },
  { sourceRef: isString, declared: isSize, note: isString, imageLabels: arrayOf(isString) },
);

const isRef: Check<PageBoxRef> = shape({ attribute: isString, annotation: isNonNegativeInteger });
const isEdit: Check<PageEdit> = shape({ on: isBoolean, editable: isBoolean, labels: arrayOf(isString) }, { why: isString, select: isRef, refused: isString, applied: isNonNegativeInteger });

const isRatioBox = shape({ left: isNumber, top: isNumber, width: isNumber, height: isNumber });
const isPredictions: Check<PagePredictions> = shape({
  line: isNonNegativeInteger,
  model: isString,
  note: isString,
  minConfidence: isNumber,
  labels: arrayOf(shape({ name: isString, confidence: isNumber }, { box: isRatioBox })),
});

/** The page's reader of the extension's messages. */
export const readPreviewToPage = messageReader<PreviewToPage>({
  show: message('show', { title: isString, view: isView }, { image: shape({ uri: isString, width: isNumber, height: isNumber }), imageNote: isString, highlight: isInteger, edit: isEdit }),
  highlight: message('highlight', {}, { box: isInteger }),
  predictions: message('predictions', { predictions: isPredictions }),
});

/** A pixel box: whole numbers, as the page rounds them (the writer fits them into the image). */
const isPixelBox: Check<PagePixelBox> = shape({ left: isInteger, top: isInteger, width: isInteger, height: isInteger });
const isGesture = (v: unknown): v is PageGesture => {
  if (!isRecord(v)) return false;
  switch (v.kind) {
    case 'addBox':
      return shape({ box: isPixelBox, label: isString })(v);
    case 'moveBox':
      return shape({ ref: isRef, box: isPixelBox })(v);
    case 'setBoxLabel':
      return shape({ ref: isRef, label: isString })(v);
    case 'deleteBox':
      return shape({ ref: isRef })(v);
    case 'addLabel':
    case 'removeLabel':
      return shape({ label: isString })(v);
    default:
      return false;
  }
};

/** The extension's reader of the page's messages. */
export const readPageToPreview = messageReader<PageToPreview>({
  ready: message('ready'),
  shown: message('shown', { line: isNonNegativeInteger, boxes: isNonNegativeInteger }),
  edit: message('edit', { line: isNonNegativeInteger, gesture: isGesture }, { seq: isNonNegativeInteger }),
  editMode: message('editMode', { on: isBoolean }),
  step: message('step', { by: (v: unknown): v is 1 | -1 => v === 1 || v === -1 }),
  undo: message('undo'),
  redo: message('redo'),
});
