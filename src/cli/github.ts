/**
 * `lint --format github`: GitHub Actions workflow commands, one per problem, which the runner turns
 * into annotations on the files of a pull request:
 * `::error file=F,line=L,col=C,endLine=L,endColumn=E,title=CODE::message` (`warning` and `notice`
 * for the other severities; columns 1-based, `endColumn` exclusive as in --json).
 * Escaped as the runner reads them: in the message `%` -> `%25`, CR -> `%0D`, LF -> `%0A`; in a
 * property value also `:` -> `%3A` and `,` -> `%2C`. Then every other control character is
 * written as an escape (escapeControls), so that no manifest can print a command of its own or a
 * terminal escape sequence.
 */
import type { Problem, Severity } from '../manifest';
import { escapeControls } from './format';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice' };

/** A workflow command's message, escaped as the runner unescapes it. */
export function escapeData(text: string): string {
  return escapeControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command's property value, escaped as the runner unescapes it. */
export function escapeProperty(text: string): string {
  return escapeControls(
    text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C'),
  );
}

function command(name: string, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** A problem as an annotation on its file, line and columns. */
export function githubLine(file: string, p: Problem): string {
  return command(
    COMMANDS[p.severity] ?? 'warning',
    [
      ['file', file],
      ['line', p.line + 1],
      ['col', p.start + 1],
      ['endLine', p.line + 1],
      ['endColumn', Math.max(p.end, p.start) + 1],
      ['title', p.code],
    ],
    p.message,
  );
}

/** A file that cannot be read (or whose images cannot be checked), as an error on that file. */
export function githubUnreadable(file: string, message: string): string {
  return command('error', [['file', file], ['title', 'custom-labels']], message);
}
