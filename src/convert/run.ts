/**
 * Runs a converter over local files: expands folders, finds the images (for sizes), reads the
 * classes file, and writes every input into one manifest. Shared by `custom-labels convert` and
 * the editor's Convert command. Node only (fs), no `vscode` import.
 */
import { readFile, stat } from 'fs/promises';
import * as path from 'path';
import { convertCoco } from './coco';
import { convertCsvStream, type CsvLines } from './csv';
import { convertGroundTruth } from './groundtruth';
import { decodeInput, inputLines, notUtf8Message } from './input-text';
import { expandInputs, findImage, imageFolders } from './local-images';
import { ManifestWriter, type OutputSink } from './manifest-writer';
import { imagesPrefix } from './s3-path';
import type { ConvertResult, Format } from './types';
import { convertVoc } from './voc';
import { convertYolo, parseClasses, type AnnotationFile } from './yolo';

export interface RunOptions {
  format: Format;
  inputs: readonly string[];
  /** `s3://bucket/prefix/` where the images are (or will be) uploaded. */
  images?: string;
  /** A local folder holding the images, for sizes the annotations lack. */
  imageDir?: string;
  /** YOLO: the classes file (default: classes.txt, obj.names or *.names beside the inputs). */
  classes?: string;
  jobName?: string;
  now?: () => Date;
  /** Leave images without labels out instead of writing them as unlabelled lines. */
  skipUnlabelled?: boolean;
  /** Where the lines go as they are made (then `lines` of the result is empty); default: kept in the result. */
  sink?: OutputSink;
}

/** A problem with the command itself (a missing option, an unreadable input): nothing was converted. */
export class ConvertUsageError extends Error {}

export const FORMAT_DESCRIPTIONS: Record<Format, string> = {
  coco: 'COCO object detection (instances JSON) to an object-detection manifest',
  csv: 'CSV "image,label[,label...]" to an image-level (multi-label) manifest',
  'groundtruth-multilabel': 'Ground Truth image-classification-multilabel output to the accepted form',
  yolo: 'YOLO (.txt per image, normalised boxes, a classes file) to an object-detection manifest',
  voc: 'Pascal VOC (an XML per image) to an object-detection manifest',
};

const EXTENSIONS: Record<Format, string[]> = {
  coco: ['.json'],
  csv: ['.csv'],
  'groundtruth-multilabel': ['.manifest', '.jsonl', '.json'],
  yolo: ['.txt'],
  voc: ['.xml'],
};

const CLASS_FILES = ['classes.txt', 'obj.names', 'classes.names'];

