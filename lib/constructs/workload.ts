import { ApiObject, ApiObjectMetadataDefinition, Cron, Duration, Lazy, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkObject, _metadataJson, _OrderedObject, _registerObject, _trackMetadata, _validateObject } from './_object';
import { _compact, _isPlainObject, _nameFromId, _nonEmpty, _quantity, _refName, _seconds, _snapshot } from '../model/_util';
import { Pod } from './pod';
import { FieldPath, show } from '../rules';

/** An absolute number of pods, or a percentage of the desired pods such as `'25%'`. */
export type PodCount = number | `${number}%`;

/** How a label selector requirement compares a label. */
export enum LabelSelectorOperator {
  IN = 'In',
  NOT_IN = 'NotIn',
  EXISTS = 'Exists',
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One requirement of a label selector: `tier In (web, api)`. */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  /**
   * The values, for `In` and `NotIn`.
   * @default - none (for `Exists` and `DoesNotExist`)
   */
  readonly values?: string[];
}

/**
 * Which pods a workload owns, by their labels.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export interface LabelSelector {
  /** @default - none */
  readonly matchLabels?: { readonly [key: string]: string };
  /** @default - none */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/** Properties every workload has. */
export interface WorkloadProps {
  /**
   * The pod the workload runs copies of: any `Pod`, `SidecarPod`, `GpuPod` or `SharedVolumePod`.
   * It becomes the workload's pod template and writes no Pod of its own; its labels and
   * annotations are the template's. A template has no name or namespace: give those to the
   * workload, not to the pod.
   */
  readonly template: Pod;
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
  /**
   * `metadata.labels` of the workload itself (the pods get the template's).
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * `metadata.annotations` of the workload itself.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** Properties of the workloads that select their pods by label and keep them running. */
export interface ReplicatedWorkloadProps extends WorkloadProps {
  /**
   * Which pods the workload owns. It must select the template's labels; the API server rejects
   * a selector that does not, and it cannot be changed after the workload is created.
   * @default - the template's `app.kubernetes.io/name`, `app.kubernetes.io/instance` and `app.kubernetes.io/component` labels, or its `app` label, when it has any of them; otherwise all its labels but `app.kubernetes.io/version`. A template without labels fails synth.
   */
  readonly selector?: LabelSelector;
  /**
   * How long a new pod must be ready, without a container crashing, to count as available.
   * @default - 0 seconds, Kubernetes' default (not emitted)
   */
  readonly minReady?: Duration;
  /**
   * How many old revisions to keep for rollback.
   * @default - 10, Kubernetes' default (not emitted)
   */
  readonly revisionHistoryLimit?: number;
}

/** The labels a default selector picks from a template, in this order, when it has any. */
const SELECTOR_KEYS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app'];

/** A props problem found while rendering, at the field of the written object. */
interface Issue {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * A workload: a controller object that runs copies of a pod, built from any pod construct of this
 * library (`template`). Errors anywhere in it, the template included, fail synth under the
 * workload's construct path with the field of the written object
 * (`spec.template.spec.containers[0].image`).
 */
export abstract class Workload extends Construct {
  /** The Kubernetes name of the workload. */
  public readonly name: string;
  /** The workload's own metadata (its pods get the template's). */
  public readonly metadata: ApiObjectMetadataDefinition;
  /** The L1 object, also reachable as `ApiObject.of(workload)`; the pod spec is at `/spec/template/spec`. */
  public readonly apiObject: ApiObject;
  /** The pod construct that is the pod template. */
  public readonly template: Pod;
  /** The kind written, such as `Deployment`. */
  public readonly kind: string;

