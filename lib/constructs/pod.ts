import { ApiObject, ApiObjectMetadataDefinition, Duration, Lazy } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _checkObject, KUBERNETES_VERSION_CONTEXT, _metadataJson, _OrderedObject, _registerObject, _trackMetadata, _validateObject } from './_object';
import { Container, ContainerProps, _isVolume, _renderSeccomp } from '../model/container';
import { FieldPath, KubernetesVersion, kubernetesMinor, kubernetesVersionProblem, show } from '../rules';
import { PodSecurityContext, PodSecurityStandard } from '../model/security';
import { Toleration, _renderToleration } from '../model/toleration';
import { Volume } from '../model/volume';
import { _compact, _isPlainObject, _mapList, _nameFromId, _nonEmpty, _nonEmptyMap, _refName, _seconds, _snapshot } from '../model/_util';

export { KUBERNETES_VERSION_CONTEXT, POD_WARNING_METADATA, POD_WARNINGS_CONTEXT } from './_object';

/**
 * Checks every pod under `scope` (an App or a Chart) against a Kubernetes release. Call it before
 * adding children: constructs read the setting when they are created, like any construct context.
 *
 * ```ts
 * const app = new App();
 * setKubernetesVersion(app, KubernetesVersion.V1_30);
 * ```
 */
export function setKubernetesVersion(scope: Construct, version: KubernetesVersion | `${KubernetesVersion}`): void {
  const problem = kubernetesVersionProblem(version);
  if (problem) throw new TypeError(problem);
  scope.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
}

/**
 * How sidecars run.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
 */
export enum SidecarMode {
  /**
   * A second regular container. Works on every Kubernetes version; starts alongside the app,
   * with no ordering guarantee.
   */
  CLASSIC = 'classic',
  /**
   * An init container with `restartPolicy: Always` (native sidecar): starts before the app and
   * stops after it, and does not keep Jobs from completing. Needs Kubernetes 1.29+, or 1.28 with
   * the `SidecarContainers` feature gate; an API server without it drops the field and the sidecar
   * then blocks the pod in `Init` forever.
   */
  NATIVE = 'native',
}

/**
 * Properties of a pod. They are copied when the pod is made: changing the objects passed in
 * afterwards has no effect on the output; change a pod through its methods (`addContainer()`,
 * `addVolume()`, `container.addEnv()`, ...).
 */
export interface PodProps {
  /**
   * `metadata.name`, emitted exactly as given.
   * @default - the construct id in lower case, with characters other than letters, digits, `-` and `.` turned into `-` (`Web` -> `web`)
   */
  readonly name?: string;
  /**
   * `metadata.namespace`.
   * @default - the chart's namespace, or none (the namespace of `kubectl apply`)
   */
  readonly namespace?: string;
  /**
   * `metadata.labels`.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * `metadata.annotations`.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Regular containers, in order.
   * @default - none; add them with `addContainer()`
   */
  readonly containers?: ContainerProps[];
  /**
   * Init containers, run to completion in order before the regular containers start.
   * @default - none
   */
  readonly initContainers?: ContainerProps[];
  /**
   * Sidecar containers: helpers that run alongside the app for the pod's whole life.
   * @default - none
   */
  readonly sidecars?: ContainerProps[];
  /**
   * How sidecars run.
   * @default - SidecarMode.NATIVE when the pod is checked against Kubernetes 1.29 or newer (`setKubernetesVersion`), where native sidecars are on by default; SidecarMode.CLASSIC for 1.28, the default release, where they are alpha
   */
  readonly sidecarMode?: SidecarMode;
  /**
   * Volumes the containers can mount. Volumes mounted by object are declared automatically.
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * `Always`, `OnFailure` or `Never`.
   * @default - Always, Kubernetes' default (`restartPolicy` is not emitted)
   */
  readonly restartPolicy?: kplus.RestartPolicy;
  /**
   * The service account the pod runs as, a cdk8s-plus ServiceAccount or a name.
   * @default - the namespace's `default` service account
   */
  readonly serviceAccount?: kplus.IServiceAccount | string;
  /**
   * Mount the service account's API token.
   * @default - Kubernetes' default, true (not emitted)
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Use the node's network namespace. Combine with `dnsPolicy: ClusterFirstWithHostNet` to keep
   * cluster DNS.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * How the pod resolves DNS.
   * @default - ClusterFirst, Kubernetes' default (not emitted)
   */
  readonly dnsPolicy?: kplus.DnsPolicy;
  /**
   * How long containers get to stop after SIGTERM, in whole seconds.
   * @default - 30 seconds, Kubernetes' default (not emitted)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Node labels the pod's node must have, such as `{ gpu: 'true' }` or `{ [NodeLabel.ARCH]: 'arm64' }`.
   * @default - any node
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Taints the pod tolerates.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * The RuntimeClass the containers run with, such as `nvidia` or `gvisor`.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * The PriorityClass of the pod.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The pod-level security context.
   * @default - none
   */
  readonly securityContext?: PodSecurityContext;
  /**
   * Secrets with registry credentials, as cdk8s-plus Secrets or names.
   * @default - none
   */
  readonly imagePullSecrets?: Array<kplus.ISecret | string>;
  /**
   * Enforce a Pod Security Standard at synth: its checks become errors instead of lint warnings.
   * @default - not enforced
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly podSecurityStandard?: PodSecurityStandard;
}

/**
 * A Kubernetes Pod: typed containers, volumes and scheduling, synthesized to the plain manifest
 * you would write by hand. Every field it emits is checked at synth by the shared rule set, the
 * shape rules included: a value the types allow but Kubernetes rejects (`NaN`, `0.5` where a whole
 * number belongs, a negative quantity, a malformed name), a cross-field mistake (port clash between
 * containers, mount of an undeclared volume, `$(VAR)` used before it is defined) and a second object
 * with the same name fail `cdk8s synth` with all errors listed at once, each with the construct
 * path, the field, the value and the fix. Warnings are printed to stderr at synth (see
 * `POD_WARNINGS_CONTEXT`) and recorded as `POD_WARNING_METADATA`, without failing it.
 *
 * The props are copied when the pod is made: changing the objects passed in afterwards has no
 * effect; change a pod through its methods.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export class Pod extends Construct {
  /** The pod's metadata; add labels and annotations until synth. */
  public readonly metadata: ApiObjectMetadataDefinition;
  /** The Kubernetes name of the pod. */
  public readonly name: string;
  /** The L1 object, also reachable as `ApiObject.of(pod)`. */
  public readonly apiObject: ApiObject;

