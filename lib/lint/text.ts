import { Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { CheckOptions, checkManifest, checkObjects, didYouMean, FieldPath, Finding, formatPath, isObject, kubernetesVersionProblem, namespacePhrase, objectIdentity, ObjectSummary, podSecurityStandardProblem, RULE_IDS, summarizeObject, summaryPaths } from '../rules';
import { expectsString, isKnownField, nearestField } from '../rules/schema';
import type { DocumentText } from './files';
import { splitText } from './files';

/** A finding in a file on disk. */
export interface FileFinding extends Finding {
  /** The file, as given or found under a given directory (`-` for standard input). */
  readonly file: string;
  /** The 1-based line of the offending field, when known. */
  readonly line?: number;
  /** The kind of the object, when known. */
  readonly kind?: string;
  /** The name of the object, when known. */
  readonly name?: string;
}

/** What linting one document found, and whether it looks like a Kubernetes object at all. */
export interface DocumentResult {
  readonly findings: FileFinding[];
  /**
   * `manifest`: a Kubernetes object or a fragment of one (it has apiVersion, kind, metadata or spec,
   * or a likely misspelling of them); `other`: YAML of another tool (a Kustomization, a Helm
   * values file or template, a CI workflow); `empty`: no content.
   */
  readonly looks: 'manifest' | 'other' | 'empty';
  /** Why a document that is not a manifest was passed over. */
  readonly reason?: string;
  /** The objects it holds, for the duplicate check across documents and files. */
  readonly objects?: ObjectIdentity[];
}

/** Where an object is defined and what identifies it on the API server. */
export interface ObjectIdentity {
  readonly file: string;
  readonly line?: number;
  /** apiVersion group, kind, namespace and name. */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly segments: FieldPath;
  /** What the cross-object rules need (Pods, workloads, Services, Ingresses), with the line of each path they may report. */
  readonly summary?: ObjectSummary;
  readonly lines?: ReadonlyMap<string, number | undefined>;
}

/** The identity of a manifest, when it has a kind and a string name. */
function identity(manifest: unknown): { key: string; kind: string; name: string; namespace?: string } | undefined {
  if (!isObject(manifest) || typeof manifest.kind !== 'string' || typeof manifest.metadata?.name !== 'string') return undefined;
  const apiVersion = typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '';
  const namespace = typeof manifest.metadata.namespace === 'string' && manifest.metadata.namespace !== '' ? manifest.metadata.namespace : undefined;
  return { key: objectIdentity(apiVersion, manifest.kind, namespace, manifest.metadata.name), kind: manifest.kind, name: manifest.metadata.name, namespace };
}

/**
 * A `duplicate-object` error for every object defined again after its first definition, in
 * the order given: kubectl apply would make the later one overwrite the earlier.
 */
export function duplicateObjects(objects: readonly ObjectIdentity[]): FileFinding[] {
  const first = new Map<string, ObjectIdentity>();
  const out: FileFinding[] = [];
  for (const o of objects) {
    const earlier = first.get(o.key);
    if (!earlier) {
      first.set(o.key, o);
      continue;
    }
    const at = earlier.file === o.file ? `line ${earlier.line ?? '?'}` : `${earlier.file}${earlier.line !== undefined ? `:${earlier.line}` : ''}`;
    const segments = [...o.segments, 'metadata', 'name'];
    out.push({
      file: o.file, line: o.line, rule: 'duplicate-object', severity: 'error', path: formatPath(segments), segments, kind: o.kind, name: o.name,
      message: `${o.kind} '${o.name}' ${namespacePhrase(o.namespace)} is also defined at ${at}; kubectl apply would make one overwrite the other, so give one of them another name or remove one`,
    });
  }
  return out;
}

/**
 * The findings of the cross-object rules (a Service and its pods, an Ingress and its Services, a
 * StatefulSet and its headless Service, overlapping selectors) over objects linted together.
 */
export function crossObjectFindings(objects: readonly ObjectIdentity[], options: CheckOptions): FileFinding[] {
  return checkObjects(objects.map(o => o.summary), options).map(({ index, finding }) => {
    const o = objects[index];
    const segments = [...o.segments, ...finding.segments];
    return { ...finding, file: o.file, line: o.lines?.get(finding.path) ?? o.line, segments, path: formatPath(segments), kind: o.kind, name: o.name };
  });
}

/** Aliases a document may resolve: enough for any real manifest, bounded against alias bombs. */
const MAX_ALIAS_COUNT = 10000;

const OBJECT_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

/** API groups of configuration files read by tools, not objects served by an API server. */
const TOOL_CONFIG = /^(kustomize\.config\.k8s\.io|kind\.x-k8s\.io|kubeadm\.k8s\.io|[a-z0-9-]+\.config\.k8s\.io|audit\.k8s\.io|skaffold\/)/;

/** Whether a top-level key names (or nearly names) a field every Kubernetes object has. */
function objectKey(key: unknown): boolean {
  return typeof key === 'string' && (OBJECT_KEYS.includes(key) || didYouMean(key, OBJECT_KEYS) !== undefined);
}

/**
 * A tool's configuration file that has apiVersion and kind but is no API object (kubeconfig,
 * Kustomization, ...), read from the document's top-level scalars without converting the document.
 */
function toolConfig(contents: YAMLMap): string | undefined {
  const scalar = (key: string) => {
    const node = contents.get(key, true);
    return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  };
  const apiVersion = scalar('apiVersion');
  if (apiVersion === undefined) return undefined;
  const kind = scalar('kind');
  if (TOOL_CONFIG.test(apiVersion)) return `a ${kind ?? 'configuration'} file (${apiVersion}) for a tool, not a Kubernetes API object`;
  if (apiVersion === 'v1' && kind === 'Config') return 'a kubeconfig file, not a Kubernetes API object';
  return undefined;
}

/**
 * Throws a usage error for options that would otherwise be ignored or fail on every object: an
 * unknown Pod Security level or rule id. Checked once, before any file is read.
 */
export function checkLintOptions(options: CheckOptions): void {
  const problem = podSecurityStandardProblem(options.podSecurityStandard) ?? kubernetesVersionProblem(options.kubernetesVersion);
  if (problem) throw new TypeError(problem);
  for (const id of options.disable ?? []) {
    if (!RULE_IDS.has(id)) throw new TypeError(`--disable names '${id}', which is not a rule; see \`cdk8s-pods rules\` for the ids`);
  }
}

/** Splits a YAML (1.1, as kubectl reads it) or JSON text into documents and lints each. */
export function lintText(text: string, file: string, options: CheckOptions = {}): FileFinding[] {
  checkLintOptions(options);
  const results: DocumentResult[] = [];
  for (const event of splitText(text)) {
    if ('document' in event) results.push(lintDocument(event.document, file, options));
  }
  if (skippedReason(results, file) !== undefined) return [];
  const objects = results.flatMap(r => r.objects ?? []);
  const duplicates = options.disable?.includes('duplicate-object') ? [] : duplicateObjects(objects);
  return sortFindings([...results.flatMap(r => r.findings), ...duplicates, ...crossObjectFindings(objects, options)]);
}

/**
 * Why a file whose documents gave `results` is not a Kubernetes manifest and is passed over, or
 * undefined when it is one. A file is passed over when none of its documents looks like a
 * Kubernetes object or a fragment of one.
 */
export function skippedReason(results: readonly DocumentResult[], file: string): string | undefined {
  if (/(^|[\\/])(kustomization|Kustomization)\.ya?ml$/.test(file)) return 'a Kustomization file';
  if (/(^|[\\/])Chart\.ya?ml$/.test(file)) return 'Helm chart metadata (Chart.yaml)';
  if (results.length === 0 || results.some(r => r.looks === 'manifest')) return undefined;
  return results.find(r => r.reason !== undefined)?.reason ?? (results.every(r => r.looks === 'empty') ? undefined : 'no document has apiVersion, kind, metadata or spec');
}

/** Findings ordered by file, then line, then rule order as found. */
export function sortFindings<T extends { file: string; line?: number }>(findings: T[]): T[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.file < b.f.file ? -1 : a.f.file > b.f.file ? 1 : (a.f.line ?? 0) - (b.f.line ?? 0) || a.i - b.i))
    .map(x => x.f);
}

