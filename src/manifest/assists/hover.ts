/**
 * Hover over one manifest line: a label (class-name / class-map value) with how many lines use
 * it, a bounding box's geometry against the image and after the service's 1280-px scaling, what a
 * `type` means, a source-ref's bucket and key, a service error code's meaning, and what a key is
 * for. Works on partial lines (jsonc-parser's tolerant tree). Never throws.
 * Pure: no `vscode` import.
 */
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { Limits } from '../codes';
import { docsUrlFor } from '../docs';
import { codeSpan, escapeMarkdown } from '../markdown';
import { countOf } from '../summary';
import { scaleFactor } from '../scale';
import { s3Location } from '../s3-uri';
import { s3UriFromHttps } from '../fixes/lines';
import {
  annotationsOf,
  childValue,
  findProperty,
  imageSizeOf,
  numberOf,
  parseLine,
  plain,
  shapeOf,
  stringOf,
} from '../json-line';
import { isSourceRefMisspelling } from '../rules/misspelt-keys';
import { ERROR_KEYS, KEY_DOCS, SERVICE_CODE_DOCS, TYPE_DOCS } from './manifest-terms';

export interface HoverResult {
  markdown: string;
  /** Offsets in the line. */
  start: number;
  end: number;
}
export interface HoverContext {
  /** Labels with the number of lines that use each (the document's stats). */
  labelCounts?: ReadonlyMap<string, number>;
}

export function hoverAt(lineText: string, character: number, context: HoverContext = {}): HoverResult | undefined {
  try {
    if (typeof lineText !== 'string' || lineText.length > Limits.maxLineChars) return undefined;
    if (!Number.isInteger(character) || character < 0 || character > lineText.length) return undefined;
    return hover(lineText, character, context);
  } catch {
    return undefined;
  }
}

function hover(text: string, character: number, context: HoverContext): HoverResult | undefined {
  const parsed = parseLine(text);
  if (!parsed) return undefined;
  const root = parsed.root;
  const node = findNodeAtOffset(root, character, false);
  if (!node || node === root) return undefined;
  // On the colon or spaces between a key and its value: nothing to explain.
  if (node.type === 'property') return undefined;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const isKey = property !== undefined && property.children?.[0] === node;
  const path = getNodePath(node);
  const range = (n: Node): { start: number; end: number } => ({ start: n.offset, end: n.offset + n.length });

  // A service error code anywhere under errors / cl-errors / warnings.
  if (!isKey && path.some((s) => typeof s === 'string' && ERROR_KEYS.has(s))) {
    const code = stringOf(node);
    if (code && SERVICE_CODE_DOCS[code]) return { markdown: codeMarkdown(code), ...range(node) };
  }

  const top = path[0];
  if (typeof top !== 'string') return undefined;

  if (top === 'source-ref' && path.length === 1) {
    const value = property?.children?.[1] ?? node;
    return { markdown: sourceRefMarkdown(value), ...range(isKey ? node : value) };
  }

  // A box: anything inside annotations[i] (the attribute) or objects[i] (its metadata).
  if (path.length >= 3 && typeof path[2] === 'number' && (path[1] === 'annotations' || path[1] === 'objects')) {
    const attr = path[1] === 'objects' ? (top.endsWith('-metadata') ? top.slice(0, -'-metadata'.length) : undefined) : top;
    const container = childValue(childValue(root, top), path[1]);
    const item = container?.children?.[path[2]];
    if (attr !== undefined && item) {
      const md = boxMarkdown(root, attr, path[2], context);
      if (md) return { markdown: md, ...range(item) };
    }
  }

  if (top.endsWith('-metadata') && path.length >= 2) {
    const meta = childValue(root, top);
    const field = path[1];
    if (field === 'type' && path.length === 2) {
      const value = childValue(meta, 'type');
      return { markdown: typeMarkdown(stringOf(value)), ...range(isKey || !value ? node : value) };
    }
    if (field === 'class-name' && path.length === 2) {
      const label = stringOf(childValue(meta, 'class-name'));
      if (label !== undefined) return { markdown: labelMarkdown(label, context), ...range(node) };
    }
    if (field === 'class-map' && path.length === 3) {
      const entry = findProperty(childValue(meta, 'class-map'), String(path[2]));
      const label = stringOf(entry?.children?.[1]);
      if (label !== undefined) {
        return { markdown: labelMarkdown(label, context, String(path[2])), ...range(node) };
      }
    }
  }

  if (isKey && path.length === 1 && isSourceRefMisspelling(top) && !findProperty(root, 'source-ref')) {
    return {
      markdown:
        `**${escapeCode(top)}**: did you mean \`source-ref\`? Without a \`source-ref\` key the service silently skips this line ` +
        '(ERROR_MISSING_SOURCE_REF). Rename the key (quick fix).',
      ...range(node),
    };
  }
  if (isKey && path.length === 1 && !top.endsWith('-metadata') && !KEY_DOCS[top]) {
    return { markdown: attributeMarkdown(root, top), ...range(node) };
  }
  if (isKey) {
    const key = String(path[path.length - 1]);
    if (key.endsWith('-metadata') && path.length === 1) {
      return { markdown: `${codeSpan(key)}: the metadata of label attribute ${codeSpan(key.slice(0, -'-metadata'.length))}.`, ...range(node) };
    }
    const doc = KEY_DOCS[key];
    if (doc) return { markdown: `**${key}**: ${doc}`, ...range(node) };
  }
  return undefined;
}