  /** Where the pod template sits in the object. */
  private readonly templatePath: FieldPath;
  private checked?: { key: string; errors: string[]; warnings: string[]; manifest: object };
  private rendered?: { key: string; spec: object };

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: string, apiVersion: string, templatePath: FieldPath) {
    super(scope, id);
    const p: Partial<WorkloadProps> = typeof props === 'object' && props !== null ? props : {};
    if (!(p.template instanceof Pod)) {
      throw new TypeError(`[${this.node.path}] template: expected a Pod, SidecarPod, GpuPod or SharedVolumePod construct, got ${show(p.template)}; make the pod first and pass it: new ${kind}(scope, '${id}', { template: pod })`);
    }
    this.kind = kind;
    this.template = p.template;
    this.templatePath = templatePath;
    this.template._adoptAsTemplate(this);
    this.name = p.name ?? _nameFromId(id);
    const resource = new _OrderedObject(this, 'Resource', {
      apiVersion,
      kind,
      metadata: { name: this.name, namespace: p.namespace ?? undefined, labels: _snapshot(p.labels) ?? undefined, annotations: _snapshot(p.annotations) ?? undefined },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    resource.renderBody = () => ({ spec: this.spec() });
    this.apiObject = resource;
    this.metadata = resource.metadata;
    _trackMetadata(this.metadata);
    this.node.addValidation({
      validate: () => _validateObject(this, resource, () => this.check(), reason => `spec: the ${kind} could not be checked (${reason}); check its props and its template's, and report this input to cdk8s-pods [pod]`),
    });
    _registerObject(resource, () => this.check().manifest);
  }

  /**
   * The labels a Service uses to select this workload's pods: the selector's `matchLabels`
   * (the template's labels for Jobs and CronJobs, whose selectors are generated).
   */
  public get selectorLabels(): { [key: string]: string } {
    return { ...this.templateLabels() };
  }

  /** @internal The kind-specific fields of the spec, given the pod template (`{ metadata, spec }`). */
  protected abstract _renderSpec(template: object, report: (path: FieldPath, message: string) => void): object;

  /** The template's labels. */
  protected templateLabels(): { [key: string]: string } {
    const labels = _metadataJson(this.template.metadata).labels;
    return _isPlainObject(labels) ? labels : {};
  }

  /** The spec, rendered once per change of the template (the workload's own props do not change). */
  private spec(): object {
    return this.rendered?.key === this.template._renderTemplate().key ? this.rendered.spec : this.renderSpec(NO_REPORT);
  }

  /** Renders the spec, reporting props problems, and keeps it for `spec()`. */
  private renderSpec(report: (path: FieldPath, message: string) => void): object {
    const t = this.template._renderTemplate();
    const spec = this._renderSpec(_compact({ metadata: _nonEmptyObject(t.metadata), spec: t.spec }), report);
    this.rendered = { key: t.key, spec };
    return spec;
  }

  private check(): { errors: string[]; warnings: string[]; manifest: object } {
    const t = this.template._renderTemplate();
    const key = `${t.key}|${_trackMetadata(this.metadata).version}`;
    if (this.checked?.key === key && !(this.apiObject as _OrderedObject).patched) return this.checked;
    const metadata = _metadataJson(this.metadata);
    const issues: Issue[] = t.issues.map(i => ({ path: [...this.templatePath, ...i.path], message: i.message }));
    const spec = this.renderSpec((path, message) => issues.push({ path, message }));
    const manifest = (this.apiObject as _OrderedObject).patched ? this.apiObject.toJson() : { apiVersion: this.apiObject.apiVersion, kind: this.kind, metadata, spec };
    this.checked = { key, manifest, ..._checkObject(manifest, issues, t.options) };
    return this.checked;
  }
}

/** A report that drops what it is told: the check renders again with a real one. */
const NO_REPORT = () => undefined;

function _nonEmptyObject(o: object): object | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}

/** The selector of a replicated workload: the one given, or the default picked from the template's labels. */
function renderSelector(kind: string, given: LabelSelector | undefined, labels: { [key: string]: string }, report: (path: FieldPath, message: string) => void): object | undefined {
  if (given !== undefined && given !== null) {
    return _isPlainObject(given) ? _compact({
      matchLabels: given.matchLabels,
      matchExpressions: _nonEmpty(given.matchExpressions?.map(e => _compact({ key: e.key, operator: e.operator, values: e.values }))),
    }) : given;
  }
  const preferred = SELECTOR_KEYS.filter(k => typeof labels[k] === 'string');
  const keys = preferred.length > 0 ? preferred : Object.keys(labels).filter(k => k !== 'app.kubernetes.io/version');
  if (keys.length === 0) {
    report(['spec', 'selector'], `a ${kind} selects its pods by label, and its pod template has no labels to select; add labels to the pod, such as labels: { 'app.kubernetes.io/name': 'orderapp' }, or give selector`);
    return undefined;
  }
  return { matchLabels: Object.fromEntries(keys.map(k => [k, labels[k]])) };
}

/** A RollingUpdate strategy, with its `rollingUpdate` parameters only when some are given (in the order given). */
function rollingUpdateJson(parameters: { [key: string]: unknown }): object {
  const rollingUpdate = _compact(parameters);
  return _compact({ type: 'RollingUpdate', rollingUpdate: Object.keys(rollingUpdate).length > 0 ? rollingUpdate : undefined });
}

// ---- Deployment ----------------------------------------------------------------------------------

/** How a Deployment replaces old pods with new ones. */
export class DeploymentStrategy {
  /**
   * Replace pods gradually.
   * @param options.maxSurge pods above the desired count during the update (default 25%)
   * @param options.maxUnavailable pods below the desired count during the update (default 25%)
   */
  public static rollingUpdate(options: { readonly maxSurge?: PodCount; readonly maxUnavailable?: PodCount } = {}): DeploymentStrategy {
    return new DeploymentStrategy(rollingUpdateJson({ maxSurge: options.maxSurge, maxUnavailable: options.maxUnavailable }));
  }

