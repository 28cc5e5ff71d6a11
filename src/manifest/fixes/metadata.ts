/**
 * Quick fixes for label-attribute metadata: add a missing `<attr>-metadata` (or the attribute
 * of an orphan metadata), add missing required fields, correct `type`, `human-annotated`,
 * `confidence` and `creation-date` values. Each derives what it needs from the line text;
 * the problem's `data` only narrows which attribute is meant. Pure: no `vscode` import.
 */
import { countOf } from '../summary';
import type { Node } from 'jsonc-parser';
import { convertMultilabel } from './convert-multilabel';
import {
  annotationsOf,
  attributeNames,
  childValue,
  CLASSIFICATION_TYPE,
  DETECTION_TYPE,
  findProperty,
  insertAfter,
  insertAtEnd,
  insertBefore,
  metadataNames,
  MULTILABEL_TYPE,
  numberOf,
  propertyText,
  removeChild,
  replaceNode,
  shapeOf,
  stringOf,
  styleOf,
  typeForShape,
  type AttributeShape,
  type LineEdit,
  type LineStyle,
} from '../json-line';
import {
  classIdLabelElsewhere,
  dataString,
  labelSuggestions,
  normalizeTimestamp,
  targetAttributes,
  type FixInputs,
  type LineFix,
} from './support';

const ACCEPTED_TYPES: ReadonlySet<string> = new Set([CLASSIFICATION_TYPE, DETECTION_TYPE]);
const PLACEHOLDER_LABEL = 'LABEL';

const REQUIRED: Record<'classification' | 'detection', readonly string[]> = {
  classification: ['confidence', 'class-name', 'human-annotated', 'creation-date', 'type'],
  detection: ['objects', 'class-map', 'human-annotated', 'creation-date', 'type'],
};

/** CL_MISSING_METADATA: an attribute without `-metadata`, or `-metadata` without its attribute. */
export function missingMetadataFixes(root: Node, inputs: FixInputs): LineFix[] {
  const { text, problem } = inputs;
  const style = styleOf(text, root);
  const attrs = attributeNames(root);
  const metas = metadataNames(root);
  const withoutMeta = attrs.filter((a) => !metas.includes(`${a}-metadata`));
  const orphanMetas = metas.map((m) => m.slice(0, -'-metadata'.length)).filter((a) => !attrs.includes(a));
  const fixes: LineFix[] = [];

  for (const attr of targetAttributes(root, problem, [...withoutMeta, ...orphanMetas])) {
    if (withoutMeta.includes(attr)) fixes.push(...addMetadata(root, attr, style, inputs));
    else fixes.push(...completeOrphan(root, attr, style));
  }
  return fixes;
}

function addMetadata(root: Node, attr: string, style: LineStyle, inputs: FixInputs): LineFix[] {
  const prop = findProperty(root, attr);
  const value = prop?.children?.[1];
  if (!prop || !value) return [];
  const shape = shapeOf(value);
  const now = inputs.now().toISOString();
  const key = `${attr}-metadata`;
  if (shape === 'classification') {
    return classNameChoices(inputs).map(({ label, title, preferred }) => ({
      title: `Add "${key}" ${title}`,
      isPreferred: preferred,
      edits: [insertAfter(prop, [propertyText(key, classificationMetadata(label, now), style)], style)],
    }));
  }
  if (shape === 'detection') {
    const { classMap, placeholders } = detectionClassMap(value, inputs);
    const metadata = {
      objects: annotationsOf(value).map(() => ({ confidence: 1 })),
      'class-map': classMap,
      type: DETECTION_TYPE,
      'human-annotated': 'yes',
      'creation-date': now,
    };
    const note = placeholders > 0 ? ` (${placeholders} placeholder label${placeholders > 1 ? 's' : ''}: edit the class-map)` : '';
    return [
      {
        title: `Add "${key}" for object detection${note}`,
        isPreferred: placeholders === 0,
        edits: [insertAfter(prop, [propertyText(key, metadata, style)], style)],
      },
    ];
  }
  return [];
}

