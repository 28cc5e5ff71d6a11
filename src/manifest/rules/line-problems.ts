/**
 * Problems of one line while it is being validated: each is recorded with a JSON path and
 * turned into a range only at the end, with one jsonc-parser tree per line that HAS problems
 * (validation itself runs on the JSON.parse result, which is several times faster).
 * Pure: no `vscode` import.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { ProblemCode } from '../codes';
import { defaultSeverity } from '../severity';
import type { Severity } from '../types';

export type JsonPath = (string | number)[];

/** A problem before its range is known. */
export interface Draft {
  code: ProblemCode;
  message: string;
  path: JsonPath;
  /** 'key': the property's key (or the array element); 'value': the value. */
  target: 'key' | 'value';
  severity: Severity;
  data: Record<string, unknown>;
  /**
   * Drafts (indices into the same line's drafts) that cause this one: a line-level companion the
   * service writes (ERROR_NO_VALID_LABEL_ATTRIBUTES, WARNING_NO_ANNOTATIONS, ...) points at its
   * causes as related locations instead of repeating their ranges.
   */
  causes?: number[];
  /** Said by another draft already: kept (its range may be a cause's) but not reported. */
  hidden?: boolean;
}

export class LineProblems {
  readonly drafts: Draft[] = [];

  reset(): void {
    // Most lines have no problems: skip the array-length setter (a builtin call) for them.
    if (this.drafts.length !== 0) this.drafts.length = 0;
  }

  /** True when an error-severity problem was added after the first `from` drafts. */
  hasErrorSince(from: number): boolean {
    for (let i = from; i < this.drafts.length; i++) if (this.drafts[i].severity === 'error') return true;
    return false;
  }

  /**
   * True when an error about the attribute as a whole (not about one of its boxes, which the
   * service drops on its own) was added after the first `from` drafts.
   */
  hasAttributeErrorSince(from: number): boolean {
    for (let i = from; i < this.drafts.length; i++) {
      const d = this.drafts[i];
      if (d.severity === 'error' && d.data['annotationIndex'] === undefined) return true;
    }
    return false;
  }

  add(
    code: ProblemCode,
    message: string,
    path: JsonPath,
    target: 'key' | 'value',
    data?: Record<string, unknown>,
    severity?: Severity,
  ): number {
    this.drafts.push({
      code,
      message,
      path,
      target,
      severity: severity ?? defaultSeverity(code),
      data: data ? { path, ...data } : { path },
    });
    return this.drafts.length - 1;
  }

  /** Indices of the error drafts from `from` on that concern a label attribute as a whole (not one box). */
  attributeErrorsSince(from: number): number[] {
    const out: number[] = [];
    for (let i = from; i < this.drafts.length; i++) {
      const d = this.drafts[i];
      if (d.severity === 'error' && d.data['annotationIndex'] === undefined) out.push(i);
    }
    return out;
  }
}

export interface Span {
  start: number;
  end: number;
}

/** Resolves JSON paths to ranges inside one line's JSON text (offsets relative to that text). */
export class RangeResolver {
  private root: Node | undefined;
  private parsed = false;
  /**
   * Per object node, its properties by key, built the first time a path goes through it: each
   * problem's lookup is then one Map probe per path step, not a scan of the object's properties
   * (a wide line with thousands of problems was quadratic).
   */
  private readonly keys = new Map<Node, Map<string, Node>>();

  constructor(private readonly json: string) {}

  private tree(): Node | undefined {
    if (!this.parsed) {
      this.parsed = true;
      try {
        const errors: ParseError[] = [];
        this.root = parseTree(this.json, errors, { disallowComments: true, allowTrailingComma: false });
      } catch {
        this.root = undefined;
      }
    }
    return this.root;
  }

  /**
   * The range of the key or value at `path`. A path that does not exist (a missing key) falls
   * back to the key of the closest existing parent, and the empty path to the whole object.
   */
  resolve(path: JsonPath, target: 'key' | 'value'): Span {
    const root = this.tree();
    if (!root) return this.whole();
    let p = path;
    let t = target;
    while (p.length > 0) {
      const node = this.find(root, p);
      if (node) {
        if (t === 'key' && node.parent?.type === 'property' && node.parent.children?.[0]) {
          const key = node.parent.children[0];
          return { start: key.offset, end: key.offset + key.length };
        }
        return { start: node.offset, end: node.offset + node.length };
      }
      p = p.slice(0, -1);
      t = 'key';
    }
    return { start: root.offset, end: root.offset + root.length };
  }

  /**
   * The node at `path`, as jsonc-parser's findNodeAtLocation finds it (the first property with
   * the key that has a value; an array element by index).
   */
  private find(root: Node, path: JsonPath): Node | undefined {
    let node: Node | undefined = root;
    for (const segment of path) {
      if (!node?.children) return undefined;
      if (typeof segment === 'string') {
        if (node.type !== 'object') return undefined;
        node = this.propertiesOf(node).get(segment);
      } else {
        if (node.type !== 'array' || segment < 0 || segment >= node.children.length) return undefined;
        node = node.children[segment];
      }
    }
    return node;
  }

  private propertiesOf(obj: Node): Map<string, Node> {
    let m = this.keys.get(obj);
    if (!m) {
      m = new Map();
      for (const prop of obj.children ?? []) {
        const kids = prop.children;
        if (!kids || kids.length !== 2 || typeof kids[0].value !== 'string') continue;
        if (!m.has(kids[0].value)) m.set(kids[0].value, kids[1]);
      }
      this.keys.set(obj, m);
    }
    return m;
  }

  /** The non-blank part of the text. */
  whole(): Span {
    const start = this.json.length - this.json.trimStart().length;
    const end = this.json.trimEnd().length;
    return end > start ? { start, end } : { start: 0, end: this.json.length };
  }
}

/** Where strict JSON parsing fails, as jsonc-parser sees it; undefined when it finds nothing. */
export function firstSyntaxError(json: string): { span: Span; error: ParseError } | undefined {
  try {
    const errors: ParseError[] = [];
    parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
    const e = errors[0];
    if (!e) return undefined;
    const start = Math.min(Math.max(0, e.offset), json.length);
    const end = Math.min(json.length, start + Math.max(1, e.length));
    return { span: { start, end: Math.max(start, end) }, error: e };
  } catch {
    return undefined;
  }
}
