/**
 * The preview page's messages, both ways, and their checks (../webview/messages.ts). Every
 * string of a line's view is manifest text: the page shows it with textContent/setAttribute only.
 * Used by the extension (panel.ts) and the page (page/main.ts): no imports but the checks.
 */
import { arrayOf, isInteger, isNonNegativeInteger, isNumber, isString, message, messageReader, oneOf, shape, type Check } from '../webview/messages';

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
  problems: Array<{ code: string; message: string; severity: 'error' | 'warning' | 'information' }>;
  /** Why nothing can be drawn. */
  note?: string;
}

/** The extension to the page: show a line (its image's webview URI and size, or why none), highlight a box (none: undefined). */
export type PreviewToPage =
  | { type: 'show'; title: string; view: PageView; image?: { uri: string; width: number; height: number }; imageNote?: string; highlight?: number }
  | { type: 'highlight'; box?: number };

/** The page to the extension: ready (send the state), shown (a line drawn, for tests and logs). */
export type PageToPreview = { type: 'ready' } | { type: 'shown'; line: number; boxes: number };

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
  { sourceRef: isString, declared: isSize, note: isString },
);

/** The page's reader of the extension's messages. */
export const readPreviewToPage = messageReader<PreviewToPage>({
  show: message('show', { title: isString, view: isView }, { image: shape({ uri: isString, width: isNumber, height: isNumber }), imageNote: isString, highlight: isInteger }),
  highlight: message('highlight', {}, { box: isInteger }),
});

/** The extension's reader of the page's messages. */
export const readPageToPreview = messageReader<PageToPreview>({
  ready: message('ready'),
  shown: message('shown', { line: isNonNegativeInteger, boxes: isNonNegativeInteger }),
});