/** Metadata without its attribute: add the attribute (classification only) or remove the metadata. */
function completeOrphan(root: Node, attr: string, style: LineStyle): LineFix[] {
  const metaProp = findProperty(root, `${attr}-metadata`);
  const meta = metaProp?.children?.[1];
  if (!metaProp) return [];
  const fixes: LineFix[] = [];
  const type = stringOf(childValue(meta, 'type'));
  const isClassification =
    type === CLASSIFICATION_TYPE || (type === undefined && childValue(meta, 'class-name') !== undefined);
  if (isClassification) {
    fixes.push({
      title: `Add the label attribute "${attr}" for "${attr}-metadata"`,
      isPreferred: true,
      edits: [insertBefore(metaProp, [propertyText(attr, 1, style)], style)],
    });
  }
  // A detection attribute holds the boxes: nothing we could invent. Removing is the only local fix.
  fixes.push({ title: `Remove "${attr}-metadata" (it has no label attribute)`, edits: [removeChild(metaProp)] });
  return fixes;
}

/**
 * ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT: add missing required fields, and correct the
 * values we can correct without guessing (type from the attribute's shape, human-annotated,
 * confidence, creation-date).
 */
export function metadataFormatFixes(root: Node, inputs: FixInputs): LineFix[] {
  const { text, problem } = inputs;
  const style = styleOf(text, root);
  const metas = metadataNames(root);
  const paired = attributeNames(root).filter((a) => metas.includes(`${a}-metadata`));
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, problem, paired)) {
    const value = childValue(root, attr);
    const meta = childValue(root, `${attr}-metadata`);
    if (!meta || meta.type !== 'object') continue;
    const shape = shapeOf(value);
    if (shape === 'multilabel' || stringOf(childValue(meta, 'type')) === MULTILABEL_TYPE) {
      fixes.push(...typeFixesFor(root, attr, inputs));
      continue;
    }
    fixes.push(...missingFieldFixes(attr, value, meta, shape, style, inputs));
    fixes.push(...typeFixesFor(root, attr, inputs));
    fixes.push(...valueFixes(attr, meta, inputs));
  }
  return fixes;
}

function missingFieldFixes(
  attr: string,
  value: Node | undefined,
  meta: Node,
  shape: AttributeShape,
  style: LineStyle,
  inputs: FixInputs,
): LineFix[] {
  const declared = stringOf(childValue(meta, 'type'));
  const kind =
    shape === 'classification' || shape === 'detection'
      ? shape
      : declared === DETECTION_TYPE
        ? 'detection'
        : declared === CLASSIFICATION_TYPE
          ? 'classification'
          : undefined;
  if (!kind) return [];
  const missing = REQUIRED[kind].filter((f) => findProperty(meta, f) === undefined);
  if (missing.length === 0) return [];
  const now = inputs.now().toISOString();
  const base: Record<string, unknown> = {};
  let placeholders = 0;
  for (const field of missing) {
    if (field === 'confidence') base.confidence = 1;
    else if (field === 'human-annotated') base['human-annotated'] = 'yes';
    else if (field === 'creation-date') base['creation-date'] = now;
    else if (field === 'type') base.type = kind === 'detection' ? DETECTION_TYPE : CLASSIFICATION_TYPE;
    else if (field === 'objects') base.objects = annotationsOf(value).map(() => ({ confidence: 1 }));
    else if (field === 'class-map') {
      const cm = detectionClassMap(value, inputs);
      base['class-map'] = cm.classMap;
      placeholders += cm.placeholders;
    }
  }
  const list = missing.map((m) => `"${m}"`).join(', ');
  const build = (extra: Record<string, unknown>): LineEdit =>
    insertAtEnd(meta, Object.entries({ ...base, ...extra }).map(([k, v]) => propertyText(k, v, style)), style);

  if (missing.includes('class-name')) {
    return classNameChoices(inputs).map(({ label, title, preferred }) => ({
      title: `Add ${list} to "${attr}-metadata" ${title}`,
      isPreferred: preferred,
      edits: [build({ 'class-name': label })],
    }));
  }
  const note = placeholders > 0 ? ' (placeholder labels: edit the class-map)' : '';
  return [{ title: `Add ${list} to "${attr}-metadata"${note}`, isPreferred: placeholders === 0, edits: [build({})] }];
}

/**
 * ERROR_UNSUPPORTED_USE_CASE_TYPE (and a misspelt or mismatched `type`): set the type the
 * attribute's value implies; convert a multi-label attribute as the guide's script does.
 */