export async function convertFiles(options: RunOptions): Promise<ConvertResult> {
  const { format } = options;
  let images: string | undefined;
  if (options.images !== undefined) {
    const p = imagesPrefix(options.images);
    if ('error' in p) throw new ConvertUsageError(p.error);
    images = p.prefix;
  } else if (format === 'yolo' || format === 'voc') {
    throw new ConvertUsageError(`"${format}" needs --images s3://bucket/prefix/: where the images are (or will be) uploaded.`);
  }
  if (options.imageDir !== undefined && !(await isDir(options.imageDir))) {
    throw new ConvertUsageError(`--image-dir "${options.imageDir}" is not a folder.`);
  }
  let files: string[];
  try {
    files = await expandInputs(options.inputs, EXTENSIONS[format]);
  } catch (e) {
    throw new ConvertUsageError(`cannot read the input: ${e instanceof Error ? e.message : String(e)}`);
  }
  const classesFile = format === 'yolo' ? options.classes ?? (await findClassesFile(files)) : undefined;
  if (format === 'yolo') files = files.filter((f) => !CLASS_FILES.includes(path.basename(f)) && (!classesFile || path.resolve(f) !== path.resolve(classesFile)));
  if (files.length === 0) throw new ConvertUsageError(`no ${EXTENSIONS[format].join('/')} files in ${options.inputs.join(', ')}.`);

  const writer = new ManifestWriter({ sink: options.sink, skipUnlabelled: options.skipUnlabelled });
  const common = { writer, now: options.now, jobName: options.jobName };
  const imageDir = options.imageDir;
  switch (format) {
    case 'coco':
      for (const file of files) {
        const folders = imageFolders(file, imageDir);
        const text = await readText(file, writer);
        if (text === undefined) continue;
        await guarded(file, writer, () =>
          convertCoco(text, file, {
            ...common,
            images,
            sizeOf: async (name) => (await findImage(folders, name, imageDir))?.size,
          }),
        );
      }
      break;
    case 'csv':
      for (const file of files) await convertCsvStream(csvLines(file), file, { writer, now: options.now, images });
      break;
    case 'groundtruth-multilabel':
      for (const file of files) {
        const text = await readText(file, writer);
        if (text !== undefined) await guarded(file, writer, () => convertGroundTruth(splitLines(text), file, { writer, now: options.now }));
      }
      break;
    case 'yolo': {
      if (!classesFile) throw new ConvertUsageError(`no classes file: pass --classes FILE (one class name per line; ${CLASS_FILES.join(', ')} beside the .txt files are found on their own).`);
      const classesText = decodeInput(await readBytes(classesFile));
      if ('bad' in classesText) throw new ConvertUsageError(`the classes file "${classesFile}": ${notUtf8Message(classesText.bad)}`);
      const classes = parseClasses(classesText.text);
      await convertYolo(await readAll(files, writer), {
        ...common,
        images: images as string,
        classes,
        classesFile,
        resolveImage: (file) => findImage(imageFolders(file, imageDir), path.basename(file, path.extname(file)), imageDir, true),
      });
      break;
    }
    case 'voc':
      await convertVoc(await readAll(files, writer), {
        ...common,
        images: images as string,
        resolveImage: async (file, filename) => {
          const folders = imageFolders(file, imageDir);
          if (filename !== undefined) return findImage(folders, filename, imageDir);
          return findImage(folders, path.basename(file, path.extname(file)), imageDir, true);
        },
      });
      break;
  }
  await writer.end();
  return writer.result();
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new ConvertUsageError(`cannot read "${file}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A file's text, or undefined when it is not text the converters can read (reported: where, why, what to do). */
async function readText(file: string, writer: ManifestWriter): Promise<string | undefined> {
  const decoded = decodeInput(await readBytes(file));
  if ('text' in decoded) return decoded.text;
  writer.report({ file }, 'skipped', notUtf8Message(decoded.bad));
  return undefined;
}

/** A CSV file's lines as they are read; a line that is not UTF-8 carries why it cannot be converted. */
async function* csvLines(file: string): AsyncGenerator<CsvLines> {
  try {
    for await (const batch of inputLines(file)) {
      if (!batch.bad) yield batch;
      else {
        const unreadable = new Map<number, string>();
        for (const [k, bad] of batch.bad) unreadable.set(k, notUtf8Message(bad, false));
        yield { first: batch.first, lines: batch.lines, unreadable };
      }
    }
  } catch (e) {
    throw new ConvertUsageError(`cannot read "${file}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Runs one file's converter; a value nested too deeply for the stack (JSON 10,000 levels deep)
 * is reported against the file instead of stopping the command with a stack trace.
 */
async function guarded(file: string, writer: ManifestWriter, convert: () => Promise<unknown>): Promise<void> {
  try {
    await convert();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    writer.report({ file }, 'skipped', `the file could not be converted: a value in it is nested too deeply (${e.message}). Annotations nest a few levels; check how the file was made.`);
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function readAll(files: readonly string[], writer: ManifestWriter): Promise<AnnotationFile[]> {
  const out: AnnotationFile[] = [];
  for (const file of files) {
    const text = await readText(file, writer);
    if (text !== undefined) out.push({ file, text });
  }
  return out;
}

async function findClassesFile(files: readonly string[]): Promise<string | undefined> {
  const dirs = [...new Set(files.map((f) => path.dirname(f)))];
  for (const d of dirs) {
    for (const candidate of [d, path.join(d, '..')]) {
      for (const name of CLASS_FILES) {
        const f = path.join(candidate, name);
        if (await isFile(f)) return f;
      }
    }
  }
  return files.find((f) => f.endsWith('.names'));
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
