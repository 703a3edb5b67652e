/** How bad a finding is: errors fail synth and lint; warnings fail lint only with `--strict`. */
export type Severity = 'error' | 'warning';

/** A path into a manifest, such as `['spec', 'containers', 0, 'image']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** One problem found in one object. */
export interface Finding {
  /** The id of the rule that found it. */
  readonly rule: string;
  readonly severity: Severity;
  /** Where in the object, such as `spec.containers[1].ports[0].containerPort`. */
  readonly path: string;
  /** The same path as segments. */
  readonly segments: FieldPath;
  /** What is wrong, with the value received and the fix. */
  readonly message: string;
  /** Set when the object turns the rule off with the `cdk8s-pods.io/ignore` annotation (only with `keepSuppressed`). */
  readonly suppressed?: { readonly annotation: string; readonly reason?: string };
}

/** The pod spec inside an object: the Pod's own, or a workload's pod template. */
export interface PodTarget {
  readonly spec: any;
  readonly specPath: FieldPath;
  readonly metadata: any;
  readonly metadataPath: FieldPath;
  /** The kind of the object that holds the pod (`Pod`, `Deployment`, `Job`, ...). */
  readonly ownerKind: string;
}

/**
 * A Pod Security Standard level. A pod that opts into one has the level's checks enforced; without
 * one, Pod Security checks do not run (they are policy, not API or runtime failures).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurityStandard {
  /** Blocks known privilege escalations: privileged containers, host namespaces, hostPath, host ports, extra capabilities. */
  BASELINE = 'baseline',
  /** Baseline plus current hardening practice: non-root, no privilege escalation, seccomp, all capabilities dropped. */
  RESTRICTED = 'restricted',
}

const PSS_LEVELS: readonly string[] = Object.values(PodSecurityStandard);

/**
 * The Kubernetes releases the rules know, each with the schema generated from that release's
 * OpenAPI and the behaviour that changed in it (native sidecars, relaxed env names, ...).
 */
export enum KubernetesVersion {
  V1_28 = '1.28',
  V1_29 = '1.29',
  V1_30 = '1.30',
  V1_31 = '1.31',
  V1_32 = '1.32',
  V1_33 = '1.33',
  V1_34 = '1.34',
}

/** The release checked when none is given: 1.28, as cdk8s-plus-28. */
export const DEFAULT_KUBERNETES_VERSION = KubernetesVersion.V1_28;

const K8S_VERSIONS: readonly string[] = Object.values(KubernetesVersion);

/** Why `value` is not a supported Kubernetes release, or undefined when it is one (or not given). */
export function kubernetesVersionProblem(value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'string' && K8S_VERSIONS.includes(value))) return undefined;
  const patch = typeof value === 'string' ? /^v?(1\.\d+)\.\d+$/.exec(value.trim()) : null;
  const hint = patch && K8S_VERSIONS.includes(patch[1]) ? `: use the minor release, '${patch[1]}'` : '';
  return `kubernetesVersion ${show(value)} is not a supported Kubernetes release; use one of ${K8S_VERSIONS.map(v => `'${v}'`).join(', ')}${hint}`;
}

/** The minor number of the release a check targets: 28 for 1.28 (the default). */
export function kubernetesMinor(options: CheckOptions): number {
  return Number((options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION).split('.')[1]);
}

/**
 * Why `value` is not a Pod Security Standard level, with the fix, or undefined when it is one (or
 * absent). Options are checked, never ignored: a misspelt level would silently enforce nothing.
 */
export function podSecurityStandardProblem(value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'string' && PSS_LEVELS.includes(value))) return undefined;
  const hint = typeof value === 'string' ? didYouMean(value, PSS_LEVELS) : undefined;
  return `podSecurityStandard ${show(value)} is not a Pod Security Standard level; use ${PSS_LEVELS.map(l => `'${l}'`).join(' or ')} (values are case-sensitive)${hint ? `: did you mean '${hint}'?` : ''}`;
}