export function unsupportedTypeFixes(root: Node, inputs: FixInputs): LineFix[] {
  const metas = metadataNames(root);
  const paired = attributeNames(root).filter((a) => metas.includes(`${a}-metadata`));
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, paired)) fixes.push(...typeFixesFor(root, attr, inputs));
  return fixes;
}

/**
 * ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT: a multi-label array is converted; a classification
 * attribute that is not an integer gets one (the service ignores the value itself).
 */
export function attributeFormatFixes(root: Node, inputs: FixInputs): LineFix[] {
  const metas = metadataNames(root);
  const paired = attributeNames(root).filter((a) => metas.includes(`${a}-metadata`));
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, paired)) {
    const valueNode = childValue(root, attr);
    const meta = childValue(root, `${attr}-metadata`);
    const declared = stringOf(childValue(meta, 'type'));
    const shape = shapeOf(valueNode);
    if (shape === 'multilabel') {
      fixes.push(...typeFixesFor(root, attr, inputs));
      continue;
    }
    const isClassification =
      declared === CLASSIFICATION_TYPE || (declared === undefined && childValue(meta, 'class-name') !== undefined);
    const n = numberOf(valueNode);
    if (valueNode && isClassification && (n === undefined || !Number.isInteger(n))) {
      const asInt = typeof valueNode.value === 'string' && /^\d+$/.test(valueNode.value) ? Number(valueNode.value)
        : n !== undefined ? Math.max(0, Math.round(n)) : 1;
      fixes.push({
        title: `Set "${attr}" to the integer ${asInt} (a classification attribute holds an integer)`,
        isPreferred: true,
        edits: [replaceNode(valueNode, String(asInt))],
      });
    }
  }
  return fixes;
}

function typeFixesFor(root: Node, attr: string, inputs: FixInputs): LineFix[] {
  const value = childValue(root, attr);
  const meta = childValue(root, `${attr}-metadata`);
  const typeNode = childValue(meta, 'type');
  if (!meta || !typeNode) return [];
  const declared = stringOf(typeNode);
  const shape = shapeOf(value);
  if (shape === 'multilabel' || declared === MULTILABEL_TYPE) {
    if (shape !== 'multilabel') {
      const implied = typeForShape(shape);
      return implied ? [replaceType(attr, typeNode, implied, true)] : [];
    }
    const conversion = convertMultilabel(inputs.text, attr, inputs.now);
    if (!conversion) return [];
    const n = conversion.labels.length;
    const unnamed = conversion.unnamedIds.length > 0 ? ` (${countOf(conversion.unnamedIds.length, 'class id')} not in the class-map: edit "class-<id>")` : '';
    return [
      {
        title: `Convert "${attr}" to ${n} image-classification label attribute${n === 1 ? '' : 's'}${unnamed}`,
        isPreferred: conversion.unnamedIds.length === 0,
        edits: conversion.edits,
      },
    ];
  }
  const implied = typeForShape(shape);
  if (implied) return declared === implied ? [] : [replaceType(attr, typeNode, implied, true)];
  if (declared !== undefined && ACCEPTED_TYPES.has(declared)) return [];
  // The value's shape says nothing: offer both, prefer neither.
  return [CLASSIFICATION_TYPE, DETECTION_TYPE].map((t) => replaceType(attr, typeNode, t, false));
}

function replaceType(attr: string, typeNode: Node, type: string, preferred: boolean): LineFix {
  return {
    title: `Change the type of "${attr}" to "${type}"`,
    isPreferred: preferred,
    edits: [replaceNode(typeNode, JSON.stringify(type))],
  };
}

/** Values we can correct without guessing: human-annotated, confidence, creation-date. */
function valueFixes(attr: string, meta: Node, inputs: FixInputs): LineFix[] {
  const fixes: LineFix[] = [];
  const human = childValue(meta, 'human-annotated');
  if (human && human.value !== 'yes' && human.value !== 'no') {
    const guess = human.value === true || /^(y|yes|true)$/i.test(String(human.value)) ? 'yes'
      : human.value === false || /^(n|no|false)$/i.test(String(human.value)) ? 'no' : undefined;
    for (const v of ['yes', 'no']) {
      fixes.push({
        title: `Set "human-annotated" of "${attr}" to "${v}"`,
        isPreferred: guess === v,
        edits: [replaceNode(human, JSON.stringify(v))],
      });
    }
  }
  const confidence = childValue(meta, 'confidence');
  const c = numberOf(confidence);
  if (confidence && (c === undefined || c < 0 || c > 1)) {
    const parsed = typeof confidence.value === 'string' ? Number(confidence.value) : c;
    const fixed = parsed !== undefined && Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed
      : parsed !== undefined && parsed > 1 && parsed <= 100 ? parsed / 100 : 1;
    fixes.push({
      title: `Set "confidence" of "${attr}" to ${fixed}`,
      isPreferred: true,
      edits: [replaceNode(confidence, JSON.stringify(fixed))],
    });
  }
  fixes.push(...creationDateFixesFor(attr, meta, inputs, false));
  return fixes;
}