function codeMarkdown(code: string): string {
  const url = docsUrlFor(code);
  return `**${code}**: ${SERVICE_CODE_DOCS[code]}${url ? `\n\n[Custom Labels guide](${url})` : ''}`;
}

function sourceRefMarkdown(value: Node): string {
  const ref = stringOf(value);
  if (ref === undefined) return '**source-ref**: must be a string `s3://BUCKET/KEY`.';
  const at = s3Location(ref);
  if (at) return `**source-ref**\n\nBucket: ${codeSpan(at.bucket)}\n\nKey: ${codeSpan(at.key)}`;
  const s3 = s3UriFromHttps(ref);
  if (s3) return `**source-ref**: an https URL; Custom Labels needs ${codeSpan(s3)}.`;
  return '**source-ref**: not an `s3://BUCKET/KEY` URI, so the service drops this line.';
}

function typeMarkdown(type: string | undefined): string {
  if (type === undefined) return `**type**: ${KEY_DOCS.type}`;
  const doc = TYPE_DOCS[type];
  if (doc) return `**${escapeMarkdown(type)}**: ${doc}`;
  return `${codeSpan(type)}: not a type Custom Labels accepts (ERROR_UNSUPPORTED_USE_CASE_TYPE). Use \`groundtruth/image-classification\` or \`groundtruth/object-detection\`.`;
}

function labelMarkdown(label: string, context: HoverContext, classId?: string): string {
  const lines: string[] = [`**Label** ${codeSpan(label)}${classId !== undefined ? ` (class_id ${escapeMarkdown(classId)})` : ''}`];
  const count = context.labelCounts?.get(label);
  if (count !== undefined) lines.push(`Used on ${count} line${count === 1 ? '' : 's'} of this file.`);
  if (label.length > Limits.maxLabelNameLength) lines.push(`Longer than ${Limits.maxLabelNameLength} characters (${label.length}).`);
  return lines.join('\n\n');
}