  /** Stop every old pod before starting new ones (for apps that cannot run two versions at once). */
  public static recreate(): DeploymentStrategy {
    return new DeploymentStrategy({ type: 'Recreate' });
  }

  private constructor(/** @internal */ public readonly _json: object) {}
}

/** Properties of a `Deployment`. */
export interface DeploymentProps extends ReplicatedWorkloadProps {
  /**
   * How many pods to run (`kubectl scale deployment orderapp --replicas=3`).
   * @default - 1, Kubernetes' default (not emitted)
   */
  readonly replicas?: number;
  /**
   * How pods are replaced on an update.
   * @default - a rolling update with 25% surge and 25% unavailable, Kubernetes' default (not emitted)
   */
  readonly strategy?: DeploymentStrategy;
  /**
   * How long a rollout may make no progress before it is reported failed.
   * @default - 600 seconds, Kubernetes' default (not emitted)
   */
  readonly progressDeadline?: Duration;
  /**
   * Create the Deployment paused: template changes do not roll out until it is resumed.
   * @default false
   */
  readonly paused?: boolean;
}

/**
 * Runs `replicas` copies of a pod and replaces them on failure and on every template change:
 * the way to run a long-lived app (a bare pod is not restarted elsewhere when its node fails).
 *
 * ```ts
 * const pod = new SidecarPod(chart, 'OrderappPod', {
 *   labels: { 'app.kubernetes.io/name': 'orderapp' },
 *   app: { name: 'web', image: 'nginx:1.25', port: 80 },
 *   sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
 * });
 * new Deployment(chart, 'Orderapp', { template: pod, replicas: 3 });
 * ```
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
export class Deployment extends Workload {
  private readonly props: DeploymentProps;

  public constructor(scope: Construct, id: string, props: DeploymentProps) {
    super(scope, id, props, 'Deployment', 'apps/v1', ['spec', 'template']);
    this.props = _snapshot({ ...props, template: undefined }) as unknown as DeploymentProps;
  }

  public get selectorLabels(): { [key: string]: string } {
    return matchLabelsOf(this.props.selector, this.templateLabels());
  }

  /** @internal */
  protected _renderSpec(template: object, report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    return _compact({
      replicas: p.replicas,
      selector: renderSelector(this.kind, p.selector, this.templateLabels(), report),
      strategy: p.strategy?._json ?? p.strategy,
      minReadySeconds: _seconds(p.minReady),
      revisionHistoryLimit: p.revisionHistoryLimit,
      progressDeadlineSeconds: _seconds(p.progressDeadline),
      paused: p.paused,
      template,
    });
  }
}

/** The matchLabels a Service selects a replicated workload's pods by. */
function matchLabelsOf(given: LabelSelector | undefined, labels: { [key: string]: string }): { [key: string]: string } {
  const selector = renderSelector('workload', given, labels, NO_REPORT) as LabelSelector | undefined;
  return { ...selector?.matchLabels };
}

// ---- StatefulSet ---------------------------------------------------------------------------------

/** How a StatefulSet replaces its pods on an update. */
export class StatefulSetUpdateStrategy {
  /**
   * Replace pods one at a time, from the highest ordinal down.
   * @param options.partition only pods with an ordinal at or above it are updated (a canary)
   * @param options.maxUnavailable pods that may be unavailable during the update (Kubernetes 1.24+ with the MaxUnavailableStatefulSet gate)
   */
  public static rollingUpdate(options: { readonly partition?: number; readonly maxUnavailable?: PodCount } = {}): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy(rollingUpdateJson({ partition: options.partition, maxUnavailable: options.maxUnavailable }));
  }