/** Options of a check run. */
export interface CheckOptions {
  /**
   * Run the shape rules (apiVersion/kind, unknown and required fields, scalar types). Constructs
   * run them too: a TypeScript `number` can still be NaN or 0.5, and escape hatches can add anything.
   * @default true
   */
  readonly shape?: boolean;
  /**
   * Check a Pod Security Standard level (`baseline` or `restricted`): its checks run, as errors.
   * @default - Pod Security checks do not run
   */
  readonly podSecurityStandard?: PodSecurityStandard | `${PodSecurityStandard}`;
  /**
   * Rule ids not to run.
   * @default - every rule runs
   */
  readonly disable?: readonly string[];
  /**
   * Return the findings an object suppresses with the `cdk8s-pods.io/ignore` annotation too, marked `suppressed`.
   * @default false
   */
  readonly keepSuppressed?: boolean;
  /**
   * The Kubernetes release to check against (`'1.28'` to `'1.34'`): its schema, its served API
   * versions and the behaviour that changed between releases.
   * @default '1.28'
   */
  readonly kubernetesVersion?: KubernetesVersion | `${KubernetesVersion}`;
}

/** What a rule sees. */
export interface RuleContext {
  readonly manifest: any;
  /** The pod, for rules that check pods; undefined for objects without one. */
  readonly pod?: PodTarget;
  readonly options: CheckOptions;
  /** Reports a finding at `path` with this rule's id and severity. */
  report(path: FieldPath, message: string): void;
}

/** Why a rule exists: see `Rule.basis`. */
export type RuleBasis = 'apiserver' | 'runtime' | 'policy';

/** What every rule has: a stable id and its documentation. */
interface RuleInfo {
  /** A stable, kebab-case id, such as `port-clash`. */
  readonly id: string;
  readonly severity: Severity;
  /** The family the rule belongs to (shape, names, containers, env, volumes, resources, lifecycle, security). */
  readonly family: string;
  /** One line of documentation. */
  readonly description: string;
  /**
   * Why the rule exists, which says when it may fire: `apiserver`, the API server rejects what it
   * reports (it must never fire on an object the API server accepts); `runtime`, the API server
   * accepts it but it breaks or silently changes at run time (a port clash, a `$(VAR)` defined
   * later, a field the server drops); `policy`, a practice the user opts into (Pod Security).
   */
  readonly basis: RuleBasis;
  /** Pod Security Standard level of a security rule; it is an error when that level is enforced. */
  readonly podSecurityLevel?: 'baseline' | 'restricted';
}

/** What a pod rule sees: the context, with the pod always there. */
export interface PodRuleContext extends RuleContext {
  readonly pod: PodTarget;
}

/** A rule that runs once per pod spec (a Pod's, or a workload's pod template). */
export interface PodRule extends RuleInfo {
  readonly target: 'pod';
  check(ctx: PodRuleContext): void;
}

/**
 * A rule that runs once per manifest (`object`); a rule over all the objects checked together (an
 * app, or the files linted together: see `checkObjects`) (`objects`); or a contract of the
 * constructs, checked by them at synth (`construct`). The last two do their work elsewhere: their
 * `check` does nothing.
 */
export interface ObjectRule extends RuleInfo {
  readonly target: 'object' | 'objects' | 'construct';
  check(ctx: RuleContext): void;
}

/** A check with a stable id. */
export type Rule = PodRule | ObjectRule;


/** Defines a rule; a no-op that gives rule files one shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** `['spec', 'containers', 0, 'image']` -> `spec.containers[0].image`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `['${seg}']`;
  }
  return out;
}

/** A container of a pod, with where it sits. */
export interface ContainerRef {
  readonly container: any;
  readonly path: FieldPath;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly list: string;
  /** True for regular containers and native sidecars: they run at the same time. */
  readonly concurrent: boolean;
}

const LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

const containerCache = new WeakMap<PodTarget, ContainerRef[]>();

/** Every container of the pod, init containers first (computed once per pod target). */
export function containersOf(pod: PodTarget): ContainerRef[] {
  const cached = containerCache.get(pod);
  if (cached) return cached;
  const out: ContainerRef[] = [];
  containerCache.set(pod, out);
  for (const list of LISTS) {
    const items = pod.spec?.[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, i) => {
      if (!isObject(container)) return;
      const concurrent = list === 'containers' || (list === 'initContainers' && container.restartPolicy === 'Always');
      out.push({ container, path: [...pod.specPath, list, i], list, concurrent });
    });
  }
  return out;
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The name of a container for messages: `container 'web'`, or its position when it has none. */
export function describe(ref: ContainerRef): string {
  const kind = ref.list === 'initContainers' ? 'init container' : ref.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return typeof ref.container.name === 'string' ? `${kind} '${ref.container.name}'` : `${kind} at ${formatPath(ref.path)}`;
}