/**
 * Lints one YAML document: syntax, aliases and merge keys, duplicate keys, `key:value` lines that
 * lack their space, then every rule on each object it holds. Never throws: whatever cannot be
 * checked is a finding at its line.
 */
export function lintDocument(source: DocumentText, file: string, options: CheckOptions = {}): DocumentResult {
  const offset = source.firstLine - 1;
  const at = (line: number | undefined) => (line === undefined ? undefined : line + offset);
  const finding = (line: number | undefined, rule: string, message: string, segments: FieldPath = []): FileFinding =>
    ({ file, line: at(line), rule, severity: 'error', path: formatPath(segments), segments, message });
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source.text, { version: '1.1', lineCounter: lines, uniqueKeys: false, logLevel: 'silent' });
  } catch (e) {
    return { looks: 'manifest', findings: [finding(1, 'yaml-syntax', `YAML syntax: the document cannot be parsed (${errorMessage(e)}); fix the YAML`)] };
  }
  const lineAt = (pos: number) => lines.linePos(pos).line;
  const rawLines = source.text.split('\n');
  const broken = doc.errors.length > 0;

  // A template: `{{ }}` that breaks the YAML, or an unquoted `key: {{ value }}` placeholder, which
  // YAML reads as a mapping inside a mapping (Salt and Jinja templates parse). A quoted "{{ x }}" is a string.
  if ((broken && /\{\{.*\}\}/.test(source.text)) || PLACEHOLDER.test(source.text)) {
    return { looks: 'other', reason: 'a template ({{ ... }}), not a manifest: render it first (helm template) and lint the output', findings: [] };
  }
  const looks = classify(doc, rawLines);
  if (looks.looks !== 'manifest') return { ...looks, findings: [] };

  const syntax: FileFinding[] = doc.errors.map(error => finding(lineAt(error.pos[0]), 'yaml-syntax',
    `YAML syntax: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}; fix the YAML`));
  const structure: FileFinding[] = [];
  const textLines = new Set<number>();
  /** Lines of plain scalars with a ':' in them (`- system:nodes`), and where they sit. */
  const plainColon = new Map<number, FieldPath>();
  try {
    walk(doc, lines, textLines, plainColon, (line, segments, message, rule) => structure.push(finding(line, rule, message, segments)));
  } catch (e) {
    structure.push(finding(1, 'yaml-syntax', `YAML syntax: the document is too deeply nested to check (${errorMessage(e)}); flatten it`));
  }

  let value: unknown;
  let resolved = true;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    resolved = false;
    if (!structure.some(f => f.rule === 'yaml-syntax')) {
      const message = errorMessage(e);
      const excessive = /alias count/i.test(message);
      structure.push(finding(1, 'yaml-syntax', excessive
        ? `YAML syntax: the document's aliases expand to more than ${MAX_ALIAS_COUNT} nodes, so it was not checked (an alias bomb?); write the values out`
        : `YAML syntax: ${message}; fix the YAML`));
    }
  }

  const checked: FileFinding[] = [];
  const objects: ObjectIdentity[] = [];
  const wrongType = new Set<number>();
  if (resolved) {
    const identify = (manifest: unknown, base: FieldPath) => {
      const id = identity(manifest);
      if (!id) return;
      const summary = summarizeObject(manifest);
      const summaryLines = summary ? new Map(summaryPaths(summary).map(p => [formatPath(p), at(lineOf(doc, [...base, ...p], lines))])) : undefined;
      objects.push({ ...id, file, line: at(lineOf(doc, [...base, 'metadata', 'name'], lines)), segments: base, summary, lines: summaryLines });
    };
    const check = (manifest: unknown, base: FieldPath) => {
      if (isObject(manifest) && manifest.kind === 'List' && Array.isArray(manifest.items)) manifest.items.forEach((item: unknown, i: number) => identify(item, [...base, 'items', i]));
      else identify(manifest, base);
      const kind = isObject(manifest) && typeof manifest.kind === 'string' ? manifest.kind : undefined;
      const name = isObject(manifest) && typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : undefined;
      let found: Finding[];
      try {
        found = checkManifest(manifest, options);
      } catch (e) {
        checked.push({ ...finding(lineOf(doc, base, lines), 'yaml-syntax', `the object could not be checked (${errorMessage(e)}); report this input to cdk8s-pods`, base), kind, name });
        return;
      }
      for (const f of found) {
        const segments = [...base, ...f.segments];
        let message = f.message;
        if (f.rule === 'field-type') {
          const node = doc.getIn(segments, true);
          if (isNode(node) && node.range) wrongType.add(lineAt(node.range[0]));
          // Suggest quoting the value as it was written (`gpu: yes` -> "yes"), not as YAML read it (true).
          if (isScalar(node) && typeof node.source === 'string' && node.source !== '') {
            message = message.replace(/quote it: "[^"]*"$/, `quote it: ${JSON.stringify(node.source)}`);
            if (node.source !== String(node.value)) message = message.replace(/ but must be /, ` (YAML 1.1 reads ${node.source} as ${String(node.value)}) but must be `);
          }
        }
        checked.push({ ...f, message, file, segments, path: formatPath(segments), line: at(lineOf(doc, segments, lines)), kind, name });
      }
    };
    if (Array.isArray(value)) {
      structure.push(finding(lineOf(doc, [], lines), 'not-an-object', 'the document is a list, not a Kubernetes object; kubectl cannot apply it: write each object as its own document (separated by ---) or wrap them in `kind: List` with `items:`'));
      value.forEach((item, i) => {
        if (isObject(item)) check(item, [i]);
        else structure.push(finding(lineOf(doc, [i], lines), 'not-an-object', `item ${i} of the list is ${describeValue(item)}, not a Kubernetes object; remove it`, [i]));
      });
    } else if (isObject(value)) {
      check(value, []);
      if (value.kind === 'List' && Array.isArray(value.items)) {
        value.items.forEach((item: unknown, i: number) => {
          if (!isObject(item)) structure.push(finding(lineOf(doc, ['items', i], lines), 'not-an-object', `items[${i}] is ${describeValue(item)}, not a Kubernetes object; remove it or write the object`, ['items', i]));
        });
      }
    } else if (value !== null && value !== undefined) {
      structure.push(finding(lineOf(doc, [], lines), 'not-an-object', `the document is ${describeValue(value)}, not a Kubernetes object; remove it or write the object as a mapping with apiVersion, kind and metadata`));
    }
  }

  // `key:value` lines: a typo where the YAML broke, where the string it became has the wrong type
  // (`name:kube-basic` as the whole metadata), or where the key is a Kubernetes field and the
  // schema does not say a string belongs there (`- containerPort:80` under a misspelt `sepc`).
  // Where a string belongs (`- system:nodes` in an RBAC group list) it is a string.
  const spaces: FileFinding[] = [];
  rawLines.forEach((raw, i) => {
    const m = missingSpace(raw);
    if (!m || textLines.has(i + 1)) return;
    if (!broken && !wrongType.has(i + 1)) {
      if (!isKnownField(m.key, options.kubernetesVersion)) return;
      const at_ = plainColon.get(i + 1);
      if (at_ !== undefined && expectsString(value, at_, options.kubernetesVersion)) return;
    }
    spaces.push(finding(i + 1, 'yaml-syntax',
      `'${m.dash}${m.key}:${cut(m.value)}' has no space after ':', so YAML reads it as one string instead of a field; did you mean '${m.dash}${m.key}: ${cut(m.value)}'?`));
  });
  const spaced = new Set(spaces.map(f => f.line));
  const out = [...spaces, ...syntax.filter(f => !spaced.has(f.line)), ...structure, ...checked];
  if (broken) {
    const reported = new Set(out.map(f => f.line));
    rawLines.forEach((raw, i) => {
      const m = KEY_LINE.exec(raw);
      if (!m || textLines.has(i + 1) || reported.has(at(i + 1)) || isKnownField(m[1], options.kubernetesVersion)) return;
      const near = nearestField(m[1], options.kubernetesVersion);
      if (near) out.push(finding(i + 1, 'unknown-field', `unknown field '${m[1]}'; did you mean '${near}'?`));
    });
  }
  return { looks: 'manifest', findings: out, objects };
}