  /** Replace a pod only when it is deleted by hand. */
  public static onDelete(): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy({ type: 'OnDelete' });
  }

  private constructor(/** @internal */ public readonly _json: object) {}
}

/** The order a StatefulSet starts and stops pods in. */
export enum PodManagementPolicy {
  /** One at a time, each ready before the next (Kubernetes' default). */
  ORDERED_READY = 'OrderedReady',
  /** All at once. */
  PARALLEL = 'Parallel',
}

/** How a volume can be mounted. */
export enum AccessMode {
  READ_WRITE_ONCE = 'ReadWriteOnce',
  READ_ONLY_MANY = 'ReadOnlyMany',
  READ_WRITE_MANY = 'ReadWriteMany',
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/**
 * A PersistentVolumeClaim made for each pod of a StatefulSet, mounted by name: a container mounts
 * it with `container.mount('/var/lib/mysql', 'data')`.
 */
export interface VolumeClaimTemplate {
  /** The volume name containers mount; the claims are named `<name>-<statefulset>-<ordinal>`. */
  readonly name: string;
  /** How much storage each pod gets. */
  readonly storage: Size;
  /** How the volume can be mounted, such as `[AccessMode.READ_WRITE_ONCE]`. */
  readonly accessModes: AccessMode[];
  /**
   * The StorageClass.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Properties of a `StatefulSet`. */
export interface StatefulSetProps extends ReplicatedWorkloadProps {
  /**
   * The headless Service (clusterIP: None) that gives each pod a stable DNS name
   * (`mysql-0.mysql`), as a `Service` or its name. Checked at synth: it must be a headless Service
   * of the app when the app has Services in the namespace.
   * @default - none (Kubernetes 1.33 and older require it)
   */
  readonly serviceName?: string | { readonly name: string };
  /** @default - 1, Kubernetes' default (not emitted) */
  readonly replicas?: number;
  /**
   * A claim made for each pod, kept when the pod moves: durable storage.
   * @default - none
   */
  readonly volumeClaimTemplates?: VolumeClaimTemplate[];
  /** @default - OrderedReady, Kubernetes' default (not emitted) */
  readonly podManagementPolicy?: PodManagementPolicy;
  /** @default - a rolling update, Kubernetes' default (not emitted) */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
}

/**
 * Pods with a stable identity (`mysql-0`, `mysql-1`), each with its own storage from
 * `volumeClaimTemplates`: databases and other stateful apps. Give it a headless `Service`.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 */
export class StatefulSet extends Workload {
  private readonly props: StatefulSetProps;

  public constructor(scope: Construct, id: string, props: StatefulSetProps) {
    super(scope, id, props, 'StatefulSet', 'apps/v1', ['spec', 'template']);
    this.props = _snapshot({ ...props, template: undefined, serviceName: props?.serviceName === undefined ? undefined : _refName(props.serviceName) }) as unknown as StatefulSetProps;
  }

