/**
 * What a line's keys alone decide, worked out once per sequence of keys and reused for every
 * line with the same keys in the same order (the lines of a manifest mostly share two or three
 * such shapes): which keys are label attributes, the metadata key of each, which keys are left
 * without a pair, which attribute names are reserved, which key is "source-ref" misspelt.
 * Without it every line paid for string tests on every key (endsWith, includes, startsWith: a
 * builtin call each) and for arrays to sort them into. Pure: no `vscode` import.
 */
import { SERVICE_KEYS } from './service-reported';
import { SERVICE_FINDING_KEY_SET } from '../service-findings';
import { isSourceRefMisspelling } from './misspelt-keys';

const META = '-metadata';

/** The problem an attribute's own name has: none, it contains "-metadata", it ends in "-ref". */
export const enum AttributeName {
  OK = 0,
  HAS_METADATA = 1,
  ENDS_IN_REF = 2,
}

export interface KeyPlan {
  /** Every key of the line, in JSON.parse's (for-in) order: what the plan is known by. */
  readonly keys: readonly string[];
  /** The line has a "source-ref" key. */
  readonly hasRef: boolean;
  /** Without "source-ref": the first key that is "source-ref" misspelt, if any. */
  readonly misspelt: string | undefined;
  /** Keys other than source-ref, service keys and metadata keys: attribute candidates, in order. */
  readonly plain: readonly string[];
  /** The metadata keys (other than service keys), in order. */
  readonly metaKeys: readonly string[];
  /** Label attributes (plain keys with their "-metadata"), in order of `plain`. */
  readonly attributes: readonly string[];
  /** For each of `attributes`, its metadata key. */
  readonly metaOf: readonly string[];
  /** For each of `attributes`, what is wrong with its name. */
  readonly names: readonly AttributeName[];
  /** Keys without a pair, as reported: plain ones (not the misspelt source-ref) first, then metadata keys. */
  readonly orphans: readonly string[];
  /** The line holds one of the service's finding lists at its top level. */
  readonly findings: boolean;
}

/** Plans kept (the most recently made replace the oldest). */
const PLANS = 8;
/** Lines with more keys get a plan of their own, not kept (a wide line is seldom repeated). */
const MAX_KEPT_KEYS = 24;

const plans: KeyPlan[] = [];
let nextSlot = 0;
/** The keys of the line being planned (reused: no array per line). */
const scratch: string[] = [];

/** The plan of `obj`'s keys. Synchronous, not re-entrant. */
export function keyPlan(obj: Record<string, unknown>): KeyPlan {
  let n = 0;
  for (const key in obj) scratch[n++] = key;
  for (let k = 0; k < plans.length; k++) {
    const keys = plans[k].keys;
    if (keys.length !== n) continue;
    let i = 0;
    while (i < n && keys[i] === scratch[i]) i++;
    if (i === n) return plans[k];
  }
  // A miss costs a plan made anew (pairedByComparing: a few small arrays). A larger cache, by a
  // hash of the keys, was measured slower on a manifest whose labels come in thousands of orders:
  // its thousands of plans kept alive cost the collector more than making them.
  const plan = makePlan(scratch.slice(0, n));
  if (n <= MAX_KEPT_KEYS) {
    plans[nextSlot] = plan;
    nextSlot = (nextSlot + 1) % PLANS;
  }
  // Do not keep the strings of a long line alive.
  if (n > MAX_KEPT_KEYS) scratch.length = 0;
  return plan;
}

function makePlan(keys: string[]): KeyPlan {
  let hasRef = false;
  let findings = false;
  const plain: string[] = [];
  const metaKeys: string[] = [];
  for (const key of keys) {
    if (key === 'source-ref') hasRef = true;
    else if (SERVICE_KEYS.has(key)) {
      if (SERVICE_FINDING_KEY_SET.has(key)) findings = true;
    } else if (key.length > META.length && key.endsWith(META)) metaKeys.push(key);
    else plain.push(key);
  }
  let misspelt: string | undefined;
  if (!hasRef) misspelt = keys.find((k) => isSourceRefMisspelling(k));
  if (keys.length <= MAX_KEPT_KEYS) return pairedByComparing(keys, hasRef, misspelt, plain, metaKeys, findings);
  // A wide line (thousands of keys) pairs its keys through a Map, not by comparing every pair.
  const byAttribute = new Map<string, string>();
  for (const m of metaKeys) if (!byAttribute.has(m.slice(0, -META.length))) byAttribute.set(m.slice(0, -META.length), m);
  const attributes: string[] = [];
  const metaOf: string[] = [];
  const names: AttributeName[] = [];
  const orphans: string[] = [];
  for (const key of plain) {
    const m = byAttribute.get(key);
    if (m === undefined) {
      if (key !== misspelt) orphans.push(key);
      continue;
    }
    attributes.push(key);
    metaOf.push(m);
    names.push(key.includes(META) ? AttributeName.HAS_METADATA : key.endsWith('-ref') ? AttributeName.ENDS_IN_REF : AttributeName.OK);
  }
  if (attributes.length < metaKeys.length) {
    const attrs = new Set(plain);
    for (const m of metaKeys) if (!attrs.has(m.slice(0, -META.length))) orphans.push(m);
  }
  return { keys, hasRef, misspelt, plain, metaKeys, attributes, metaOf, names, orphans, findings };
}

/** `meta` is `key` + "-metadata" (compared in place: no string made per key). */
function isMetaOf(meta: string, key: string): boolean {
  return meta.length === key.length + META.length && meta.startsWith(key);
}

/**
 * makePlan's pairing for a line of a few keys (the usual line, and every line a plan is kept for):
 * each key compared with each metadata key in place, without the Map and the attribute names
 * sliced out of the metadata keys that a wide line needs. The same plan as makePlan's Map: a
 * line whose labels come in many orders (a CSV conversion's) makes a plan per line, and this is
 * what it costs.
 */
function pairedByComparing(
  keys: string[],
  hasRef: boolean,
  misspelt: string | undefined,
  plain: string[],
  metaKeys: string[],
  findings: boolean,
): KeyPlan {
  const attributes: string[] = [];
  const metaOf: string[] = [];
  const names: AttributeName[] = [];
  const orphans: string[] = [];
  for (let k = 0; k < plain.length; k++) {
    const key = plain[k];
    let m: string | undefined;
    for (let j = 0; j < metaKeys.length; j++) {
      if (isMetaOf(metaKeys[j], key)) {
        m = metaKeys[j];
        break;
      }
    }
    if (m === undefined) {
      if (key !== misspelt) orphans.push(key);
      continue;
    }
    attributes.push(key);
    metaOf.push(m);
    names.push(key.includes(META) ? AttributeName.HAS_METADATA : key.endsWith('-ref') ? AttributeName.ENDS_IN_REF : AttributeName.OK);
  }
  if (attributes.length < metaKeys.length) {
    for (let j = 0; j < metaKeys.length; j++) {
      let paired = false;
      for (let k = 0; k < plain.length && !paired; k++) paired = isMetaOf(metaKeys[j], plain[k]);
      if (!paired) orphans.push(metaKeys[j]);
    }
  }
  return { keys, hasRef, misspelt, plain, metaKeys, attributes, metaOf, names, orphans, findings };
}
