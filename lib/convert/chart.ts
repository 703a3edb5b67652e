// The objects of one input file as the statements of a chart: pods as the library's constructs,
// every other kind as a plain `ApiObject`, each checked against the input before it is printed,
// with the fields the typed API cannot express carried by the escape hatch.
import type { FileFinding } from '../lint/text';
import { formatFinding, KubernetesVersion } from '../rules';
import { arr, call, construct, Expr, json, Key, method, obj, ref, Stmt, THIS } from './code';
import { dotted, isObject, isString, isStringList, isStringMap, Notes, pointer } from './fields';
import { camel, podCandidates, PodCandidate } from './pod';
import type { InputObject } from './read';
import { diff, PatchOp, synthesize } from './verify';
import { isWorkload, workloadCandidates } from './workload';
import { kubeObjectCandidate } from './service';

/** Variable names of one chart's constructor, so statements of different objects never clash. */
export class ChartScope {
  private readonly used = new Set<string>(['app', 'chart', 'scope', 'id', 'props']);
  private readonly ids = new Set<string>();

  public constructor(
    public readonly chartId: string,
    public readonly kubernetesVersion?: KubernetesVersion,
  ) {}

  /** A variable name from `base` that is free in the chart and not in `taken`. */
  public fresh = (base: string, taken: ReadonlySet<string> = new Set()): string => {
    let name = RESERVED.has(base) ? `${base}Volume` : base;
    for (let n = 2; this.used.has(name) || taken.has(name) || RESERVED.has(name); n++) name = `${base}${n}`;
    return name;
  };

  /** Marks variable names as used. */
  public commit(names: Iterable<string>): void {
    for (const n of names) this.used.add(n);
  }

  /** A construct id from the object's name (`kube-basic` -> `KubeBasic`), unique in the chart. */
  public id(name: unknown, kind: unknown): string {
    const base = pascal(isString(name) ? name : '') || pascal(isString(kind) ? kind : '') || 'Object';
    let id = base;
    if (this.ids.has(id) && isString(kind)) id = `${base}${pascal(kind)}`;
    for (let n = 2; this.ids.has(id); n++) id = `${base}${n}`;
    this.ids.add(id);
    return id;
  }
}

/** Words JavaScript reserves, and names the program itself uses. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 'async', 'of', 'undefined', 'arguments', 'eval', 'NaN', 'Infinity',
]);

/** `kube-basic` -> `KubeBasic`, `system:nodes` -> `SystemNodes`. */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(w => w !== '').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** The construct the statements render, while the converter evaluates them. */
const HANDLE = '__converted';

interface Candidate {
  readonly stmts: Stmt[];
  /** Whether the construct is a pod (patched through `ApiObject.of(pod)`) or an `ApiObject`. */
  readonly pod: boolean;
  readonly notes: Notes;
}