/** Whether a document looks like a Kubernetes object, or is some other tool's YAML. */
function classify(doc: Document.Parsed, rawLines: string[]): { looks: DocumentResult['looks']; reason?: string } {
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    return rawLines.some(l => l.trim() !== '' && !/^\s*(#|%|---|\.\.\.)/.test(l)) && doc.errors.length > 0 ? { looks: 'manifest' } : { looks: 'empty' };
  }
  const keysOf = (node: unknown): unknown[] => (isMap(node) ? node.items.map(p => (isScalar(p.key) ? p.key.value : p.key)) : []);
  let keys: unknown[];
  if (isMap(contents)) keys = keysOf(contents);
  else if (isSeq(contents)) keys = contents.items.flatMap(keysOf);
  else return { looks: 'manifest' }; // a scalar document is reported as one
  if (doc.errors.length > 0) {
    // Broken YAML loses structure: add the keys written at column 0.
    for (const raw of rawLines) {
      const m = /^([A-Za-z_][\w-]*)\s*:/.exec(raw);
      if (m) keys.push(m[1]);
    }
    if (keys.length === 0) return { looks: 'manifest' };
  }
  const tool = isMap(contents) ? toolConfig(contents) : undefined;
  if (tool) return { looks: 'other', reason: tool };
  return keys.some(objectKey) ? { looks: 'manifest' } : { looks: 'other', reason: 'no document has apiVersion, kind, metadata or spec' };
}

type WalkReport = (line: number, segments: FieldPath, message: string, rule: string) => void;

/**
 * One walk of the document's nodes: duplicate keys, aliases that resolve to nothing, merge keys
 * that name no mapping, and the lines of quoted and block scalars and of command/args items,
 * where `a:b` is text, not a typo.
 */
function walk(doc: Document.Parsed, lines: LineCounter, textLines: Set<number>, plainColon: Map<number, FieldPath>, report: WalkReport): void {
  const lineOfNode = (node: { range?: [number, number, number] | null }) => (node.range ? lines.linePos(node.range[0]).line : 1);
  const mergeSource = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const visit = (node: unknown, segments: FieldPath, depth: number): void => {
    if (depth > 1000) throw new RangeError('more than 1000 levels');
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) report(lineOfNode(node), segments, `YAML syntax: the alias *${node.source} has no anchor &${node.source} before it; define the anchor first or write the value out`, 'yaml-syntax');
      return;
    }
    if (isScalar(node)) {
      const s = node;
      if ((s.type === 'BLOCK_LITERAL' || s.type === 'BLOCK_FOLDED' || s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && s.range) {
        const from = lines.linePos(s.range[0]).line;
        const to = lines.linePos(s.range[1]).line;
        for (let l = from; l <= to; l++) textLines.add(l);
      } else if (s.type === 'PLAIN' && typeof s.value === 'string' && s.value.includes(':') && s.range) {
        plainColon.set(lines.linePos(s.range[0]).line, segments);
      }
      return;
    }
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key === '<<' || (isScalar(pair.key) && pair.key.source === '<<')) {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const src of sources) {
            const target = mergeSource(src);
            if (target === undefined && isAlias(src)) visit(src, segments, depth + 1);
            else if (!isMap(target)) report(isNode(pair.key) ? lineOfNode(pair.key) : 1, segments, 'YAML syntax: a merge key (<<) must name a mapping or a list of mappings, not a scalar or a list; fix the alias', 'yaml-syntax');
          }
          continue;
        }
        if (isScalar(pair.key) || typeof key !== 'object') {
          const line = isPair(pair) && isNode(pair.key) ? lineOfNode(pair.key) : 1;
          const first = seen.get(key);
          if (first !== undefined) {
            report(line, [...segments, String(key)], `field '${String(key)}' is given twice (lines ${first} and ${line}): one value is silently lost (kubectl keeps the last; the API server's strict decoding rejects a body with both); remove one`, 'duplicate-key');
          } else {
            seen.set(key, line);
          }
        }
        const childSegments = typeof key === 'string' || typeof key === 'number' ? [...segments, key] : segments;
        visit(pair.value, childSegments, depth + 1);
        if ((key === 'command' || key === 'args') && isSeq(pair.value)) {
          for (const arg of pair.value.items) {
            if (isScalar(arg) && arg.range) textLines.add(lines.linePos(arg.range[0]).line);
          }
        }
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...segments, i], depth + 1));
    }
  };
  visit(doc.contents, [], 0);
}

