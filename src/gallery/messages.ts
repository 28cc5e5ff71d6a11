/**
 * The gallery page's messages, both ways, and their checks (../webview/messages.ts). Every
 * string in an entry is manifest text: the page shows it with textContent/setAttribute only.
 * Used by the extension (command.ts) and the page (page/main.ts): no imports but the checks.
 */
import { arrayOf, isBoolean, isNonNegativeInteger, isNumber, isString, message, messageReader, nullable, oneOf, shape, tuple, type Check } from '../webview/messages';

/** An entry as the page receives it: entries.ts builds them (`GalleryEntry`), one line each. */
export interface PageEntry {
  /** Index in the gallery (0..n-1): the page keeps entries at their id. */
  id: number;
  /** 0-based line of the manifest. */
  line: number;
  ref: string;
  /** The size the boxes are drawn in; 0 when none. */
  w: number;
  h: number;
  labels: string[];
  /** [label, left, top, width, height] */
  boxes: Array<[string, number, number, number, number]>;
  /** [severity, code, message] */
  problems: Array<['error' | 'warning' | 'info', string, string]>;
  /**
   * An evaluation snapshot's entry (the gallery of mistakes): each prediction and each missed
   * ground-truth item as [outcome, label, confidence 0..1 (-1: none), left, top, width, height]
   * (width 0: an image-level label, no box). `boxes` are then the ground truth.
   */
  marks?: Mark[];
}

export type MarkOutcome = 'tp' | 'fp' | 'fn';
export type Mark = [MarkOutcome, string, number, number, number, number, number];

/** What the page reports after drawing. */
export interface RenderedReport {
  /** Cards in the DOM (visible and just outside). */
  cards: number;
  /** Entries passing the filters, and all entries received. */
  shown: number;
  total: number;
  /** Boxes drawn (a rectangle and its label each), images loaded, in the cards in the DOM. */
  boxes: number;
  loaded: number;
  /** Distinct entries drawn since the page opened. */
  drawn: number;
}

/** The extension to the page: entries as they are built, the reading's progress, image URIs (null: none). */
export type GalleryToPage =
  | { type: 'entries'; entries: PageEntry[] }
  | { type: 'progress'; text: string; done?: boolean }
  | { type: 'images'; images: Array<[number, string | null]> }
  /** The gallery of mistakes: the filters it opens with (a label's false positives, say). */
  | { type: 'filter'; labels: string[]; outcomes: MarkOutcome[] };

/** The page to the extension: ready for entries, the images it wants (visible first), a card to reveal, what it drew. */
export type PageToGallery =
  | { type: 'ready' }
  | { type: 'visible'; ids: number[] }
  | { type: 'reveal'; id: number }
  | ({ type: 'rendered'; first?: boolean } & RenderedReport);

const isEntry: Check<PageEntry> = shape({
  id: isNonNegativeInteger,
  line: isNonNegativeInteger,
  ref: isString,
  w: isNumber,
  h: isNumber,
  labels: arrayOf(isString),
  boxes: arrayOf(tuple<[string, number, number, number, number]>(isString, isNumber, isNumber, isNumber, isNumber)),
  problems: arrayOf(tuple<['error' | 'warning' | 'info', string, string]>(oneOf('error', 'warning', 'info'), isString, isString)),
}, {
  marks: arrayOf(tuple<Mark>(oneOf<MarkOutcome>('tp', 'fp', 'fn'), isString, isNumber, isNumber, isNumber, isNumber, isNumber)),
});

/** The page's reader of the extension's messages. */
export const readGalleryToPage = messageReader<GalleryToPage>({
  entries: message('entries', { entries: arrayOf(isEntry) }),
  progress: message('progress', { text: isString }, { done: isBoolean }),
  images: message('images', { images: arrayOf(tuple<[number, string | null]>(isNonNegativeInteger, nullable(isString))) }),
  filter: message('filter', { labels: arrayOf(isString), outcomes: arrayOf(oneOf<MarkOutcome>('tp', 'fp', 'fn')) }),
});

/** The extension's reader of the page's messages. */
export const readPageToGallery = messageReader<PageToGallery>({
  ready: message('ready'),
  visible: message('visible', { ids: arrayOf(isNonNegativeInteger) }),
  reveal: message('reveal', { id: isNonNegativeInteger }),
  rendered: message(
    'rendered',
    { cards: isNonNegativeInteger, shown: isNonNegativeInteger, total: isNonNegativeInteger, boxes: isNonNegativeInteger, loaded: isNonNegativeInteger, drawn: isNonNegativeInteger },
    { first: isBoolean },
  ),
});