  private readonly props: PodProps;
  private readonly sidecarMode: SidecarMode;
  /** The release the pod is checked against: the `KUBERNETES_VERSION_CONTEXT` of its scope. */
  private readonly kubernetesVersion?: KubernetesVersion;
  private readonly _containers: Container[] = [];
  private readonly _initContainers: Container[] = [];
  private readonly _volumes: Volume[] = [];
  private readonly _nodeSelector: { [key: string]: string } = {};
  private readonly _tolerations: Toleration[] = [];
  /** List or map props that are not lists or maps (plain-JS callers), reported at synth. */
  private _odd?: { [field: string]: unknown };
  /** Bumped by every change made through the pod; with the containers' versions it keys the caches. */
  private _version = 0;
  private rendered?: { key: string; spec: object; issues: Issue[] };
  private checked?: { key: string; errors: string[]; warnings: string[]; manifest: object };
  /** @internal How many sidecars were added, by props or addSidecar(). */
  protected _sidecarCount = 0;
  /** The workload whose template this pod is. */
  private templateOf?: Construct;
  /** The last render as a template, and the versions it was made at. */
  private template?: { at: string; render: PodTemplateRender };

  public constructor(scope: Construct, id: string, props: PodProps = {}) {
    super(scope, id);
    // A plain-JS caller's null props are no props; the rules then report what is missing.
    const given: PodProps = typeof props === 'object' && props !== null ? props : {};
    // The lists are copied item by item by the add* methods below; the rest is copied here.
    const { initContainers, containers, sidecars, volumes, tolerations, ...rest } = given;
    this.props = _snapshot(rest);
    const q = this.props;
    this.kubernetesVersion = this.node.tryGetContext(KUBERNETES_VERSION_CONTEXT);
    // Native sidecars are on by default from Kubernetes 1.29: the default follows the target release.
    this.sidecarMode = q.sidecarMode ?? (kubernetesVersionProblem(this.kubernetesVersion) === undefined
      && kubernetesMinor({ kubernetesVersion: this.kubernetesVersion }) >= 29 ? SidecarMode.NATIVE : SidecarMode.CLASSIC);
    this.name = q.name ?? _nameFromId(id);
    const resource = new _OrderedObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: this.name, namespace: q.namespace ?? undefined, labels: q.labels ?? undefined, annotations: q.annotations ?? undefined },
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    resource.onPatch = () => { this._version++; };
    resource.renderBody = () => ({ spec: this._renderSpec() });
    this.apiObject = resource;
    this.metadata = this.apiObject.metadata;
    _trackMetadata(this.metadata);

