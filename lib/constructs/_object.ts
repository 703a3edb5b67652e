// What every construct of this library shares with the others: the L1 object that writes its
// fields in the order the Kubernetes docs use, its warnings, and the checks that need the whole app
// (objects defined twice, and how objects refer to each other: Services, Ingresses, StatefulSets).
import { ApiObject, ApiObjectMetadataDefinition, JsonPatch, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { _nameFromId, _snapshot } from '../model/_util';
import { checkManifest, checkObjects, FieldPath, Finding, formatFinding, formatPath, KubernetesVersion, kubernetesVersionProblem, namespacePhrase, objectIdentity, ObjectSummary, PodSecurityStandard, podSecurityStandardProblem, summarizeObject } from '../rules';

/** Shared empty list, so an object without findings holds no array of its own. */
const NO_LINES: string[] = [];

/**
 * The metadata type under which a construct records each warning of its rule set
 * (`node.metadata`), as `[construct/path] field: message [rule-id]`; warnings are also printed to
 * stderr at synth.
 */
export const POD_WARNING_METADATA = 'cdk8s-pods:warning';

/**
 * Set this context key (on the app, before adding charts) or the environment variable
 * `CDK8S_PODS_WARNINGS` to `silent` to stop printing warnings at synth; they are still recorded
 * as `POD_WARNING_METADATA`.
 */
export const POD_WARNINGS_CONTEXT = 'cdk8s-pods:warnings';

/**
 * The context key of the Kubernetes release the pods of an app or chart are checked against,
 * `'1.28'` (the default) to `'1.34'`: its schema, its served API versions and the behaviour that
 * changed (native sidecars from 1.29, which `SidecarPod` then uses by default). Set it with
 * `setKubernetesVersion(app, KubernetesVersion.V1_30)` before adding charts or pods.
 */
export const KUBERNETES_VERSION_CONTEXT = 'cdk8s-pods:kubernetesVersion';

/**
 * @internal The L1 object under a construct of this library. Its fields come out in the order of
 * the construct's own render (the order the Kubernetes docs use: name, image, ports, ...), not
 * alphabetically; it tracks escape-hatch patches so the check sees the object as it is written.
 */
export class _OrderedObject extends ApiObject {
  /** Whether an escape-hatch patch was added: the check must then see the object as it will be written. */
  public patched = false;
  /** Called on every patch, so the owner's caches see it. */
  public onPatch?: () => void;
  /** The body (everything but apiVersion, kind and metadata) as the owner renders it. */
  public renderBody?: () => object;

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
    this.onPatch?.();
  }

  /**
   * The object as cdk8s writes it (tokens resolved, patches applied, keys sorted), with every key
   * put back in the order of the owner's render: metadata `name`, `namespace`, `labels`,
   * `annotations` first. Keys the render does not have (added by a patch) follow, sorted.
   */
  public toJson(): any {
    const json = super.toJson();
    const { name, namespace, labels, annotations, ...rest } = this.metadata.toJson();
    const template = { apiVersion: undefined, kind: undefined, metadata: { name, namespace, labels, annotations, ...rest }, ...this.renderBody?.() };
    return orderLike(json, template);
  }
}

/** `value` with the keys of every object in the order of `template`'s, then the others as they come. */
function orderLike(value: unknown, template: unknown): any {
  if (Array.isArray(value)) return value.map((item, i) => orderLike(item, Array.isArray(template) ? template[i] : undefined));
  if (typeof value !== 'object' || value === null) return value;
  const out: { [key: string]: unknown } = {};
  const source = value as { [key: string]: unknown };
  if (typeof template === 'object' && template !== null && !Array.isArray(template)) {
    for (const key of Object.keys(template)) {
      if (key in source) out[key] = orderLike(source[key], (template as { [key: string]: unknown })[key]);
    }
  }
  for (const key of Object.keys(source)) {
    if (!(key in out)) out[key] = orderLike(source[key], undefined);
  }
  return out;
}

// ---- Warnings ------------------------------------------------------------------------------------

/** Per app: the warnings printed in the current synth. */
const printedByApp = new WeakMap<IConstruct, Set<string>>();

/**
 * The warnings already printed in this synth of the app. cdk8s validates the whole app once per
 * chart and once more in one `synth()`; a synth is one synchronous call, so the set lives until
 * the next tick and each warning is printed once per synth.
 */
function printedThisSynth(root: IConstruct): Set<string> {
  let printed = printedByApp.get(root);
  if (!printed) {
    printed = new Set();
    printedByApp.set(root, printed);
    process.nextTick(() => printedByApp.delete(root));
  }
  return printed;
}

/** Per construct: the warnings already recorded as metadata, so each is recorded once. */
const recordedBy = new WeakMap<IConstruct, Set<string>>();

