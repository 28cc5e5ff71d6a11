/**
 * `lint --format sarif`: one SARIF 2.1.0 log (OASIS; what code scanning uploads) written as the
 * problems are found. Its results come first and the run's `tool` (a rule per code that appeared)
 * last, which JSON allows: nothing is held back but the codes seen and the unreadable files.
 * Rules applied:
 * - a rule per code: its id the code, its descriptions what the project says of the code
 *   (`codeDoc`: text without Markdown, and the Markdown), `helpUri` the guide's page (`docsUrlFor`),
 *   `defaultConfiguration.level` the code's default severity;
 * - levels: error -> error, warning -> warning, information -> note;
 * - regions 1-based; the validator's columns are UTF-16 code units, which SARIF does not assume
 *   (absent `columnKind` means Unicode code points), so `columnKind` says `utf16CodeUnits`;
 *   `endColumn` is exclusive, as SARIF counts it; a whole-file problem is at the line it is reported at;
 * - `artifactLocation.uri`: a relative path as given, each segment percent-encoded (a `:` or `%`
 *   in a name stays a path); an absolute one as a `file:` URI; standard input has no URI, only a
 *   description;
 * - a file that cannot be read is a tool execution notification, and the invocation unsuccessful.
 */
import { isAbsolute } from 'path';
import { pathToFileURL } from 'url';
import { codeDoc, defaultSeverity, docsUrlFor, type Problem, type ProblemCode, type Severity } from '../manifest';
import { jsonRecord } from './format';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note' };

/** The SARIF level of a severity. */
export function sarifLevel(severity: Severity): string {
  return LEVELS[severity] ?? 'warning';
}

/** Markdown as plain text: code spans and bold marks dropped. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '');
}

/** The first sentence of a description (up to a full stop followed by a capital), or all of it. */
function firstSentence(text: string): string {
  const m = /^.*?\.(?=\s+[A-Z"(])/s.exec(text);
  return m ? m[0] : text;
}

/** A SARIF rule (`reportingDescriptor`) for a code. */
export function sarifRule(code: ProblemCode): Record<string, unknown> {
  const doc = codeDoc(code) ?? code;
  const text = plainText(doc);
  const helpUri = docsUrlFor(code);
  const rule: Record<string, unknown> = {
    id: code,
    shortDescription: { text: firstSentence(text) },
    fullDescription: { text },
    help: { text: helpUri ? `${text} See ${helpUri}` : text, markdown: helpUri ? `${doc}\n\n[Custom Labels guide](${helpUri})` : doc },
    defaultConfiguration: { level: sarifLevel(defaultSeverity(code)) },
  };
  if (helpUri) rule.helpUri = helpUri;
  return rule;
}

/** A path as given, as a SARIF `uri`: relative, each segment percent-encoded; absolute as a `file:` URI. */
export function artifactUri(file: string, platform: NodeJS.Platform = process.platform): string {
  const slashed = platform === 'win32' ? file.replace(/\\/g, '/') : file;
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return slashed.split('/').map(encodeSegment).join('/');
}

function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(segment);
  } catch {
    // A lone surrogate (not UTF-16 text): as U+FFFD, as a UTF-8 reader would see it.
    return encodeURIComponent(segment.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

export interface SarifFile {
  /** The path as given; undefined for standard input. */
  path?: string;
  /** What the file is called in messages. */
  name: string;
}

function artifactLocation(file: SarifFile): Record<string, unknown> {
  return file.path === undefined ? { description: { text: file.name } } : { uri: artifactUri(file.path) };
}

function region(line: number, start: number, end: number): Record<string, number> {
  return { startLine: line + 1, startColumn: start + 1, endLine: line + 1, endColumn: Math.max(end, start) + 1 };
}

/**
 * Writes one SARIF log in pieces: `begin()`, a `result()` per problem, `end()`. Each piece is
 * text to print as it is; together they are one JSON document.
 */
export class SarifWriter {
  private readonly ruleIndex = new Map<ProblemCode, number>();
  private readonly notifications: Record<string, unknown>[] = [];
  private results = 0;

  begin(): string {
    return `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[{"columnKind":"utf16CodeUnits","results":[`;
  }

  result(file: SarifFile, p: Problem): string {
    let index = this.ruleIndex.get(p.code);
    if (index === undefined) {
      index = this.ruleIndex.size;
      this.ruleIndex.set(p.code, index);
    }
    const location = artifactLocation(file);
    const result: Record<string, unknown> = {
      ruleId: p.code,
      ruleIndex: index,
      level: sarifLevel(p.severity),
      message: { text: p.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(p.line, p.start, p.end) } }],
    };
    if (p.related && p.related.length > 0) {
      result.relatedLocations = p.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: { artifactLocation: location, region: region(r.line, r.start, r.end) },
        message: { text: r.message },
      }));
    }
    return (this.results++ === 0 ? '' : ',') + jsonRecord(result);
  }

  /** A file (or its images) that could not be read. */
  unreadable(file: SarifFile, message: string): void {
    this.notifications.push({
      level: 'error',
      message: { text: message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(file) } }],
    });
  }

  /** The rest of the log: the tool with its rules, the invocation, the run's totals. */
  end(summary: Record<string, unknown>): string {
    const rules = [...this.ruleIndex.keys()].map(sarifRule);
    const run = {
      tool: { driver: { name: 'custom-labels', rules } },
      invocations: [{ executionSuccessful: this.notifications.length === 0, toolExecutionNotifications: this.notifications }],
      properties: { summary },
    };
    // `run` without its braces continues the run object opened by begin().
    return `],${jsonRecord(run).slice(1, -1)}}]}`;
  }
}
