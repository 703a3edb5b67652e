import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { minimatch } from 'minimatch';

/** A problem with a file itself: it could not be found, read or decoded. */
export interface FileProblem {
  readonly file: string;
  readonly line?: number;
  readonly rule: 'io' | 'encoding';
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A file to lint, or `-` for standard input. */
export interface Source {
  /** The path as shown in findings. */
  readonly file: string;
  /** Read from standard input. */
  readonly stdin?: boolean;
}

/** The YAML and JSON files named by some paths, and the problems met finding them. */
export interface Discovery {
  readonly sources: Source[];
  readonly problems: FileProblem[];
}

/** Options of the directory walk. */
export interface DiscoverOptions {
  /** Globs of files and directories to leave out, matched against the path as shown and, for globs without `/`, the base name. */
  readonly exclude?: readonly string[];
}

const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];

const isYamlName = (name: string) => YAML_EXTENSIONS.includes(path.extname(name).toLowerCase());

function errorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'a symbolic link loop';
    case 'EISDIR': return 'is a directory';
    default: return code ?? (e instanceof Error ? e.message : String(e));
  }
}

/**
 * The manifest files named by `paths`: files as given (whatever their extension), directories
 * searched recursively for .yaml, .yml and .json files (skipping node_modules and dot entries),
 * `-` for standard input. Only regular files are read. Links inside a directory are followed only
 * when they stay inside the directories given; each directory is walked once, so link loops end.
 * Every path that cannot be used is a problem with its reason, never an exception.
 */
