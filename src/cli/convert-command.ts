/**
 * `custom-labels convert FORMAT INPUT... [--images s3://bucket/prefix/] [-o FILE]`: converts
 * other annotation formats to a manifest on the one validator. The manifest goes to -o FILE or
 * standard output as it is made (with -o, into a file beside FILE renamed over it at the end, so
 * that a failed run leaves FILE as it was); what could not be converted goes to standard error
 * with where it came from, every quoted input escaped (no control character of the input reaches
 * the terminal: a label cannot forge a summary line).
 * Exit 0: everything converted; 1: something was left out (listed); 2: usage error (the input or
 * the output cannot be used at all).
 */
import { closeSync, openSync, writeSync } from 'fs';
import { lstat, rename, rm, stat } from 'fs/promises';
import * as path from 'path';
import { convertFiles, ConvertUsageError, FORMAT_DESCRIPTIONS, FORMATS, formatOrigin, type ConvertIssue, type ConvertResult, type Format, type Origin } from '../convert';
import { escapeControls } from './format';
import type { Io } from './io';

export const CONVERT_USAGE = `Usage: custom-labels convert FORMAT INPUT... [options]

Converts annotations to an Amazon Rekognition Custom Labels manifest. Every line written passes
"custom-labels lint"; what cannot be converted is listed on standard error with its file and line.

Formats:
${FORMATS.map((f) => `  ${f.padEnd(24)}${FORMAT_DESCRIPTIONS[f]}`).join('\n')}

INPUT is a file or a folder (its files of the format's extension).
  --images s3://bucket/prefix/  where the images are, or will be, uploaded (source-ref = prefix + name);
                                needed by coco, yolo and voc, and by csv unless column 1 holds S3 URLs
  --image-dir DIR               local images, to read sizes the annotations lack (yolo always)
  --classes FILE                yolo: class names, one per line (default classes.txt or obj.names nearby)
  --job-name NAME               job-name in the metadata of detection lines
  --skip-unlabelled             leave out images without labels (default: written with only their
                                source-ref, imported unlabelled to be labelled later)
  -o, --output FILE             write the manifest to FILE (default: standard output)

Exit status: 0 all converted, 1 some items not converted (listed), 2 usage error.
`;

const VALUE_OPTIONS = new Map([
  ['--images', 'images'],
  ['--image-dir', 'imageDir'],
  ['--classes', 'classes'],
  ['--job-name', 'jobName'],
  ['-o', 'output'],
  ['--output', 'output'],
] as const);