  public get selectorLabels(): { [key: string]: string } {
    return matchLabelsOf(this.props.selector, this.templateLabels());
  }

  /** @internal */
  protected _renderSpec(template: object, report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    return _compact({
      serviceName: p.serviceName,
      replicas: p.replicas,
      selector: renderSelector(this.kind, p.selector, this.templateLabels(), report),
      podManagementPolicy: p.podManagementPolicy,
      updateStrategy: p.updateStrategy?._json ?? p.updateStrategy,
      minReadySeconds: _seconds(p.minReady),
      revisionHistoryLimit: p.revisionHistoryLimit,
      template,
      volumeClaimTemplates: _nonEmpty(p.volumeClaimTemplates?.map(c => (_isPlainObject(c) ? {
        metadata: { name: c.name },
        spec: _compact({ accessModes: c.accessModes, storageClassName: c.storageClassName, resources: { requests: { storage: _quantity(c.storage) } } }),
      } : c))),
    });
  }
}

// ---- DaemonSet -----------------------------------------------------------------------------------

/** How a DaemonSet replaces its pods on an update. */
export class DaemonSetUpdateStrategy {
  /**
   * Replace pods node by node.
   * @param options.maxUnavailable nodes whose pod may be unavailable at once (default 1)
   * @param options.maxSurge nodes that may run an old and a new pod at once (default 0)
   */
  public static rollingUpdate(options: { readonly maxUnavailable?: PodCount; readonly maxSurge?: PodCount } = {}): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy(rollingUpdateJson({ maxUnavailable: options.maxUnavailable, maxSurge: options.maxSurge }));
  }

  /** Replace a pod only when it is deleted by hand. */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy({ type: 'OnDelete' });
  }

  private constructor(/** @internal */ public readonly _json: object) {}
}

/** Properties of a `DaemonSet`. */
export interface DaemonSetProps extends ReplicatedWorkloadProps {
  /** @default - a rolling update of one node at a time, Kubernetes' default (not emitted) */
  readonly updateStrategy?: DaemonSetUpdateStrategy;
}

/**
 * One pod on every node (or every node the template's nodeSelector and tolerations allow): log
 * agents, node exporters, CNI and storage plugins.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
 */
export class DaemonSet extends Workload {
  private readonly props: DaemonSetProps;

  public constructor(scope: Construct, id: string, props: DaemonSetProps) {
    super(scope, id, props, 'DaemonSet', 'apps/v1', ['spec', 'template']);
    this.props = _snapshot({ ...props, template: undefined }) as unknown as DaemonSetProps;
  }

  public get selectorLabels(): { [key: string]: string } {
    return matchLabelsOf(this.props.selector, this.templateLabels());
  }

  /** @internal */
  protected _renderSpec(template: object, report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    return _compact({
      selector: renderSelector(this.kind, p.selector, this.templateLabels(), report),
      updateStrategy: p.updateStrategy?._json ?? p.updateStrategy,
      minReadySeconds: _seconds(p.minReady),
      revisionHistoryLimit: p.revisionHistoryLimit,
      template,
    });
  }
}

// ---- Job and CronJob -----------------------------------------------------------------------------

/** How a Job counts completions. */
export enum CompletionMode {
  /** Any `completions` pods that succeed complete the Job (Kubernetes' default). */
  NON_INDEXED = 'NonIndexed',
  /**
   * Each pod gets an index from 0 to completions-1 (`JOB_COMPLETION_INDEX`, and a stable hostname
   * with a headless Service): distributed training ranks, sharded batch work.
   */
  INDEXED = 'Indexed',
}