export function discover(paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const sources: Source[] = [];
  const problems: FileProblem[] = [];
  // A glob matches the path as shown or relative to the directory given; one without `/` matches base names too.
  const excluded = (shown: string, relative: string) => (options.exclude ?? []).some(glob => [shown, relative].some(p =>
    minimatch(p, glob, { dot: true, matchBase: !glob.includes('/') })));
  const roots: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    try {
      if (fs.statSync(p).isDirectory()) roots.push(fs.realpathSync(p));
    } catch {
      // reported below
    }
  }
  const inside = (real: string) => roots.some(root => real === root || real.startsWith(root + path.sep));
  const walked = new Set<string>();

  const walk = (dir: string, real: string, root: string) => {
    if (walked.has(real)) return;
    walked.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, rule: 'io', severity: 'error', message: `cannot read the directory: ${errorText(e)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const shown = path.join(dir, entry.name);
      if (excluded(shown, path.relative(root, shown).split(path.sep).join('/'))) continue;
      if (entry.isDirectory()) {
        walk(shown, path.join(real, entry.name), root);
      } else if (entry.isFile()) {
        if (isYamlName(entry.name)) sources.push({ file: shown });
      } else if (entry.isSymbolicLink()) {
        let target: string;
        let stat: fs.Stats;
        try {
          target = fs.realpathSync(shown);
          stat = fs.statSync(target);
        } catch (e) {
          if (isYamlName(entry.name)) problems.push({ file: shown, rule: 'io', severity: 'error', message: `cannot read the file: ${errorText(e)} (a broken symbolic link)` });
          continue;
        }
        if (!stat.isDirectory() && !isYamlName(entry.name)) continue;
        if (!inside(target)) {
          problems.push({ file: shown, rule: 'io', severity: 'warning', message: 'a symbolic link that leaves the linted directories, so it was not followed; lint its target by naming it' });
        } else if (stat.isDirectory()) {
          walk(shown, target, root);
        } else if (stat.isFile()) {
          sources.push({ file: shown });
        } else {
          problems.push({ file: shown, rule: 'io', severity: 'warning', message: 'not a regular file (a FIFO, socket or device), so it was not read' });
        }
      } else if (isYamlName(entry.name)) {
        problems.push({ file: shown, rule: 'io', severity: 'warning', message: 'not a regular file (a FIFO, socket or device), so it was not read' });
      }
    }
  };

  for (const p of paths) {
    if (p === '-') {
      sources.push({ file: '-', stdin: true });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      problems.push({ file: p, rule: 'io', severity: 'error', message: `cannot read the file: ${errorText(e)}` });
      continue;
    }
    if (stat.isDirectory()) walk(p, fs.realpathSync(p), p);
    else if (stat.isFile()) sources.push({ file: p });
    else problems.push({ file: p, rule: 'io', severity: 'error', message: 'not a regular file (a FIFO, socket or device), so it was not read; pipe it to `cdk8s-pods lint -` instead' });
  }
  return { sources, problems };
}

/** One YAML document of a file: its text and where it starts. */
export interface DocumentText {
  readonly text: string;
  /** The 1-based line of the file on which the document's text starts. */
  readonly firstLine: number;
  /** The document's 0-based position in the file. */
  readonly index: number;
}

/** A document larger than this is reported, not parsed: parsing costs about fifty times its size in memory. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

const CHUNK_BYTES = 1024 * 1024;

/** What reading a file yields: documents in order, and problems with lines. */
export type ReadEvent = { readonly document: DocumentText } | { readonly problem: FileProblem };

const DASHES = 0x2d;
const NEWLINE = 0x0a;

/** A line `---`, `--- ...` or `...` at column 0: a document boundary whatever it is inside. */
function boundary(line: Buffer): 'start' | 'end' | undefined {
  if (line.length >= 3 && line[0] === DASHES && line[1] === DASHES && line[2] === DASHES && (line.length === 3 || line[3] === 0x20 || line[3] === 0x09 || line[3] === 0x0d || line[3] === NEWLINE)) return 'start';
  if (line.length >= 3 && line[0] === 0x2e && line[1] === 0x2e && line[2] === 0x2e && (line.length === 3 || line[3] === 0x20 || line[3] === 0x09 || line[3] === 0x0d || line[3] === NEWLINE)) return 'end';
  return undefined;
}

/** Whether a line holds no content of a document: blank, a comment or a directive. */
function preamble(line: Buffer): boolean {
  for (const byte of line) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === NEWLINE) continue;
    return byte === 0x23 /* # */ || byte === 0x25 /* % */;
  }
  return true;
}

/**
 * Reads a file (or standard input) one YAML document at a time, so memory stays bounded by the
 * largest document rather than the file. Documents are split at `---` and `...` lines, as YAML
 * defines them (a marker at column 0 ends any scalar); a document over `MAX_DOCUMENT_BYTES` is a
 * problem, not parsed. Text must be UTF-8: invalid bytes are a problem at their line (and decoded
 * as U+FFFD); UTF-16 files are decoded whole and flagged.
 */
export function* readDocuments(source: Source, maxDocumentBytes = MAX_DOCUMENT_BYTES): Generator<ReadEvent> {
  const file = source.file;
  let fd: number;
  try {
    fd = source.stdin ? 0 : fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    yield { problem: { file, rule: 'io', severity: 'error', message: `cannot read the file: ${errorText(e)}` } };
    return;
  }
  try {
    if (!source.stdin && !fs.fstatSync(fd).isFile()) {
      yield { problem: { file, rule: 'io', severity: 'error', message: 'not a regular file (a FIFO, socket or device), so it was not read' } };
      return;
    }
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const read = (): Buffer | undefined => {
      for (;;) {
        try {
          const n = fs.readSync(fd, buffer, 0, buffer.length, null);
          return n === 0 ? undefined : Buffer.from(buffer.subarray(0, n));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue; // standard input not ready yet
          throw e;
        }
      }
    };

    let first: Buffer | undefined;
    try {
      first = read();
    } catch (e) {
      yield { problem: { file, rule: 'io', severity: 'error', message: `cannot read the file: ${errorText(e)}` } };
      return;
    }
    if (first === undefined) return;
    const utf16 = utf16Encoding(first);
    if (utf16) {
      yield* readUtf16(file, first, read, utf16, maxDocumentBytes);
      return;
    }
    let next: Buffer | undefined = first;
    yield* splitDocuments(file, () => {
      const chunk = next;
      next = chunk === undefined ? undefined : read();
      return chunk;
    }, maxDocumentBytes);
  } finally {
    if (!source.stdin) fs.closeSync(fd);
  }
}

/** `utf-16le` or `utf-16be` when the first bytes are a UTF-16 BOM or look like UTF-16 text (every other byte NUL). */
function utf16Encoding(first: Buffer): { encoding: 'utf-16le' | 'utf-16be'; bom: boolean } | undefined {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (first.length >= 4) {
    const n = Math.min(first.length & ~1, 256);
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (first[i] === 0) evenNul++;
      if (first[i + 1] === 0) oddNul++;
    }
    if (oddNul > n / 4 && evenNul === 0) return { encoding: 'utf-16le', bom: false };
    if (evenNul > n / 4 && oddNul === 0) return { encoding: 'utf-16be', bom: false };
  }
  return undefined;
}

function* readUtf16(file: string, first: Buffer, read: () => Buffer | undefined, utf16: { encoding: 'utf-16le' | 'utf-16be'; bom: boolean }, maxDocumentBytes: number): Generator<ReadEvent> {
  const chunks = [first];
  let total = first.length;
  for (let c = read(); c !== undefined; c = read()) {
    chunks.push(c);
    total += c.length;
    if (total > 4 * maxDocumentBytes) {
      yield { problem: { file, rule: 'encoding', severity: 'error', message: `the file is UTF-16 and over ${4 * maxDocumentBytes / 1024 / 1024} MiB, too large to check; save it as UTF-8` } };
      return;
    }
  }
  const text = new TextDecoder(utf16.encoding).decode(Buffer.concat(chunks, total)).replace(/^\uFEFF/, '');
  yield {
    problem: utf16.bom
      ? { file, line: 1, rule: 'encoding', severity: 'warning', message: `the file is ${utf16.encoding.toUpperCase()} with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8` }
      : { file, line: 1, rule: 'encoding', severity: 'error', message: `the file is ${utf16.encoding.toUpperCase()} without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8` },
  };
  // Split the decoded text into documents the same way as UTF-8 files.
  yield* splitText(text, file, maxDocumentBytes);
}

/** Splits a text into documents, as a file is split (`lintText`, and UTF-16 files once decoded). */
export function* splitText(text: string, file = '', maxDocumentBytes = Infinity): Generator<ReadEvent> {
  let data: Buffer | undefined = Buffer.from(text, 'utf8');
  yield* splitDocuments(file, () => {
    const chunk = data;
    data = undefined;
    return chunk;
  }, maxDocumentBytes);
}

/**
 * Splits UTF-8 bytes, given chunk by chunk by `next` (undefined at the end), into documents at
 * `---` and `...` lines, as YAML defines them (a marker at column 0 ends any scalar). Blank,
 * comment and directive lines before a `---` belong to the document it starts. A document over
 * `maxDocumentBytes` is a problem and is not kept in memory; invalid UTF-8 is a problem at its line.
 */
function* splitDocuments(file: string, next: () => Buffer | undefined, maxDocumentBytes: number): Generator<ReadEvent> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let docStart = 0; // the first line of the pending document, 0 while nothing is pending
  let docIndex = 0;
  let lineNo = 0;
  let tooLarge = false;
  let onlyPreamble = true; // the pending lines are blank, comments or directives: they belong to the next document
  let carry: Buffer = Buffer.alloc(0);
  let skipping = false; // inside a line over the limit whose start was dropped: the rest of it is dropped too
  const flush = function* (): Generator<ReadEvent> {
    if (tooLarge) {
      yield { problem: { file, line: docStart, rule: 'io', severity: 'error', message: `document ${docIndex + 1} is over ${maxDocumentBytes / 1024 / 1024} MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents` } };
    } else if (pendingBytes > 0) {
      const bytes = Buffer.concat(pending, pendingBytes);
      if (!isUtf8(bytes)) yield { problem: invalidUtf8(file, bytes, docStart) };
      yield { document: { text: bytes.toString('utf8'), firstLine: docStart, index: docIndex } };
    }
    if (pendingBytes > 0 || tooLarge) docIndex++;
    pending = [];
    pendingBytes = 0;
    docStart = 0;
    tooLarge = false;
    onlyPreamble = true;
  };
  const push = (line: Buffer) => {
    if (docStart === 0) docStart = lineNo;
    pendingBytes += line.length;
    if (tooLarge) return;
    if (pendingBytes > maxDocumentBytes) {
      tooLarge = true;
      pending = [];
      return;
    }
    pending.push(line);
  };
  const addLine = function* (line: Buffer): Generator<ReadEvent> {
    lineNo++;
    const mark = boundary(line);
    if (mark === 'start' && !onlyPreamble) yield* flush();
    push(line);
    if (mark === 'end') yield* flush();
    else if (mark === 'start' || !preamble(line)) onlyPreamble = false;
  };

  let first = true;
  for (;;) {
    let chunk: Buffer | undefined;
    try {
      chunk = next();
    } catch (e) {
      yield { problem: { file, line: lineNo + 1, rule: 'io', severity: 'error', message: `cannot read the rest of the file: ${errorText(e)}` } };
      break;
    }
    if (chunk === undefined) break;
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    if (skipping) {
      // The rest of a dropped line is skipped, not read as a line of its own (a rest starting with --- is no marker);
      // its document is too large already, so its size no longer counts.
      const nl = data.indexOf(NEWLINE);
      if (nl < 0) continue;
      lineNo++;
      from = nl + 1;
      skipping = false;
    }
    for (;;) {
      const nl = data.indexOf(NEWLINE, from);
      if (nl < 0) break;
      yield* addLine(data.subarray(from, nl + 1));
      from = nl + 1;
    }
    carry = Buffer.from(data.subarray(from));
    // A line longer than a document may be is the document's problem, not the reader's memory.
    if (carry.length > maxDocumentBytes) {
      if (docStart === 0) docStart = lineNo + 1;
      tooLarge = true;
      onlyPreamble = false;
      carry = Buffer.alloc(0);
      skipping = true;
    }
  }
  if (carry.length > 0) yield* addLine(carry);
  yield* flush();
}

/** The first invalid UTF-8 sequence of a document, as a problem at its line. */
function invalidUtf8(file: string, bytes: Buffer, firstLine: number): FileProblem {
  let line = firstLine;
  let from = 0;
  for (;;) {
    const nl = bytes.indexOf(NEWLINE, from);
    const end = nl < 0 ? bytes.length : nl + 1;
    if (!isUtf8(bytes.subarray(from, end))) break;
    if (nl < 0) break;
    from = end;
    line++;
  }
  return { file, line, rule: 'encoding', severity: 'error', message: 'the line has bytes that are not UTF-8, which kubectl rejects; they were read as U+FFFD: save the file as UTF-8' };
}