/** `a` or `an` before a word in a message, by its first letter ("an ExternalName Service", "an azureDisk volume"). */
export function article(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * How values are quoted in messages: `'x'` for strings, `NaN`, `Infinity` and `undefined` as
 * such, JSON for the rest. Long values are cut, so a message never carries a whole document.
 */
export function show(value: unknown): string {
  let out: string;
  if (typeof value === 'string') out = `'${value}'`;
  else if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) out = String(value);
  else {
    try {
      out = JSON.stringify(value) ?? String(value);
    } catch {
      out = String(value);
    }
  }
  return out.length > 120 ? `${out.slice(0, 100)}... (${out.length} characters)` : out;
}

/** The closest of `candidates` to `word` by edit distance, when close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  // Damerau-Levenshtein (optimal string alignment): a transposition counts as one edit.
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Calls `fn` for every volume object of the pod, with its path. */
export function forEachVolume(ctx: PodRuleContext, fn: (volume: any, path: FieldPath) => void): void {
  const pod = ctx.pod;
  if (!Array.isArray(pod.spec.volumes)) return;
  pod.spec.volumes.forEach((v: any, i: number) => {
    if (isObject(v)) fn(v, [...pod.specPath, 'volumes', i]);
  });
}

/**
 * Reports a string that is not one of `values` (case-sensitive), with a did-you-mean. Values
 * that are not strings are left to the field-type rule.
 */
export function checkEnum(ctx: RuleContext, value: unknown, path: FieldPath, what: string, values: string[]): void {
  if (typeof value !== 'string' || values.includes(value)) return;
  const hint = didYouMean(value, values);
  const choices = values.filter(v => v !== '');
  ctx.report(path, `${what} ${show(value)} is not one of ${choices.join(', ')} (values are case-sensitive); ${hint ? `did you mean '${hint}'?` : `use one of them${values.includes('') ? ', or leave it out' : ''}`}`);
}

/** The API group of an apiVersion: `apps` for `apps/v1`, `''` for the core group (`v1`) and for a non-string. */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** What identifies an object on the API server, as a key: its apiVersion group, kind, namespace and name. */
export function objectIdentity(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return JSON.stringify([apiGroupOf(apiVersion), kind, namespace ?? '', name]);
}

/** Where an object goes, for duplicate-object messages: `in namespace 'x'`, or that it has none. */
export function namespacePhrase(namespace: string | undefined): string {
  return namespace ? `in namespace '${namespace}'` : 'with no namespace (both go to the namespace of kubectl apply)';
}

/** Where the pod spec sits in each kind that has one. */
const POD_PATHS: { [kind: string]: string[] } = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** The pod inside a manifest: a Pod's own spec or a workload's pod template. */
export function podTarget(manifest: any): PodTarget | undefined {
  const base = POD_PATHS[manifest?.kind];
  if (!base) return undefined;
  let holder: any = manifest;
  for (const seg of base) {
    holder = holder?.[seg];
  }
  if (!isObject(holder) || !isObject(holder.spec)) return undefined;
  return { spec: holder.spec, specPath: [...base, 'spec'], metadata: holder.metadata, metadataPath: [...base, 'metadata'], ownerKind: manifest.kind };
}

/** The annotation that turns rules off for one object: `cdk8s-pods.io/ignore: port-clash,env-reference`. */
export const IGNORE_ANNOTATION = 'cdk8s-pods.io/ignore';
/** Why the rules named by `cdk8s-pods.io/ignore` are off, shown with the suppressed findings. */
export const IGNORE_REASON_ANNOTATION = 'cdk8s-pods.io/ignore-reason';

/** The rules an object turns off with the ignore annotation, on the object or on its pod template. */
export function ignoredRules(manifest: any, pod: PodTarget | undefined): { rules: Map<string, FieldPath>; reason?: string } {
  const rules = new Map<string, FieldPath>();
  let reason: string | undefined;
  const read = (metadata: any, base: FieldPath) => {
    const annotations = metadata?.annotations;
    if (!isObject(annotations)) return;
    const value = annotations[IGNORE_ANNOTATION];
    if (typeof value === 'string') {
      for (const id of value.split(',').map(v => v.trim()).filter(v => v !== '')) rules.set(id, [...base, 'annotations', IGNORE_ANNOTATION]);
    }
    if (typeof annotations[IGNORE_REASON_ANNOTATION] === 'string') reason ??= annotations[IGNORE_REASON_ANNOTATION];
  };
  read(manifest.metadata, ['metadata']);
  if (pod && pod.metadataPath.length > 1) read(pod.metadata, pod.metadataPath);
  return { rules, reason };
}