    this.addList('initContainers', initContainers, c => this.addInitContainer(c));
    this.addList('containers', containers, c => this.addContainer(c));
    this.addList('sidecars', sidecars, c => this.addSidecar(c));
    this.addList('volumes', volumes, v => this.addVolume(v));
    if (_isPlainObject(q.nodeSelector)) Object.assign(this._nodeSelector, q.nodeSelector);
    else if (q.nodeSelector !== undefined && q.nodeSelector !== null) (this._odd ??= {}).nodeSelector = q.nodeSelector;
    this.addList('tolerations', tolerations, t => this.addToleration(t));

    this.node.addValidation({ validate: () => this._validate() });
    _registerObject(resource, () => this.check().manifest);
  }

  private addList<T>(field: string, items: T[] | undefined, add: (item: T) => void): void {
    if (Array.isArray(items)) for (const item of items) add(item);
    else if (items !== undefined && items !== null) (this._odd ??= {})[field] = items;
  }

  /** Regular containers, in order (classic sidecars included). */
  public get containers(): Container[] {
    return [...this._containers];
  }

  /** Init containers, in order (native sidecars included). */
  public get initContainers(): Container[] {
    return [...this._initContainers];
  }

  /** Declared volumes, including those declared by mounting a `Volume` object. */
  public get volumes(): Volume[] {
    return this.allVolumes();
  }

  /** The node selector. */
  public get nodeSelector(): { [key: string]: string } {
    return { ...this._nodeSelector };
  }

  /** Adds a regular container and returns it. */
  public addContainer(props: ContainerProps): Container {
    this._version++;
    const container = new Container(props);
    this._containers.push(container);
    return container;
  }

  /** Adds an init container, run to completion before the regular containers start, and returns it. */
  public addInitContainer(props: ContainerProps): Container {
    this._version++;
    const container = new Container(props);
    this._initContainers.push(container);
    return container;
  }

  /**
   * Adds a sidecar and returns it: a regular container in `SidecarMode.CLASSIC`, an init container
   * with `restartPolicy: Always` in `SidecarMode.NATIVE`.
   */
  public addSidecar(props: ContainerProps): Container {
    this._sidecarCount++;
    if (this.sidecarMode === SidecarMode.CLASSIC) {
      return this.addContainer(props);
    }
    const container = this.addInitContainer(props);
    container._restartPolicy = 'Always';
    return container;
  }

  /** Declares a volume. */
  public addVolume(volume: Volume): void {
    this._version++;
    this._volumes.push(volume);
  }

  /** Requires nodes with the label `key=value`. */
  public addNodeSelector(key: string, value: string): void {
    this._version++;
    this._nodeSelector[key] = value;
  }

  /** Tolerates a taint (a copy of it). */
  public addToleration(toleration: Toleration): void {
    this._version++;
    this._tolerations.push(_snapshot(toleration));
  }

  /**
   * Declared volumes, then those only mounted by object, each once. A declared entry that is not
   * a `Volume` (a plain-JS caller's null or object) is kept, to be rendered as it is.
   */
  private allVolumes(): Volume[] {
    const out = [...this._volumes];
    for (const c of [...this._initContainers, ...this._containers]) {
      for (const v of c._mountedVolumes()) {
        if (!out.includes(v) && !out.some(o => _isVolume(o) && o.name === v.name && sameJson(o, v))) out.push(v);
      }
    }
    return out;
  }

  /** What the render depends on: changes through the pod and through each container. */
  private versionKey(): string {
    let key = String(this._version);
    for (const c of this._initContainers) key += `.${c._version}`;
    for (const c of this._containers) key += `.${c._version}`;
    return key;
  }

  /**
   * @internal The pod spec as plain Kubernetes JSON. cdk8s validates an app more than once per
   * synth and then serializes it; the render is made once and reused until the pod changes.
   * Callers must not modify the returned object.
   */
  public _renderSpec(): object {
    return this.render().spec;
  }

  /** The cached render, with the props problems it found. Never throws. */
  private render(): { spec: object; issues: Issue[] } {
    const key = this.versionKey();
    if (this.rendered?.key !== key) {
      let issues: Issue[] = NO_ISSUES;
      let spec: object;
      try {
        spec = this.renderSpec((path, message) => {
          if (issues === NO_ISSUES) issues = [];
          issues.push({ path, message });
        });
      } catch (e) {
        spec = {};
        issues = [{ path: ['spec'], message: `the pod could not be rendered (${e instanceof Error ? e.message : String(e)}); check the props of the pod, and report this input to cdk8s-pods` }];
      }
      this.rendered = { key, spec, issues };
    }
    return this.rendered;
  }

  private renderSpec(report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    const sc = p.securityContext;
    const containers = (list: Container[], field: string) => list.map((c, i) => {
      try {
        return c._toJson(['spec', field, i], report);
      } catch (e) {
        report(['spec', field, i], `${field}[${i}] could not be rendered (${e instanceof Error ? e.message : String(e)}); check its props, and report this input to cdk8s-pods`);
        return null;
      }
    });
    for (const [field, value] of Object.entries(this._odd ?? {})) {
      const [at, expected] = ODD_PROPS[field];
      report(['spec', at], `${field} is ${show(value)} but must be ${expected}`);
    }
    return _compact({
      nodeSelector: _nonEmptyMap(this._nodeSelector),
      runtimeClassName: p.runtimeClassName,
      priorityClassName: p.priorityClassName,
      serviceAccountName: this.renderServiceAccount(report),
      automountServiceAccountToken: p.automountServiceAccountToken,
      hostNetwork: p.hostNetwork,
      dnsPolicy: p.dnsPolicy,
      restartPolicy: p.restartPolicy,
      terminationGracePeriodSeconds: _seconds(p.terminationGracePeriod),
      securityContext: sc === undefined || sc === null ? undefined : _isPlainObject(sc) ? _compact({
        runAsUser: sc.runAsUser,
        runAsGroup: sc.runAsGroup,
        runAsNonRoot: sc.runAsNonRoot,
        fsGroup: sc.fsGroup,
        supplementalGroups: _nonEmpty(sc.supplementalGroups),
        seccompProfile: _renderSeccomp(sc.seccompProfile),
        sysctls: _isPlainObject(sc.sysctls) ? Object.entries(sc.sysctls).map(([name, value]) => ({ name, value })) : sc.sysctls,
      }) : sc,
      imagePullSecrets: _nonEmpty(_mapList(p.imagePullSecrets, (s, i) => {
        if (typeof s === 'string' || typeof (s as kplus.ISecret | null)?.name === 'string') return { name: _refName(s) };
        report(['spec', 'imagePullSecrets', i], `imagePullSecrets[${i}] is ${show(s)} but must be a cdk8s-plus Secret or the name of a Secret; remove it or give the name`);
        return {};
      })),
      tolerations: _nonEmpty(this._tolerations.map(_renderToleration)),
      initContainers: _nonEmpty(containers(this._initContainers, 'initContainers')),
      containers: containers(this._containers, 'containers'),
      volumes: _nonEmpty(this.allVolumes().map(v =>
        // A declared entry that is not a Volume is rendered as it is, for the rules to report.
        (_isVolume(v) ? v._toJson() : v))),
    });
  }

  private renderServiceAccount(report: (path: FieldPath, message: string) => void): unknown {
    const account: unknown = this.props.serviceAccount;
    if (account === undefined) return undefined;
    if (typeof account === 'string') return account;
    if (typeof (account as kplus.IServiceAccount | null)?.name === 'string') return (account as kplus.IServiceAccount).name;
    report(['spec', 'serviceAccountName'], `serviceAccount is ${show(account)} but must be a cdk8s-plus ServiceAccount or the name of one; give one, or remove serviceAccount for the namespace's default service account`);
    return undefined;
  }

  /**
   * @internal Makes the pod the pod template of a workload: from now on it writes no Pod of its
   * own, and the workload checks the template as part of its object. A pod is the template of one
   * workload at most.
   */
  public _adoptAsTemplate(owner: Construct): void {
    if (this.templateOf) {
      throw new Error(`[${owner.node.path}] template: pod ${this.node.path} is already the template of ${this.templateOf.node.path}; a pod is the template of one workload, so make another pod for this one`);
    }
    this.templateOf = owner;
    this._version++; // the template's problems name their workload
    this.node.tryRemoveChild(this.apiObject.node.id);
  }

  /** @internal The workload whose pod template this pod is, if any. */
  public get _templateOf(): Construct | undefined {
    return this.templateOf;
  }

  /** What the pod's JSON depends on: `versionKey()` and the changes of its metadata (see `_trackMetadata`). */
  private changeKey(): string {
    return `${this.versionKey()}|${_trackMetadata(this.metadata).version}`;
  }

  /**
   * @internal The pod as a workload's template: its metadata (labels, annotations; a template has
   * no name or namespace), its spec, the props problems found while rendering (paths relative to
   * the template) and a key that changes whenever the template does.
   */
  public _renderTemplate(): PodTemplateRender {
    // Rendered again only after a change through the pod, its containers or its metadata.
    const key = this.changeKey();
    if (this.template?.at === key) return this.template.render;
    const { name, namespace, ...metadata } = _metadataJson(this.metadata);
    const { spec, issues } = this.render();
    const named: Issue[] = [];
    if (this.props.name !== undefined) named.push({ path: ['metadata', 'name'], message: `the pod is the template of ${this.templateOf?.node.path ?? 'a workload'} and was given name ${show(this.props.name)}, but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload` });
    if (this.props.namespace !== undefined) named.push({ path: ['metadata', 'namespace'], message: `the pod is the template of ${this.templateOf?.node.path ?? 'a workload'} and was given namespace ${show(this.props.namespace)}, but a pod template has no namespace (its pods run in the workload's); remove namespace from the pod and set it on the workload` });
    const render = {
      metadata, spec, issues: named.length > 0 ? [...named, ...issues] : issues, key,
      options: { podSecurityStandard: this.props.podSecurityStandard, kubernetesVersion: this.kubernetesVersion },
    };
    this.template = { at: key, render };
    return render;
  }

  /**
   * @internal Errors about the whole pod, checked by the shared rule set (once per change), and
   * the pod's warnings, printed and recorded at every synth. Never throws: a failure is an error.
   * A pod that is a workload's template is checked by the workload, as part of its object.
   */
  protected _validate(): string[] {
    if (this.templateOf) {
      return (this.apiObject as _OrderedObject).patched
        ? [`metadata: the pod is the template of ${this.templateOf.node.path} and writes no Pod of its own, so the patch added to ApiObject.of(pod) is not written; patch ApiObject.of(workload) instead, where the pod spec is at /spec/template/spec (/spec/jobTemplate/spec/template/spec for a CronJob) [pod]`]
        : [];
    }
    return _validateObject(this, this.apiObject, () => this.check(), reason => `spec: the pod could not be checked (${reason}); check the props of the pod, and report this input to cdk8s-pods [pod]`);
  }

  private check(): { errors: string[]; warnings: string[]; manifest: object } {
    const key = this.changeKey();
    if (this.checked?.key === key) return this.checked;
    const metadata = _metadataJson(this.metadata);
    const { spec, issues } = this.render();
    // After an escape-hatch patch (`pod.apiObject.addJsonPatch(...)`), check the object exactly as
    // it will be written, patches applied: the escape hatch stays checked, shape rules included.
    const manifest = (this.apiObject as _OrderedObject).patched ? this.apiObject.toJson() : { apiVersion: 'v1', kind: 'Pod', metadata, spec };
    const result = _checkObject(manifest, issues, { podSecurityStandard: this.props.podSecurityStandard, kubernetesVersion: this.kubernetesVersion });
    this.checked = { key, manifest, ...result };
    return this.checked;
  }
}

