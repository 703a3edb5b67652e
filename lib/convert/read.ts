// The input of `cdk8s-pods convert`: files, directories and standard input read as `lint` reads
// them, every document parsed (YAML 1.1, as kubectl) and linted, `kind: List` flattened, and the
// fields the API server sets removed.
import { parseDocument } from 'yaml';
import { CheckOptions } from '../rules';
import { discover, DocumentText, readDocuments, splitText } from '../lint/files';
import { crossObjectFindings, DocumentResult, duplicateObjects, FileFinding, lintDocument, ObjectIdentity, skippedReason } from '../lint/text';
import { lintComment } from './chart';
import { isObject } from './fields';

/** A text to convert, under the name it is shown with (a file name, or `-`). */
export interface ConvertText {
  readonly file: string;
  readonly text: string;
}

/** One object of the input, as the program must synthesize it. */
export interface InputObject {
  /** The object, server-set fields removed unless kept. */
  readonly value: { [key: string]: any };
  /** The lint errors about it. */
  readonly errors: FileFinding[];
  /** The line its document starts on. */
  readonly line: number;
  /** Where it sits in its document: `[]`, or `['items', 2]` in a `kind: List`. */
  readonly base: ReadonlyArray<string | number>;
}

/** One input file. */
export interface InputFile {
  readonly file: string;
  readonly objects: InputObject[];
  /** Notes for the reader: a `kind: List` written as its items, lint errors not about one object. */
  readonly notes: string[];
}

/** Everything read, with what stops a faithful conversion. */
export interface Input {
  readonly files: InputFile[];
  /** Files passed over: YAML of other tools. */
  readonly skipped: Array<{ readonly file: string; readonly reason: string }>;
  /** Every lint finding, for `--strict`. */
  readonly findings: FileFinding[];
  /** Problems that stop the conversion: a file that cannot be read, a document that does not parse. */
  readonly problems: string[];
  /** Server-set fields removed, and how many times. */
  readonly dropped: Map<string, number>;
}

/** Options of the reading. */
export interface ReadOptions extends CheckOptions {
  /** Keep status, uid, resourceVersion, ... */
  readonly keepServerFields?: boolean;
}

/** The annotation kubectl apply writes. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink'];

/** Reads paths (files, directories, `-`) and texts. */
export function readInput(inputs: ReadonlyArray<string | ConvertText>, options: ReadOptions = {}): Input {
  const input: Input = { files: [], skipped: [], findings: [], problems: [], dropped: new Map() };
  const identities: ObjectIdentity[] = [];
  const paths = inputs.filter((i): i is string => typeof i === 'string');
  const discovered = discover(paths);
  for (const p of discovered.problems) {
    if (p.severity === 'error') input.problems.push(`${p.file}: ${p.message}`);
  }
  const sources: Array<{ file: string; docs: () => Iterable<{ document: DocumentText } | { problem: { file: string; line?: number; message: string; severity: string } }> }> = [];
  // Paths first (directories expanded, as lint does), then texts.
  for (const source of discovered.sources) sources.push({ file: source.file, docs: () => readDocuments(source) });
  for (const i of inputs) {
    if (typeof i !== 'string') sources.push({ file: i.file, docs: () => splitText(i.text, i.file) });
  }

  for (const source of sources) {
    const file: InputFile = { file: source.file, objects: [], notes: [] };
    const results: DocumentResult[] = [];
    const fileFindings: FileFinding[] = [];
    const docs: Array<{ document: DocumentText; result: DocumentResult }> = [];
    for (const event of source.docs()) {
      if ('problem' in event) {
        if (event.problem.severity === 'error') input.problems.push(`${event.problem.file}${event.problem.line !== undefined ? `:${event.problem.line}` : ''}: ${event.problem.message}`);
        continue;
      }
      const result = lintDocument(event.document, source.file, options);
      results.push(result);
      docs.push({ document: event.document, result });
      identities.push(...(result.objects ?? []));
    }
    const reason = skippedReason(results, source.file);
    if (reason !== undefined) {
      input.skipped.push({ file: source.file, reason });
      continue;
    }
    for (const { document, result } of docs) {
      if (result.looks !== 'manifest') continue;
      fileFindings.push(...result.findings);
      const parsed = parseDocument(document.text, { version: '1.1', uniqueKeys: false, logLevel: 'silent' });
      if (parsed.errors.length > 0) {
        input.problems.push(`${source.file}:${document.firstLine}: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint ${source.file} shows where)`);
        continue;
      }
      let value: unknown;
      try {
        value = parsed.toJS({ maxAliasCount: 10000 });
      } catch (e) {
        input.problems.push(`${source.file}:${document.firstLine}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
        continue;
      }
      const errors = result.findings.filter(f => f.severity === 'error');
      const claim = (base: ReadonlyArray<string | number>) => errors.filter(f => base.every((s, i) => f.segments[i] === s));
      const add = (item: unknown, base: ReadonlyArray<string | number>) => {
        if (!isObject(item)) return;
        file.objects.push({ value: options.keepServerFields ? item : stripServerFields(item, input.dropped), errors: claim(base), line: document.firstLine, base });
      };
      if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
        file.notes.push(`line ${document.firstLine}: a \`kind: List\` of ${value.items.length} item${value.items.length === 1 ? '' : 's'}, written as its items`);
        value.items.forEach((item: unknown, i: number) => add(item, ['items', i]));
        const listErrors = errors.filter(f => f.segments[0] !== 'items' || typeof f.segments[1] !== 'number');
        file.notes.push(...listErrors.map(f => `line ${f.line ?? document.firstLine}: ${lintComment(f)}`));
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => add(item, [i]));
        file.notes.push(...errors.filter(f => typeof f.segments[0] !== 'number').map(f => `line ${f.line ?? document.firstLine}: ${lintComment(f)}`));
      } else if (isObject(value)) {
        add(value, []);
      } else if (value !== null && value !== undefined) {
        file.notes.push(...errors.map(f => `line ${f.line ?? document.firstLine}: ${lintComment(f)}`));
      }
    }
    input.findings.push(...fileFindings);
    input.files.push(file);
  }
  // An object defined twice, and objects that refer to others wrongly (Services, Ingresses,
  // StatefulSets), within a file or across the files of one program.
  for (const f of [...duplicateObjects(identities), ...crossObjectFindings(identities, options)]) {
    input.findings.push(f);
    if (f.severity !== 'error') continue;
    const target = input.files.find(x => x.file === f.file);
    const line = target?.objects.filter(o => o.line <= (f.line ?? 0)).pop()?.line;
    const owner = target?.objects.find(o => o.line === line && o.base.every((s, i) => f.segments[i] === s));
    if (owner) owner.errors.push(f);
  }
  return input;
}