/** The statements that define one object, with its lint errors as comments above them. */
export function objectStatements(o: InputObject, scope: ChartScope): Stmt[] {
  const value = o.value;
  const id = scope.id(value.metadata?.name, value.kind);
  // A pod is written with the construct that fits it best, fields it cannot express patched in;
  // an ApiObject only when no construct synthesizes at all.
  const groups: Candidate[][] = [];
  if (value.apiVersion === 'v1' && value.kind === 'Pod') {
    groups.push(podCandidates(value.metadata, value.spec, { metadata: ['metadata'], spec: ['spec'] }, scope.fresh).map(c => podStatements(c, id)));
  }
  if (isWorkload(value)) {
    groups.push(workloadCandidates(value, id, () => scope.id(`${isString(value.metadata?.name) ? value.metadata.name : value.kind}-pod`, 'Pod'), HANDLE, scope.fresh)
      .map(c => ({ stmts: c.stmts, pod: true, notes: c.notes })));
  }
  const kube = kubeObjectCandidate(value, id, HANDLE);
  if (kube) groups.push([{ stmts: kube.stmts, pod: true, notes: kube.notes }]);
  groups.push([apiObjectStatements(value, id)]);

  // Finalizers and owner references are no props: the metadata's own methods add them.
  const after = metadataStatements(value.metadata);
  for (const group of groups.slice(0, -1)) for (const c of group) c.stmts.push(...after);

  let best: { c: Candidate; ops: PatchOp[] } | undefined;
  for (const candidates of groups) {
    for (const c of candidates) {
      const actual = synthesize(c.stmts, HANDLE, scope.chartId, scope.kubernetesVersion);
      if (actual === undefined) continue;
      const ops = diff(actual, value);
      if (!best || ops.length < best.ops.length) best = { c, ops };
      if (ops.length === 0) break;
    }
    if (best) break;
  }
  if (!best) throw new Error(`convert: no way to write ${String(value.kind)} '${String(value.metadata?.name)}' synthesizes; report this input to cdk8s-pods`);

  const { c, ops } = best;
  const declared = c.stmts.filter(s => s.declare !== undefined && s.declare !== HANDLE).map(s => s.declare as string);
  scope.commit(declared);
  const comments = o.errors.map(lintComment);
  const out: Stmt[] = [];
  let variable: string | undefined;
  if (ops.length > 0 || c.stmts.some(s => s.declare === undefined && mentions(s.expr, HANDLE))) {
    variable = scope.fresh(camel(isString(value.metadata?.name) ? value.metadata.name : String(value.kind ?? 'object')));
    scope.commit([variable]);
  }
  c.stmts.forEach((s, i) => {
    const first = i === 0 ? comments : [];
    if (s.declare === HANDLE) out.push({ comments: [...first, ...(s.comments ?? [])], declare: variable, expr: s.expr });
    else out.push({ ...s, expr: variable !== undefined ? rename(s.expr, HANDLE, variable) : s.expr, comments: [...first, ...(s.comments ?? [])] });
  });
  if (variable !== undefined) {
    const target = c.pod ? call('ApiObject.of', ref(variable)) : ref(variable);
    for (const op of ops) {
      const args = op.op === 'remove' ? [json(op.path)] : [json(op.path), json(op.value)];
      out.push({ comments: [`TODO(convert): ${dotted(op.path) || '(the object)'}: ${reason(op, c.notes, c.pod)}`], expr: method(target, 'addJsonPatch', call(`JsonPatch.${op.op}`, ...args)) });
    }
  }
  return out;
}

/** A lint error as the comment written above its object. */
export function lintComment(f: FileFinding): string {
  return `lint error: ${f.path === '' ? `${f.message} [${f.rule}]` : formatFinding(f)}`;
}

/** `pod.metadata.addFinalizers(...)` and `addOwnerReference(...)` for the metadata fields that are no props. */
function metadataStatements(metadata: unknown): Stmt[] {
  if (!isObject(metadata)) return [];
  const target: Expr = { t: 'get', target: ref(HANDLE), name: 'metadata' };
  const out: Stmt[] = [];
  const finalizers = metadata.finalizers;
  if (isStringList(finalizers) && finalizers.length > 0) out.push({ expr: method(target, 'addFinalizers', ...finalizers.map(json)) });
  const owners = metadata.ownerReferences;
  const ownerKeys = ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'];
  if (Array.isArray(owners) && owners.length > 0 && owners.every(o => isObject(o) && ['apiVersion', 'kind', 'name', 'uid'].every(k => isString(o[k]))
    && Object.keys(o).every(k => ownerKeys.includes(k)) && ['controller', 'blockOwnerDeletion'].every(k => o[k] === undefined || typeof o[k] === 'boolean'))) {
    for (const o of owners) out.push({ expr: method(target, 'addOwnerReference', json(o)) });
  }
  return out;
}

/** Whether an expression uses a variable. */
function mentions(e: Expr, name: string): boolean {
  switch (e.t) {
    case 'var': return e.name === name;
    case 'obj': return e.props.some(([, v]) => mentions(v, name));
    case 'arr': return e.items.some(i => mentions(i, name));
    case 'call': return mentions(e.fn, name) || e.args.some(a => mentions(a, name));
    case 'new': return mentions(e.cls, name) || e.args.some(a => mentions(a, name));
    case 'get': return mentions(e.target, name);
    default: return false;
  }
}