function attributeMarkdown(root: Node, attr: string): string {
  const shape = shapeOf(childValue(root, attr));
  const meta = childValue(root, `${attr}-metadata`);
  const what =
    shape === 'classification'
      ? `image-level label${stringOf(childValue(meta, 'class-name')) !== undefined ? ` ${codeSpan(stringOf(childValue(meta, 'class-name'))!)}` : ''}`
      : shape === 'detection'
        ? countOf(annotationsOf(childValue(root, attr)).length, 'bounding box', 'bounding boxes')
        : shape === 'multilabel'
          ? 'Ground Truth multi-label output (not accepted: convert it)'
          : 'value of unknown shape';
  return `**Label attribute** ${codeSpan(attr)}: ${what}.${meta ? '' : ` No ${codeSpan(`${attr}-metadata`)} on this line.`}`;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

function boxMarkdown(root: Node, attr: string, index: number, context: HoverContext): string | undefined {
  const value = childValue(root, attr);
  const box = annotationsOf(value)[index];
  const meta = childValue(root, `${attr}-metadata`);
  const lines: string[] = [];
  const idNode = childValue(box, 'class_id');
  const id = numberOf(idNode) ?? stringOf(idNode);
  const classMap = plain(childValue(meta, 'class-map'));
  const label =
    id !== undefined && classMap && typeof classMap === 'object' ? (classMap as Record<string, unknown>)[String(id)] : undefined;
  const head = `**Box ${index + 1}** of ${codeSpan(attr)}`;
  lines.push(
    id === undefined
      ? `${head} (no class_id)`
      : typeof label === 'string'
        ? `${head}: ${codeSpan(label)} (class_id ${escapeMarkdown(String(id))})${countText(label, context)}`
        : `${head}: class_id ${escapeMarkdown(String(id))} is not in the class-map`,
  );
  if (!box) {
    lines.push('No annotation at this index: `objects` and `annotations` are index-matched.');
    return lines.join('\n\n');
  }
  const conf = numberOf(childValue(childValue(meta, 'objects')?.children?.[index], 'confidence'));
  const left = numberOf(childValue(box, 'left'));
  const top = numberOf(childValue(box, 'top'));
  const width = numberOf(childValue(box, 'width'));
  const height = numberOf(childValue(box, 'height'));
  if (left === undefined || top === undefined || width === undefined || height === undefined) {
    lines.push('Incomplete box: needs numeric `left`, `top`, `width` and `height`.');
    return lines.join('\n\n');
  }
  const { width: W, height: H } = imageSizeOf(value);
  const imageText = W !== undefined && H !== undefined ? ` in a ${fmt(W)} x ${fmt(H)} image` : '';
  lines.push(`left ${fmt(left)}, top ${fmt(top)}, ${fmt(width)} x ${fmt(height)} px${imageText}${conf !== undefined ? `, confidence ${fmt(conf)}` : ''}`);
  if (W === undefined || H === undefined) {
    lines.push('No image_size width/height: the box cannot be checked against the image.');
    return lines.join('\n\n');
  }
  const issues: string[] = [];
  if (left < 0) issues.push(`left ${fmt(left)} < 0`);
  if (top < 0) issues.push(`top ${fmt(top)} < 0`);
  if (width <= 0 || height <= 0) issues.push('width and height must be positive');
  if (left + width > W) issues.push(`right edge ${fmt(left + width)} > image width ${fmt(W)}`);
  if (top + height > H) issues.push(`bottom edge ${fmt(top + height)} > image height ${fmt(H)}`);
  lines.push(issues.length === 0 ? 'Fits inside the image.' : `Outside the image: ${issues.join('; ')}.`);
  const f = scaleFactor(W, H);
  const sw = width * f;
  const sh = height * f;
  const ok = sw > Limits.minBoxSidePx && sh > Limits.minBoxSidePx;
  const rule = `each side must be more than ${Limits.minBoxSidePx} px`;
  if (f < 1) {
    const scaled = `The service scales this image to ${Limits.scaledLongestSide} px on its longest side (x${fmt(Math.round(f * 10000) / 10000)}): the box becomes ${fmt(sw)} x ${fmt(sh)} px`;
    lines.push(ok ? `${scaled}, large enough.` : `${scaled}, **too small**: ${rule}.`);
  } else if (!ok) {
    lines.push(`**Too small**: ${rule} (an image of at most ${Limits.scaledLongestSide} px is not scaled).`);
  }
  return lines.join('\n\n');
}

function countText(label: string, context: HoverContext): string {
  const count = context.labelCounts?.get(label);
  return count === undefined ? '' : `, used on ${count} line${count === 1 ? '' : 's'}`;
}

/** Manifest text shown in bold in hover markdown: markdown's special characters escaped. */
function escapeCode(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`);
}