/** The object without the fields the API server sets, counting each one removed. */
export function stripServerFields(obj: { [key: string]: any }, dropped: Map<string, number>): { [key: string]: any } {
  const count = (field: string) => dropped.set(field, (dropped.get(field) ?? 0) + 1);
  const out = { ...obj };
  if ('status' in out) {
    delete out.status;
    count('status');
  }
  const cleanMetadata = (meta: unknown, prefix: string, all: boolean): unknown => {
    if (!isObject(meta)) return meta;
    const m = { ...meta };
    for (const key of all ? SERVER_METADATA : ['creationTimestamp']) {
      if (key in m) {
        delete m[key];
        count(`${prefix}metadata.${key}`);
      }
    }
    if (all && isObject(m.annotations) && LAST_APPLIED in m.annotations) {
      const { [LAST_APPLIED]: _, ...rest } = m.annotations;
      count(`metadata.annotations['${LAST_APPLIED}']`);
      if (Object.keys(rest).length > 0) m.annotations = rest;
      else delete m.annotations;
    }
    return m;
  };
  if (isObject(out.metadata)) out.metadata = cleanMetadata(out.metadata, '', true);
  // Pod templates carry `creationTimestamp: null` in `kubectl create --dry-run` output.
  const spec = out.spec;
  if (isObject(spec) && isObject(spec.template) && isObject(spec.template.metadata) && 'creationTimestamp' in spec.template.metadata) {
    out.spec = { ...spec, template: { ...spec.template, metadata: cleanMetadata(spec.template.metadata, 'spec.template.', false) } };
  }
  const jobTemplate = isObject(out.spec) ? out.spec.jobTemplate : undefined;
  if (isObject(jobTemplate)) {
    let jt = jobTemplate;
    if (isObject(jt.metadata) && 'creationTimestamp' in jt.metadata) jt = { ...jt, metadata: cleanMetadata(jt.metadata, 'spec.jobTemplate.', false) };
    const tpl = isObject(jt.spec) ? jt.spec.template : undefined;
    if (isObject(tpl) && isObject(tpl.metadata) && 'creationTimestamp' in tpl.metadata) {
      jt = { ...jt, spec: { ...jt.spec, template: { ...tpl, metadata: cleanMetadata(tpl.metadata, 'spec.jobTemplate.spec.template.', false) } } };
    }
    out.spec = { ...out.spec, jobTemplate: jt };
  }
  return out;
}
