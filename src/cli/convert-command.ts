/**
 * `custom-labels convert FORMAT INPUT... [--images s3://bucket/prefix/] [-o FILE]`: converts
 * other annotation formats to a manifest on the one validator. The manifest goes to -o FILE or
 * standard output; what could not be converted goes to standard error with where it came from.
 * Exit 0: everything converted; 1: something was left out (listed); 2: usage error.
 */
import { writeFile } from 'fs/promises';
import * as path from 'path';
import { convertFiles, ConvertUsageError, FORMAT_DESCRIPTIONS, FORMATS, formatOrigin, type Format } from '../convert';
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
    if (key) {
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
    return usage(io, `-o ${output} is one of the inputs; choose another file (an input is never overwritten).`);
  }

  let result;
  try {
    result = await convertFiles({
      format: format as Format,
      inputs,
      images: values.get('images'),
      imageDir: values.get('imageDir'),
      classes: values.get('classes'),
      jobName: values.get('jobName'),
      now,
    });
  } catch (e) {
    if (e instanceof ConvertUsageError) return usage(io, e.message, false);
    throw e;
  }
  const text = result.lines.map((l) => `${l}\n`).join('');
  if (output) await writeFile(output, text, 'utf8');
  else io.out(text);

  for (const issue of result.issues) io.err(`${formatOrigin(issue)}: ${issue.kind === 'skipped' ? 'not converted' : issue.kind}: ${issue.message}\n`);
  const skipped = result.issues.filter((i) => i.kind === 'skipped').length;
  const { images, labels, boxes } = result.stats;
  io.err(
    `converted ${images} image${images === 1 ? '' : 's'} (${labels} label${labels === 1 ? '' : 's'}` +
      `${boxes > 0 ? `, ${boxes} box${boxes === 1 ? '' : 'es'}` : ''})${output ? ` to ${output}` : ''}; ` +
      `${skipped === 0 ? 'nothing left out' : `${skipped} item${skipped === 1 ? '' : 's'} not converted (listed above)`}\n`,
  );
  return skipped > 0 ? 1 : 0;
}

function usage(io: Io, message: string, withHelp = true): number {
  io.err(`custom-labels convert: ${message}\n${withHelp ? `\n${CONVERT_USAGE}` : ''}`);
  return 2;
}