/** A line `key:value` without the space YAML needs after ':' (the notes' `name:kube-basic`), found in linear time. */
function missingSpace(raw: string): { dash: string; key: string; value: string } | undefined {
  const m = KEY_NO_SPACE.exec(raw);
  if (!m) return undefined;
  let value = raw.slice(m[0].length - 1);
  const hash = value.indexOf('#');
  if (hash >= 0) value = value.slice(0, hash);
  value = value.trimEnd();
  if (value === '') return undefined;
  return { dash: m[1].trim() === '-' ? '- ' : '', key: m[2], value };
}

/** A line whose value (or list item) is an unquoted `{{ ... }}` placeholder. */
const PLACEHOLDER = /^\s*(?:-\s+)?(?:[\w./-]+:\s+)?\{\{[^'"\n]*\}\}\s*(?:#.*)?$/m;

const KEY_NO_SPACE = /^(\s*(?:-\s*)?)([A-Za-z_][\w.-]*):[^\s/\\#]/;
const KEY_LINE = /^\s*(?:-\s*)?([A-Za-z_][\w-]*)\s*:(\s|$)/;

/** A value cut for messages: never more than 40 characters of a line. */
function cut(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value} (${cut(String(value))})`;
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** The line of the deepest node of `segments` that exists in the document, pointing at a field's key. */
export function lineOf(doc: Document, segments: FieldPath, lines: LineCounter): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const prefix = segments.slice(0, n);
    let node: unknown;
    try {
      node = n === 0 ? doc.contents : doc.getIn(prefix, true);
    } catch {
      node = undefined;
    }
    if (isNode(node) && Array.isArray(node.range)) {
      if (n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find(p => (isScalar(p.key) ? p.key.value : p.key) === prefix[n - 1]);
          const key = pair?.key;
          if (isNode(key) && Array.isArray(key.range)) return lines.linePos(key.range[0]).line;
        }
      }
      return lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}
