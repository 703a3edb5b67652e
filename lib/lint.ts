import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import { CheckOptions, checkManifest, Finding, FieldPath } from './rules';
import { isKnownField, nearestField } from './rules/schema';

/** A finding in a file on disk. */
export interface FileFinding extends Finding {
  /** The file, as given or found under a given directory. */
  readonly file: string;
  /** The 1-based line of the offending field, when known. */
  readonly line?: number;
  /** The kind of the object, when known. */
  readonly kind?: string;
  /** The name of the object, when known. */
  readonly name?: string;
}

const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The manifest files named by `paths`: files as given, directories searched recursively (skipping node_modules and dot-directories). */
export function manifestFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, explicit: boolean) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        visit(path.join(p, entry), false);
      }
    } else if (explicit || YAML_EXTENSIONS.includes(path.extname(p))) {
      out.push(p);
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

/** Checks every file and returns the findings, file by file. */
export function lintFiles(paths: string[], options: CheckOptions = {}): FileFinding[] {
  return manifestFiles(paths).flatMap(file => lintText(fs.readFileSync(file, 'utf8'), file, options));
}

// A line `key:value` without the space YAML needs after ':' (the notes' `name:kube-basic`).
const MISSING_SPACE = /^(\s*(?:-\s*)?)([A-Za-z_][\w.-]*):([^\s/\\][^#]*?)\s*(#.*)?$/;

/**
 * Checks a YAML (1.1, as kubectl reads it) or JSON text of one or more documents. Syntax errors
 * and `key:value` lines missing their space are findings too, and the rules still run on what
 * could be parsed.
 */
export function lintText(text: string, file: string, options: CheckOptions = {}): FileFinding[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter: lines, uniqueKeys: false, logLevel: 'error' });
  const textLines = stringLines(docs, lines);
  const rawLines = text.split('\n');
  const broken = docs.some(d => d.errors.length > 0);

  const syntax: FileFinding[] = [];
  const checked: FileFinding[] = [];
  const wrongType = new Set<number>(); // lines of values with a field-type finding
  for (const doc of docs) {
    for (const error of doc.errors) {
      const line = lines.linePos(error.pos[0]).line;
      syntax.push({ file, line, rule: 'yaml-syntax', severity: 'error', path: '', segments: [], message: `YAML syntax: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` });
    }
    const manifest = doc.toJS({ maxAliasCount: 100 });
    if (manifest === null || manifest === undefined) continue;
    const kind = typeof manifest.kind === 'string' ? manifest.kind : undefined;
    const name = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : undefined;
    for (const f of checkManifest(manifest, options)) {
      checked.push({ ...f, file, line: lineOf(doc, f.segments, lines), kind, name });
      const value: any = f.rule === 'field-type' ? doc.getIn(f.segments, true) : undefined;
      if (value?.range) wrongType.add(lines.linePos(value.range[0]).line);
    }
  }

  // `key:value` lines: a typo where the YAML broke, where the key is a Kubernetes field, or where
  // the string it became has the wrong type; elsewhere (`- redis:6379` in args) it is a string.
  const spaces: FileFinding[] = [];
  rawLines.forEach((raw, i) => {
    const m = MISSING_SPACE.exec(raw);
    if (!m || textLines.has(i + 1) || raw.trimStart().startsWith('#')) return;
    if (!broken && !isKnownField(m[2]) && !wrongType.has(i + 1)) return;
    const dash = m[1].trim() === '-' ? '- ' : '';
    spaces.push({
      file, line: i + 1, rule: 'yaml-syntax', severity: 'error', path: '', segments: [],
      message: `'${m[1].trim()}${m[2]}:${m[3]}' has no space after ':', so YAML reads it as one string instead of a field; did you mean '${dash}${m[2]}: ${m[3]}'?`,
    });
  });
  const spaced = new Set(spaces.map(f => f.line));
  const out = [...spaces, ...syntax.filter(f => !spaced.has(f.line)), ...checked];
  if (broken) out.push(...misspelledKeys(rawLines, file, textLines, new Set(out.map(f => f.line))));
  return out;
}

const KEY_LINE = /^\s*(?:-\s*)?([A-Za-z_][\w-]*)\s*:(\s|$)/;

/**
 * In a file YAML cannot parse, the structure around an error is lost; misspelled field names are
 * still found line by line, where nothing else was reported.
 */
function misspelledKeys(rawLines: string[], file: string, skip: Set<number>, reported: Set<number | undefined>): FileFinding[] {
  const out: FileFinding[] = [];
  rawLines.forEach((raw, i) => {
    const line = i + 1;
    const m = KEY_LINE.exec(raw);
    if (!m || skip.has(line) || reported.has(line) || isKnownField(m[1])) return;
    const near = nearestField(m[1]);
    if (near) {
      out.push({ file, line, rule: 'unknown-field', severity: 'error', path: '', segments: [], message: `unknown field '${m[1]}'; did you mean '${near}'?` });
    }
  });
  return out;
}

/** The line of the deepest node of `segments` that exists in the document. */
function lineOf(doc: any, segments: FieldPath, lines: LineCounter): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const prefix = segments.slice(0, n);
    const node = n === 0 ? doc.contents : doc.getIn(prefix, true);
    if (node && Array.isArray(node.range)) {
      // For a field, point at its key rather than its value when the parent is a mapping.
      if (n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p: any) => (isScalar(p.key) ? (p.key as Scalar).value : p.key) === prefix[n - 1]);
          const key: any = pair?.key;
          if (key && Array.isArray(key.range)) return lines.linePos(key.range[0]).line;
        }
      }
      return lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

/** Lines of block and quoted scalars and of command/args items, where `a:b` is text, not a typo. */
function stringLines(docs: any[], lines: LineCounter): Set<number> {
  const out = new Set<number>();
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range) {
      const from = lines.linePos(node.range[0]).line;
      const to = lines.linePos(node.range[1]).line;
      for (let l = from; l <= to; l++) out.add(l);
      return;
    }
    for (const item of node.items ?? []) {
      visit(item.key ?? item);
      visit(item.value);
      // The items of command and args are strings, whatever colons they hold (`- TCP:db:5432`).
      if (isScalar(item.key) && (item.key.value === 'command' || item.key.value === 'args') && item.value?.items) {
        for (const arg of item.value.items) {
          if (isScalar(arg) && arg.range) out.add(lines.linePos(arg.range[0]).line);
        }
      }
    }
  };
  for (const doc of docs) visit(doc.contents);
  return out;
}