/** The expression with a variable renamed. */
function rename(e: Expr, from: string, to: string): Expr {
  switch (e.t) {
    case 'var': return e.name === from ? ref(to) : e;
    case 'obj': return { t: 'obj', props: e.props.map(([k, v]) => [k, rename(v, from, to)] as const) };
    case 'arr': return arr(e.items.map(i => rename(i, from, to)));
    case 'call': return { t: 'call', fn: rename(e.fn, from, to), args: e.args.map(a => rename(a, from, to)) };
    case 'new': return { t: 'new', cls: rename(e.cls, from, to), args: e.args.map(a => rename(a, from, to)) };
    case 'get': return { t: 'get', target: rename(e.target, from, to), name: e.name };
    default: return e;
  }
}

function podStatements(c: PodCandidate, id: string): Candidate {
  return { stmts: [...c.before, { declare: HANDLE, expr: construct(c.cls, THIS, json(id), c.props) }], pod: true, notes: c.notes };
}

/** Any object as `new ApiObject(this, id, { apiVersion, kind, metadata, ...rest })`. */
function apiObjectStatements(value: { [key: string]: any }, id: string): Candidate {
  const notes: Notes = new Map();
  const entries: Array<[Key, Expr | undefined]> = [];
  const { apiVersion, kind, metadata, ...rest } = value;
  // ApiObject needs an apiVersion of at most one '/' and a kind: others are written as 'v1' and '' and patched back.
  const apiOk = isString(apiVersion) && apiVersion.split('/').length <= 2;
  entries.push(['apiVersion', json(apiOk ? apiVersion : 'v1')]);
  if (!apiOk) notes.set('/apiVersion', 'ApiObject needs an apiVersion string of the form group/version');
  entries.push(['kind', json(isString(kind) ? kind : '')]);
  if (!isString(kind)) notes.set('/kind', 'ApiObject needs a kind string');
  if (isObject(metadata)) {
    const m: Array<[Key, Expr | undefined]> = [];
    for (const [key, v] of Object.entries(metadata)) {
      let ok = true;
      if (key === 'name' || key === 'namespace') ok = isString(v);
      else if (key === 'labels' || key === 'annotations') ok = isStringMap(v);
      else if (key === 'finalizers') ok = isStringList(v);
      else if (key === 'ownerReferences') ok = Array.isArray(v) && v.every(r => isObject(r) && ['apiVersion', 'kind', 'name', 'uid'].every(k => isString(r[k])));
      if (ok) m.push([key, json(v)]);
      else notes.set(pointer(['metadata', key]), `ApiObjectMetadata.${key} has another type`);
    }
    entries.push(['metadata', obj(m)]);
  }
  for (const [key, v] of Object.entries(rest)) entries.push([key, json(v)]);
  return { stmts: [{ declare: HANDLE, expr: construct('ApiObject', THIS, json(id), obj(entries)) }], pod: false, notes };
}

/** Why an escape-hatch patch is there: the note recorded for its field (or a field under it), or what cdk8s does. */
function reason(op: PatchOp, notes: Notes, typed: boolean): string {
  for (let p = op.path; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const note = notes.get(p);
    if (note !== undefined) return note;
  }
  for (const [p, note] of notes) if (p.startsWith(`${op.path}/`)) return note;
  if (op.op === 'remove' && (op.path === '/metadata/name' || op.path === '/metadata')) return 'the input has no metadata.name, and cdk8s names every object';
  if (op.value === null) return 'cdk8s leaves out null values';
  if (isEmpty(op.value)) return typed ? 'the typed props write no empty value here' : 'cdk8s leaves out empty metadata values';
  return op.op === 'remove' ? 'the construct writes a field the input does not have' : 'the typed props cannot write this value';
}

function isEmpty(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
}