/**
 * @internal Prints each warning once per synth to stderr (unless silenced) and records it once as
 * `POD_WARNING_METADATA` on the construct.
 */
export function _emitWarnings(construct: IConstruct, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  const silent = construct.node.tryGetContext(POD_WARNINGS_CONTEXT) === 'silent' || process.env.CDK8S_PODS_WARNINGS === 'silent';
  const printed = printedThisSynth(construct.node.root);
  let recorded = recordedBy.get(construct);
  if (!recorded) recordedBy.set(construct, recorded = new Set());
  for (const line of warnings) {
    const text = `[${construct.node.path}] ${line}`;
    if (!recorded.has(text)) {
      recorded.add(text);
      construct.node.addMetadata(POD_WARNING_METADATA, text);
    }
    if (silent || printed.has(text)) continue;
    printed.add(text);
    process.stderr.write(`Warning: ${text}\n`);
  }
}

// ---- Checks over the whole app -------------------------------------------------------------------

/** What the app-wide check found, per object. */
interface AppFindings {
  /** Each ApiObject that repeats an earlier one's identity, with that earlier one. */
  readonly duplicates: Map<ApiObject, ApiObject>;
  /** The cross-object findings of each object. */
  readonly across: Map<ApiObject, Finding[]>;
}

const findingsByApp = new WeakMap<IConstruct, AppFindings>();

/** Constructs other than ours that were given a validation reporting the app-wide findings. */
const watchedOwners = new WeakSet<IConstruct>();

/** Our objects: they validate themselves (and give their checked manifest, so nothing is rendered twice). */
const manifestOf = new WeakMap<ApiObject, () => unknown>();

/** Summaries, per manifest object (a construct's manifest is the same object until it changes). */
const summaryCache = new WeakMap<object, ObjectSummary | null>();