export async function runConvert(args: string[], io: Io, now?: () => Date): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(CONVERT_USAGE);
    return 0;
  }
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const key = VALUE_OPTIONS.get(flag as never);
    if (a === '--skip-unlabelled') {
      values.set('skipUnlabelled', 'yes');
    } else if (key) {
      const value = flag !== a ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return usage(io, `${flag} needs a value.`);
      values.set(key, value);
    } else if (a.startsWith('-') && a !== '-') {
      return usage(io, `unknown option ${a}.`);
    } else {
      positional.push(a);
    }
  }
  const [format, ...inputs] = positional;
  if (!format) return usage(io, '"convert" needs a FORMAT and at least one INPUT.');
  if (!(FORMATS as readonly string[]).includes(format)) return usage(io, `unknown format "${format}"; one of ${FORMATS.join(', ')}.`);
  if (inputs.length === 0) return usage(io, `"convert ${format}" needs at least one INPUT file or folder.`);
  const output = values.get('output');
  if (output && inputs.some((i) => path.resolve(i) === path.resolve(output))) {
    return usage(io, `-o ${escapeControls(output)} is one of the inputs; choose another file (an input is never overwritten).`);
  }
  let target: OutputFile | undefined;
  if (output) {
    const opened = await openOutput(output);
    if (typeof opened === 'string') return usage(io, opened, false);
    target = opened;
  }

  let result: ConvertResult;
  try {
    result = await convertFiles({
      format: format as Format,
      inputs,
      images: values.get('images'),
      imageDir: values.get('imageDir'),
      classes: values.get('classes'),
      jobName: values.get('jobName'),
      skipUnlabelled: values.has('skipUnlabelled'),
      now,
      sink: target
        ? target.write
        : async (chunk) => {
            if (io.out(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('utf8')) === false && io.drain) await io.drain();
          },
    });
    if (target) await target.commit();
  } catch (e) {
    await target?.discard();
    if (e instanceof ConvertUsageError) return usage(io, escapeControls(e.message), false);
    const failure = e as NodeJS.ErrnoException;
    if (failure?.syscall === 'write' || failure?.syscall === 'rename') {
      const why = failure.code === 'ENOSPC' ? 'no space left on the device' : failure.code ?? failure.message;
      return usage(io, `writing the manifest${output ? ` to ${escapeControls(output)}` : ''} failed (${escapeControls(String(why))}); nothing was written there. Free some space or write elsewhere.`, false);
    }
    throw e;
  }

  for (const issue of result.issues) io.err(issueLine(issue));
  const { count: unlabelled, skipped: unlabelledSkipped, first } = result.unlabelled;
  if (unlabelled > 0 && !unlabelledSkipped && first) {
    io.err(
      issueLine({
        ...first,
        kind: 'warning',
        message: `${unlabelled} image${unlabelled === 1 ? ' has' : 's have'} no labels: written as unlabelled lines (only the source-ref; the service imports them, to be labelled later). Pass --skip-unlabelled to leave them out.`,
      } as ConvertIssue),
    );
  }
  const skipped = result.issues.filter((i) => i.kind === 'skipped').length;
  const { images, labels, boxes } = result.stats;
  io.err(
    `converted ${images} image${images === 1 ? '' : 's'} (${labels} label${labels === 1 ? '' : 's'}` +
      `${boxes > 0 ? `, ${boxes} box${boxes === 1 ? '' : 'es'}` : ''})${output ? ` to ${escapeControls(output)}` : ''}; ` +
      `${unlabelledSkipped && unlabelled > 0 ? `${unlabelled} image${unlabelled === 1 ? '' : 's'} without labels left out (--skip-unlabelled); ` : ''}` +
      `${skipped === 0 ? 'nothing left out' : `${skipped} item${skipped === 1 ? '' : 's'} not converted (listed above)`}\n`,
  );
  return skipped > 0 ? 1 : 0;
}

const KIND_WORDS: Record<ConvertIssue['kind'], string> = { skipped: 'not converted', changed: 'changed', warning: 'warning', note: 'note' };

/** One issue as standard error shows it, everything from the input escaped. */
function issueLine(issue: ConvertIssue): string {
  return `${escapeControls(formatOrigin(issue as Origin))}: ${KIND_WORDS[issue.kind]}: ${escapeControls(issue.message)}\n`;
}

/**
 * The -o file being written: lines go to a file beside it, renamed over it once all is written
 * (a failed run leaves FILE as it was); a device, pipe or link is written directly.
 */
interface OutputFile {
  write(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Opens -o FILE for writing, or says why it cannot be (a folder, a missing folder, no permission). */
async function openOutput(output: string): Promise<OutputFile | string> {
  const shown = escapeControls(output);
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory()) return `-o ${shown} is a folder: name a file, e.g. -o ${escapeControls(path.join(output, 'output.manifest'))}.`;
  const dir = path.dirname(path.resolve(output));
  const dirInfo = await stat(dir).catch(() => undefined);
  if (!dirInfo?.isDirectory()) return `-o ${shown}: the folder ${escapeControls(dir)} does not exist. Create it first, or write the manifest elsewhere.`;
  // A device, a pipe or a link (-o /dev/null, -o /dev/stdout) is written as it is, never replaced.
  const link = await lstat(output).catch(() => undefined);
  const direct = link !== undefined && !link.isFile();
  const partial = direct ? output : path.join(dir, `.${path.basename(output)}.${process.pid}.partial`);
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : e instanceof Error ? e.message : String(e);
    return `-o ${shown}: cannot write in ${escapeControls(dir)} (${escapeControls(why)}). Choose a folder you can write to.`;
  }
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      closeSync(fd);
    }
  };
  return {
    // Written at once (a chunk is 64 KB): no queue of chunks waiting in memory.
    write: async (chunk) => {
      writeSync(fd, chunk);
    },
    commit: async () => {
      close();
      if (!direct) await rename(partial, output);
    },
    discard: async () => {
      try {
        close();
      } catch {
        // Already failing; the partial file is removed below.
      }
      if (!direct) await rm(partial, { force: true });
    },
  };
}

function usage(io: Io, message: string, withHelp = true): number {
  io.err(`custom-labels convert: ${message}\n${withHelp ? `\n${CONVERT_USAGE}` : ''}`);
  return 2;
}