/** CL_INVALID_CREATION_DATE: normalize to UTC ISO-8601, or set to now. */
export function creationDateFixes(root: Node, inputs: FixInputs): LineFix[] {
  const metas = metadataNames(root).map((m) => m.slice(0, -'-metadata'.length));
  const fixes: LineFix[] = [];
  for (const attr of targetAttributes(root, inputs.problem, metas)) {
    const meta = childValue(root, `${attr}-metadata`);
    if (meta) fixes.push(...creationDateFixesFor(attr, meta, inputs, true));
  }
  return fixes;
}

function creationDateFixesFor(attr: string, meta: Node, inputs: FixInputs, known: boolean): LineFix[] {
  const node = childValue(meta, 'creation-date');
  if (!node) return [];
  const raw = stringOf(node);
  const normalized = raw !== undefined ? normalizeTimestamp(raw) : undefined;
  // Inside a general metadata-format problem, only touch a date we cannot read at all.
  if (!known && normalized !== undefined) return [];
  const fixes: LineFix[] = [];
  if (normalized !== undefined && normalized !== raw) {
    fixes.push({
      title: `Write the creation-date of "${attr}" as UTC ISO-8601 (${normalized})`,
      isPreferred: true,
      edits: [replaceNode(node, JSON.stringify(normalized))],
    });
  }
  fixes.push({
    title: `Set the creation-date of "${attr}" to now`,
    isPreferred: fixes.length === 0,
    edits: [replaceNode(node, JSON.stringify(inputs.now().toISOString()))],
  });
  return fixes;
}

function classificationMetadata(label: string, now: string): Record<string, unknown> {
  return {
    confidence: 1,
    'class-name': label,
    'human-annotated': 'yes',
    'creation-date': now,
    type: CLASSIFICATION_TYPE,
  };
}

/**
 * Which class-name to write. A hint in the problem's data wins (preferred). Otherwise the
 * placeholder (preferred only when the file has no labels yet) and one choice per label the file
 * already uses (never preferred: with several labels, picking one would be a guess).
 */
function classNameChoices(inputs: FixInputs): { label: string; title: string; preferred: boolean }[] {
  const hint = dataString(inputs.problem, 'className') ?? dataString(inputs.problem, 'label');
  if (hint) return [{ label: hint, title: `with class-name "${hint}"`, preferred: true }];
  const labels = labelSuggestions(inputs.labels);
  const choices = [
    {
      label: PLACEHOLDER_LABEL,
      title: `with placeholder class-name "${PLACEHOLDER_LABEL}" (edit it)`,
      preferred: labels.length === 0,
    },
  ];
  for (const l of labels) choices.push({ label: l, title: `with class-name "${l}"`, preferred: false });
  return choices;
}

/** A class-map for a detection attribute's class ids: labels from other lines, else placeholders. */
function detectionClassMap(value: Node | undefined, inputs: FixInputs): { classMap: Record<string, string>; placeholders: number } {
  const classMap: Record<string, string> = {};
  let placeholders = 0;
  for (const a of annotationsOf(value)) {
    const idNode = childValue(a, 'class_id');
    const id = numberOf(idNode) ?? (stringOf(idNode) !== undefined ? stringOf(idNode) : undefined);
    if (id === undefined) continue;
    const key = String(id);
    if (key in classMap) continue;
    const found = classIdLabelElsewhere(inputs, inputs.problem.line, key);
    if (found) classMap[key] = found.label;
    else {
      classMap[key] = `${PLACEHOLDER_LABEL}-${key}`;
      placeholders++;
    }
  }
  return { classMap, placeholders };
}