/** Kinds whose objects refer to others: a Service, an Ingress, a workload with a selector. */
const REFERRING_KINDS = new Set(['Service', 'Ingress', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Kinds the cross-object rules look at. */
const ACROSS_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service', 'Ingress']);

/**
 * @internal Registers an object of this library: it reports its app-wide findings itself
 * (`_appFindings`), and `produce` gives the manifest the cross-object rules read.
 */
export function _registerObject(obj: ApiObject, produce: () => unknown): void {
  manifestOf.set(obj, produce);
  watchApp(obj.node.root);
}

/**
 * Registers, once per app, a validation on the app's root that finds every ApiObject whose
 * apiVersion group, kind, namespace and name repeat an earlier one's (`kubectl apply` would make
 * the second overwrite the first), and runs the cross-object rules over every Pod, workload,
 * Service and Ingress of the app, ours or not. The root is validated first (cdk8s validates in
 * pre-order), so each object then reports its own findings under its own construct path; objects
 * not built with this library get a validation that does it for them.
 */
function watchApp(root: IConstruct): void {
  if (findingsByApp.has(root)) return;
  findingsByApp.set(root, { duplicates: new Map(), across: new Map() });
  root.node.addValidation({
    validate: () => {
      const duplicates = new Map<ApiObject, ApiObject>();
      const seen = new Map<string, ApiObject>();
      const objects: ApiObject[] = [];
      const summaries: Array<ObjectSummary | undefined> = [];
      for (const c of root.node.findAll()) {
        if (!(c instanceof ApiObject)) continue;
        const key = identity(c);
        if (key !== undefined) {
          const first = seen.get(key);
          if (first) duplicates.set(c, first);
          else seen.set(key, c);
        }
        if (ACROSS_KINDS.has(c.kind)) objects.push(c);
      }
      // Only objects that refer to others (Services, Ingresses, workloads with selectors) can be
      // wrong together: an app of bare Pods and Jobs is not summarized at all.
      if (objects.some(o => REFERRING_KINDS.has(o.kind))) for (const o of objects) summaries.push(summarize(o));
      const across = new Map<ApiObject, Finding[]>();
      for (const { index, finding } of checkObjects(summaries)) {
        const obj = objects[index];
        const list = across.get(obj);
        if (list) list.push(finding);
        else across.set(obj, [finding]);
      }
      findingsByApp.set(root, { duplicates, across });
      for (const obj of [...duplicates.keys(), ...across.keys()]) {
        if (manifestOf.has(obj)) continue;
        const owner = ownerOf(obj);
        if (watchedOwners.has(owner)) continue;
        watchedOwners.add(owner);
        owner.node.addValidation({
          validate: () => {
            const found = _appFindings(obj);
            _emitWarnings(owner, found.warnings);
            return found.errors;
          },
        });
      }
      return [];
    },
  });
}

function summarize(obj: ApiObject): ObjectSummary | undefined {
  let manifest: unknown;
  try {
    manifest = manifestOf.get(obj)?.() ?? obj.toJson();
  } catch {
    return undefined; // an object that cannot be written fails on its own
  }
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  let summary = summaryCache.get(manifest);
  if (summary === undefined) {
    summary = summarizeObject(manifest) ?? null;
    summaryCache.set(manifest, summary);
  }
  return summary ?? undefined;
}

function identity(obj: ApiObject): string | undefined {
  let name: unknown;
  let namespace: unknown;
  try {
    name = obj.name;
    namespace = obj.metadata.namespace;
  } catch {
    return undefined;
  }
  if (typeof name !== 'string') return undefined;
  return objectIdentity(obj.apiVersion, obj.kind, typeof namespace === 'string' && namespace !== '' ? namespace : undefined, name);
}

/** The construct a reader knows: the pod (or cdk8s-plus object), not its `Resource` child. */
function ownerOf(obj: ApiObject): IConstruct {
  return obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope : obj;
}

/**
 * @internal What a construct of this library reports at synth: the errors of its own check (run
 * once per change), then its app-wide findings; warnings of both are printed and recorded. Never
 * throws: a check that fails is reported as `failed(reason)`.
 */
export function _validateObject(owner: IConstruct, apiObject: ApiObject, check: () => { errors: string[]; warnings: string[] }, failed: (reason: string) => string): string[] {
  let result: { errors: string[]; warnings: string[] };
  try {
    result = check();
  } catch (e) {
    return [failed(e instanceof Error ? e.message : String(e))];
  }
  const app = _appFindings(apiObject);
  _emitWarnings(owner, [...result.warnings, ...app.warnings]);
  return [...result.errors, ...app.errors];
}

/**
 * @internal The app-wide findings about one object in this synth: a `duplicate-object` error when
 * it repeats an earlier object, and the cross-object rules' errors and warnings, as lines
 * `field: message [rule-id]`.
 */
export function _appFindings(obj: ApiObject): { errors: string[]; warnings: string[] } {
  const found = findingsByApp.get(obj.node.root);
  const first = found?.duplicates.get(obj);
  const across = found?.across.get(obj) ?? [];
  const errors = across.filter(f => f.severity === 'error').map(formatFinding);
  if (first) {
    errors.unshift(`metadata.name: ${obj.kind} '${obj.name}' ${namespacePhrase(obj.metadata.namespace)} is also defined by ${ownerOf(first).node.path}; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]`);
  }
  return { errors, warnings: across.filter(f => f.severity === 'warning').map(formatFinding) };
}

/**
 * @internal Checks an object of this library with the shared rule set and returns its errors and
 * warnings as lines `field: message [rule-id]`. `issues` are props problems found while rendering
 * (reported as field-type errors; a rule finding at the same field is dropped, the props problem
 * explains it better). An invalid Pod Security level or Kubernetes release is reported, not thrown.
 */
export function _checkObject(manifest: object, issues: ReadonlyArray<{ path: FieldPath; message: string }>, options: { podSecurityStandard?: unknown; kubernetesVersion?: unknown }): { errors: string[]; warnings: string[] } {
  const levelProblem = podSecurityStandardProblem(options.podSecurityStandard);
  const versionProblem = kubernetesVersionProblem(options.kubernetesVersion);
  const findings = checkManifest(manifest, {
    podSecurityStandard: levelProblem ? undefined : options.podSecurityStandard as PodSecurityStandard | undefined,
    kubernetesVersion: versionProblem ? undefined : options.kubernetesVersion as KubernetesVersion | undefined,
  });
  const explained = new Set(issues.map(i => formatPath(i.path)));
  const kept = explained.size === 0 ? findings : findings.filter(f => !explained.has(f.path));
  const errors = [
    ...(levelProblem ? [`podSecurityStandard: ${levelProblem} [pod]`] : []),
    ...(versionProblem ? [`context ${KUBERNETES_VERSION_CONTEXT}: ${versionProblem} [pod]`] : []),
    ...issues.map(i => `${formatPath(i.path)}: ${i.message} [field-type]`),
    ...kept.filter(f => f.severity === 'error').map(formatFinding),
  ];
  const warnings = kept.filter(f => f.severity === 'warning').map(formatFinding);
  return { errors: errors.length > 0 ? errors : NO_LINES, warnings: warnings.length > 0 ? warnings : NO_LINES };
}

/** The metadata of an object construct (Service, Ingress). */
export interface ObjectMetadataProps {
  /**
   * `metadata.name`, emitted exactly as given.
   * @default - the construct id in lower case, with characters other than letters, digits, `-` and `.` turned into `-`
   */
  readonly name?: string;
  /**
   * `metadata.namespace`.
   * @default - the chart's namespace, or none (the namespace of `kubectl apply`)
   */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: { readonly [key: string]: string };
  /** @default - none */
  readonly annotations?: { readonly [key: string]: string };
}

/**
 * The base of the constructs that write one object with a spec of its own (`Service`, `Ingress`):
 * checked at synth by the shared rule set and the checks across the app, like a pod.
 */
export abstract class KubeObject extends Construct {
  /** The Kubernetes name of the object. */
  public readonly name: string;
  /** The object's metadata; add labels and annotations until synth. */
  public readonly metadata: ApiObjectMetadataDefinition;
  /** The L1 object, also reachable as `ApiObject.of(construct)`. */
  public readonly apiObject: ApiObject;

  private checked?: { key: string; errors: string[]; warnings: string[]; manifest: object };

  protected constructor(scope: Construct, id: string, props: ObjectMetadataProps, apiVersion: string, kind: string) {
    super(scope, id);
    this.name = props.name ?? _nameFromId(id);
    const resource = new _OrderedObject(this, 'Resource', {
      apiVersion,
      kind,
      metadata: { name: this.name, namespace: props.namespace ?? undefined, labels: _snapshot(props.labels) ?? undefined, annotations: _snapshot(props.annotations) ?? undefined },
      // Rendered when the object is written, so references to other constructs resolve then.
      spec: Lazy.any({ produce: () => this.render().body.spec }),
    });
    resource.renderBody = () => this.render().body;
    this.apiObject = resource;
    this.metadata = resource.metadata;
    _trackMetadata(this.metadata);
    this.node.addValidation({
      validate: () => _validateObject(this, resource, () => this.check(), reason => `metadata: the ${kind} could not be checked (${reason}); check its props, and report this input to cdk8s-pods [pod]`),
    });
    _registerObject(resource, () => this.check().manifest);
  }

  /** @internal The spec, reporting props problems at their field (`['spec', 'ports', 0, 'port']`). */
  protected abstract _renderSpec(report: (path: FieldPath, message: string) => void): object;

  private render(): { body: { spec: object }; issues: Array<{ path: FieldPath; message: string }> } {
    const issues: Array<{ path: FieldPath; message: string }> = [];
    const spec = this._renderSpec((path, message) => issues.push({ path, message }));
    return { body: { spec }, issues };
  }

  private check(): { errors: string[]; warnings: string[]; manifest: object } {
    const { body, issues } = this.render();
    const patched = (this.apiObject as _OrderedObject).patched;
    const manifest = patched ? this.apiObject.toJson() : { apiVersion: this.apiObject.apiVersion, kind: this.apiObject.kind, metadata: _metadataJson(this.metadata), ...body };
    const key = JSON.stringify(manifest);
    if (this.checked?.key === key) return this.checked;
    this.checked = { key, manifest, ..._checkObject(manifest, issues, { kubernetesVersion: this.node.tryGetContext(KUBERNETES_VERSION_CONTEXT) }) };
    return this.checked;
  }
}

/** Per metadata definition: a change counter bumped by its add* methods, and the JSON of the last count. */
const metadataState = new WeakMap<ApiObjectMetadataDefinition, { version: number; json?: { version: number; value: any } }>();

/**
 * @internal Starts counting the changes of a metadata definition made through its methods
 * (`addLabel`, `addAnnotation`, `add`, `addFinalizers`, `addOwnerReference`), which are the only
 * way to change it; `_metadataJson` then computes its JSON again only after a change.
 */
export function _trackMetadata(metadata: ApiObjectMetadataDefinition): { version: number; json?: { version: number; value: any } } {
  let state = metadataState.get(metadata);
  if (state) return state;
  const tracked: { version: number; json?: { version: number; value: any } } = { version: 0 };
  metadataState.set(metadata, tracked);
  for (const method of ['addLabel', 'addAnnotation', 'add', 'addFinalizers', 'addOwnerReference'] as const) {
    const original = (metadata as any)[method];
    (metadata as any)[method] = (...args: unknown[]) => {
      tracked.version++;
      return original.apply(metadata, args);
    };
  }
  return tracked;
}

/**
 * @internal The metadata as JSON (`metadata.toJson()`), computed again only after a change (see
 * `_trackMetadata`). cdk8s resolves and sanitizes the whole metadata on every `toJson()`, and the
 * checks read it several times per synth. (A cdk8s `Lazy` in a label is resolved once per change.)
 */
export function _metadataJson(metadata: ApiObjectMetadataDefinition): any {
  const state = _trackMetadata(metadata);
  if (state.json?.version !== state.version) state.json = { version: state.version, value: metadata.toJson() };
  return state.json.value;
}
