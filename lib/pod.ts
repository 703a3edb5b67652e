import { ApiObject, ApiObjectMetadataDefinition, Duration, Lazy } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Container, ContainerProps, SeccompProfile, _renderSeccomp } from './container';
import { PodSecurityStandard } from './security';
import { Toleration, _renderToleration } from './toleration';
import { checkManifest, formatFinding } from './rules';
import { Volume } from './volume';
import { _compact, _nonEmpty, _nonEmptyMap, _refName } from './_util';

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

/** The security context of the whole pod; container contexts override it per field. */
export interface PodSecurityContext {
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default - not enforced */
  readonly runAsNonRoot?: boolean;
  /** @default - volumes keep their owner group */
  readonly fsGroup?: number;
  /** @default - none */
  readonly supplementalGroups?: number[];
  /** @default - the runtime's default (Unconfined on most clusters) */
  readonly seccompProfile?: SeccompProfile;
  /** @default - none */
  readonly sysctls?: { readonly [name: string]: string };
}

/** Properties of a pod. */
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
   * @default SidecarMode.CLASSIC - works on the Kubernetes 1.28 API this library targets, where native sidecars are still alpha
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
 * The L1 object under a pod: a v1 Pod whose fields come out in the order Kubernetes documents them
 * (name, image, ports, ...) rather than alphabetically.
 */
class PodObject extends ApiObject {
  public toJson(): any {
    const previous = process.env.CDK8S_DISABLE_SORT;
    process.env.CDK8S_DISABLE_SORT = '1';
    let json: any;
    try {
      json = super.toJson();
    } finally {
      if (previous === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = previous;
    }
    const { name, namespace, labels, annotations, ...rest } = json.metadata;
    json.metadata = _compact({ name, namespace, labels, annotations, ...rest });
    return json;
  }
}

/**
 * A Kubernetes Pod: typed containers, volumes and scheduling, synthesized to the plain manifest
 * you would write by hand. Every cross-field mistake (port clash between containers, mount of an
 * undeclared volume, `$(VAR)` used before it is defined, ...) fails `cdk8s synth` with all errors
 * listed at once.
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
  private readonly _containers: Container[] = [];
  private readonly _initContainers: Container[] = [];
  private readonly _volumes: Volume[] = [];
  private readonly _nodeSelector: { [key: string]: string } = {};
  private readonly _tolerations: Toleration[] = [];
  /** Bumped by every change made through the pod; with the containers' versions it keys the caches. */
  private _version = 0;
  private rendered?: { key: string; spec: object };
  private checked?: { key: string; metadata: string; errors: string[] };

  public constructor(scope: Construct, id: string, props: PodProps = {}) {
    super(scope, id);
    this.props = props;
    this.sidecarMode = props.sidecarMode ?? SidecarMode.CLASSIC;
    this.name = props.name ?? id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
    this.apiObject = new PodObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    this.metadata = this.apiObject.metadata;

    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);
    for (const c of props.sidecars ?? []) this.addSidecar(c);
    for (const v of props.volumes ?? []) this.addVolume(v);
    Object.assign(this._nodeSelector, props.nodeSelector);
    for (const t of props.tolerations ?? []) this.addToleration(t);

    this.node.addValidation({ validate: () => this._validate() });
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

  /** Tolerates a taint. */
  public addToleration(toleration: Toleration): void {
    this._version++;
    this._tolerations.push(toleration);
  }

  /** Declared volumes, then those only mounted by object, each once. */
  private allVolumes(): Volume[] {
    const out = [...this._volumes];
    for (const c of [...this._initContainers, ...this._containers]) {
      for (const v of c._mountedVolumes()) {
        if (!out.includes(v) && !out.some(o => o.name === v.name && sameJson(o, v))) out.push(v);
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
    const key = this.versionKey();
    if (this.rendered?.key !== key) this.rendered = { key, spec: this.renderSpec() };
    return this.rendered.spec;
  }

  private renderSpec(): object {
    const p = this.props;
    const sc = p.securityContext;
    return _compact({
      nodeSelector: _nonEmptyMap(this._nodeSelector),
      runtimeClassName: p.runtimeClassName,
      priorityClassName: p.priorityClassName,
      serviceAccountName: p.serviceAccount !== undefined ? _refName(p.serviceAccount) : undefined,
      automountServiceAccountToken: p.automountServiceAccountToken,
      hostNetwork: p.hostNetwork,
      dnsPolicy: p.dnsPolicy,
      restartPolicy: p.restartPolicy,
      terminationGracePeriodSeconds: p.terminationGracePeriod?.toSeconds(),
      securityContext: sc ? _compact({
        runAsUser: sc.runAsUser,
        runAsGroup: sc.runAsGroup,
        runAsNonRoot: sc.runAsNonRoot,
        fsGroup: sc.fsGroup,
        supplementalGroups: _nonEmpty(sc.supplementalGroups),
        seccompProfile: _renderSeccomp(sc.seccompProfile),
        sysctls: sc.sysctls ? Object.entries(sc.sysctls).map(([name, value]) => ({ name, value })) : undefined,
      }) : undefined,
      imagePullSecrets: _nonEmpty(p.imagePullSecrets?.map(s => ({ name: _refName(s) }))),
      tolerations: _nonEmpty(this._tolerations.map(_renderToleration)),
      initContainers: _nonEmpty(this._initContainers.map(c => c._toJson())),
      containers: this._containers.map(c => c._toJson()),
      volumes: _nonEmpty(this.allVolumes().map(v => v._toJson())),
    });
  }

  /** @internal Errors about the whole pod, checked by the shared rule set (once per change). */
  protected _validate(): string[] {
    const metadata = this.metadata.toJson();
    const metadataKey = JSON.stringify(metadata);
    const key = this.versionKey();
    if (this.checked?.key === key && this.checked.metadata === metadataKey) return this.checked.errors;
    const manifest = { apiVersion: 'v1', kind: 'Pod', metadata, spec: this._renderSpec() };
    const errors = checkManifest(manifest, { shape: false, podSecurityStandard: this.props.podSecurityStandard })
      .filter(f => f.severity === 'error')
      .map(formatFinding);
    this.checked = { key, metadata: metadataKey, errors };
    return errors;
  }
}

function sameJson(a: Volume, b: Volume): boolean {
  return JSON.stringify(a._toJson()) === JSON.stringify(b._toJson());
}