/** The fields of a Job run, shared by `Job` and `CronJob`. */
export interface JobOptions {
  /**
   * How many pods must succeed.
   * @default - 1 (not emitted); with CompletionMode.INDEXED it is required
   */
  readonly completions?: number;
  /** @default - 1, Kubernetes' default (not emitted) */
  readonly parallelism?: number;
  /** @default - 6 retries, Kubernetes' default (not emitted) */
  readonly backoffLimit?: number;
  /**
   * How long the Job may run before it is stopped and failed, in whole seconds.
   * @default - no limit
   */
  readonly activeDeadline?: Duration;
  /**
   * Delete the finished Job (and its pods) this long after it finishes, in whole seconds.
   * @default - kept until deleted
   */
  readonly ttlAfterFinished?: Duration;
  /** @default - NonIndexed, Kubernetes' default (not emitted) */
  readonly completionMode?: CompletionMode;
}

/** Properties of a `Job`. */
export interface JobProps extends WorkloadProps, JobOptions {
  /**
   * Create the Job suspended: no pods start until `suspend` is set to false.
   * @default false
   */
  readonly suspend?: boolean;
}

function renderJobSpec(p: JobOptions & { suspend?: boolean }, template: object): object {
  return _compact({
    completions: p.completions,
    parallelism: p.parallelism,
    completionMode: p.completionMode,
    backoffLimit: p.backoffLimit,
    activeDeadlineSeconds: _seconds(p.activeDeadline),
    ttlSecondsAfterFinished: _seconds(p.ttlAfterFinished),
    suspend: p.suspend,
    template,
  });
}

/**
 * Runs a pod to completion (and retries it on failure): batch work, migrations, training runs.
 * The template needs `restartPolicy` `OnFailure` or `Never`; sidecars that run forever must be
 * native (`SidecarMode.NATIVE`), or the Job never completes.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/
 */
export class Job extends Workload {
  private readonly props: JobProps;

  public constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, props, 'Job', 'batch/v1', ['spec', 'template']);
    this.props = _snapshot({ ...props, template: undefined }) as unknown as JobProps;
  }

  /** @internal */
  protected _renderSpec(template: object): object {
    return renderJobSpec(this.props, template);
  }
}

/** What a CronJob does when a run is due and the previous one is still running. */
export enum ConcurrencyPolicy {
  /** Start the new run too (Kubernetes' default). */
  ALLOW = 'Allow',
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the running one and start the new one. */
  REPLACE = 'Replace',
}

/** Properties of a `CronJob`. */
export interface CronJobProps extends WorkloadProps, JobOptions {
  /**
   * When to run, as a cdk8s `Cron` (`Cron.daily()`, `Cron.schedule({ minute: '0', hour: '2' })`)
   * or a cron expression such as `'0 2 * * *'`.
   */
  readonly schedule: Cron | string;
  /**
   * The IANA time zone of the schedule, such as `'Europe/Berlin'`.
   * @default - the time zone of the kube-controller-manager
   */
  readonly timeZone?: string;
  /** @default - ConcurrencyPolicy.ALLOW, Kubernetes' default (not emitted) */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * How late a run may start after its time before it is skipped.
   * @default - no deadline
   */
  readonly startingDeadline?: Duration;
  /** @default - 3, Kubernetes' default (not emitted) */
  readonly successfulJobsHistoryLimit?: number;
  /** @default - 1, Kubernetes' default (not emitted) */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Suspend the schedule: no new runs start.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * Runs a Job on a schedule: nightly reports, backups, cleanups.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
export class CronJob extends Workload {
  private readonly props: CronJobProps;

  public constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props, 'CronJob', 'batch/v1', ['spec', 'jobTemplate', 'spec', 'template']);
    const schedule: unknown = props?.schedule;
    this.props = _snapshot({ ...props, template: undefined, schedule: schedule instanceof Cron ? schedule.expressionString : schedule }) as unknown as CronJobProps;
  }

  /** @internal */
  protected _renderSpec(template: object): object {
    const p = this.props;
    return _compact({
      schedule: p.schedule,
      timeZone: p.timeZone,
      concurrencyPolicy: p.concurrencyPolicy,
      startingDeadlineSeconds: _seconds(p.startingDeadline),
      suspend: p.suspend,
      successfulJobsHistoryLimit: p.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: p.failedJobsHistoryLimit,
      jobTemplate: { spec: renderJobSpec({ ...p, suspend: undefined }, template) },
    });
  }
}