/** Where a list or map prop renders, and what it must be, with the fix. */
const ODD_PROPS: { [field: string]: [string, string] } = {
  containers: ['containers', "a list of containers; write it as [{ name: 'web', image: 'nginx:1.25' }]"],
  initContainers: ['initContainers', "a list of containers; write it as [{ name: 'migrate', image: 'migrate:1.0' }]"],
  sidecars: ['containers', "a list of containers; write it as [{ name: 'proxy', image: 'envoy:1.29' }]"],
  volumes: ['volumes', "a list of Volumes; write it as [Volume.emptyDir('cache')]"],
  tolerations: ['tolerations', "a list of tolerations; write it as [{ key: 'dedicated', operator: TolerationOperator.EXISTS }]"],
  nodeSelector: ['nodeSelector', "a map of node label keys to values; write it as { gpu: 'true' }"],
};

/** @internal The pod as a workload's template (see `Pod._renderTemplate`). */
export interface PodTemplateRender {
  readonly metadata: object;
  readonly spec: object;
  readonly issues: ReadonlyArray<{ path: FieldPath; message: string }>;
  readonly key: string;
  readonly options: { podSecurityStandard?: unknown; kubernetesVersion?: unknown };
}

/** A props problem found while rendering: reported as a field-type error at the field's path. */
interface Issue {
  readonly path: FieldPath;
  readonly message: string;
}

/** Shared empty list, so a pod without problems holds no array of its own. */
const NO_ISSUES: Issue[] = [];

function sameJson(a: Volume, b: Volume): boolean {
  return JSON.stringify(a._toJson()) === JSON.stringify(b._toJson());
}
