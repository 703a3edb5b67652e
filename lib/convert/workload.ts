// Workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob) as the library's workload
// constructs: the pod template becomes a pod construct (the same converter as a Pod's), passed
// as `template`, and the workload's own fields become its props.
import { CompletionMode, ConcurrencyPolicy, AccessMode, LabelSelectorOperator, PodManagementPolicy } from '../constructs/workload';
import { arr, call, construct, Expr, json, Key, obj, ref, Stmt, THIS } from './code';
import { enumMember, Fields, isBool, isInt, isObject, isString, isStringList, isStringMap, metadataEntries, Notes, secondsExpr, Segments, sizeExpr } from './fields';
import { camel, FreshName, podCandidates } from './pod';

/** One way to write a workload: its template pod's statements, then the workload's. */
export interface WorkloadCandidate {
  readonly stmts: Stmt[];
  readonly notes: Notes;
}

/** Where each workload kind keeps its pod template. */
const KINDS: { readonly [kind: string]: { readonly apiVersion: string; readonly template: Segments } } = {
  Deployment: { apiVersion: 'apps/v1', template: ['spec', 'template'] },
  StatefulSet: { apiVersion: 'apps/v1', template: ['spec', 'template'] },
  DaemonSet: { apiVersion: 'apps/v1', template: ['spec', 'template'] },
  Job: { apiVersion: 'batch/v1', template: ['spec', 'template'] },
  CronJob: { apiVersion: 'batch/v1', template: ['spec', 'jobTemplate', 'spec', 'template'] },
};

/** Whether an object is a workload kind the library has a construct for. */
export function isWorkload(value: { readonly [key: string]: any }): boolean {
  const k = KINDS[value.kind];
  return k !== undefined && value.apiVersion === k.apiVersion;
}

/**
 * The ways to write a workload: for each way to write its pod template (most idiomatic first),
 * the workload without a selector (the library picks it from the template's labels), then with
 * the input's selector.
 * @param handle the variable the workload construct is bound to, while the converter evaluates it
 */
export function workloadCandidates(value: { readonly [key: string]: any }, id: string, podId: () => string, handle: string, fresh: FreshName): WorkloadCandidate[] {
  const kind = value.kind as string;
  const templatePath = KINDS[kind].template;
  let template: unknown = value;
  for (const s of templatePath) template = isObject(template) ? template[s] : undefined;
  if (!isObject(template)) return [];
  const out: WorkloadCandidate[] = [];
  const pods = podCandidates(template.metadata, template.spec, { metadata: [...templatePath, 'metadata'], spec: [...templatePath, 'spec'] }, fresh, { template: true });
  let podConstructId: string | undefined;
  for (const pod of pods) {
    const taken = new Set(pod.before.map(s => s.declare as string));
    const podVar = fresh(`${camel(isString(value.metadata?.name) ? value.metadata.name : kind)}Pod`, taken);
    podConstructId ??= podId();
    // Jobs and CronJobs have generated selectors: there is no selector prop to try.
    for (const withSelector of kind === 'Job' || kind === 'CronJob' ? [false] : [false, true]) {
      const notes: Notes = new Map(pod.notes);
      const props = workloadProps(value, kind, ref(podVar), withSelector, notes);
      if (!props) return out;
      out.push({
        notes,
        stmts: [
          ...pod.before,
          { declare: podVar, expr: construct(pod.cls, THIS, json(podConstructId), pod.props) },
          { declare: handle, expr: construct(kind, THIS, json(id), props) },
        ],
      });
    }
  }
  return out;
}

function workloadProps(value: { readonly [key: string]: any }, kind: string, template: Expr, withSelector: boolean, notes: Notes): Expr | undefined {
  const entries = metadataEntries(value.metadata, `${kind}Props`, notes);
  const spec = isObject(value.spec) ? value.spec : {};
  const f = new Fields(spec, ['spec'], `${kind}Props`, notes);
  const int = (key: string, prop = key): [Key, Expr | undefined] => {
    const v = f.take(key);
    return [prop, isInt(v) ? json(v) : undefined];
  };
  const seconds = (key: string, prop: string): [Key, Expr | undefined] => {
    const v = f.take(key);
    return [prop, v === undefined ? undefined : secondsExpr(v)];
  };
  const bool = (key: string): [Key, Expr | undefined] => {
    const v = f.take(key);
    return [key, isBool(v) ? json(v) : undefined];
  };
  const selector = (): [Key, Expr | undefined] => {
    const v = f.take('selector');
    return ['selector', withSelector ? labelSelector(v) : undefined];
  };
  switch (kind) {
    case 'Deployment': {
      f.take('template');
      entries.push(['template', template], int('replicas'), selector());
      entries.push(['strategy', strategy(f.take('strategy'), 'DeploymentStrategy', ['maxSurge', 'maxUnavailable'], 'Recreate', 'recreate')]);
      entries.push(seconds('minReadySeconds', 'minReady'), int('revisionHistoryLimit'), seconds('progressDeadlineSeconds', 'progressDeadline'), bool('paused'));
      break;
    }
    case 'StatefulSet': {
      f.take('template');
      const service = f.take('serviceName');
      entries.push(['template', template], ['serviceName', isString(service) ? json(service) : undefined], int('replicas'), selector());
      const policy = f.take('podManagementPolicy');
      entries.push(['podManagementPolicy', policy === undefined ? undefined : enumMember('PodManagementPolicy', PodManagementPolicy, policy)]);
      entries.push(['updateStrategy', strategy(f.take('updateStrategy'), 'StatefulSetUpdateStrategy', ['partition', 'maxUnavailable'], 'OnDelete', 'onDelete')]);
      entries.push(seconds('minReadySeconds', 'minReady'), int('revisionHistoryLimit'));
      entries.push(['volumeClaimTemplates', claimTemplates(f.take('volumeClaimTemplates'))]);
      break;
    }
    case 'DaemonSet': {
      f.take('template');
      entries.push(['template', template], selector());
      entries.push(['updateStrategy', strategy(f.take('updateStrategy'), 'DaemonSetUpdateStrategy', ['maxUnavailable', 'maxSurge'], 'OnDelete', 'onDelete')]);
      entries.push(seconds('minReadySeconds', 'minReady'), int('revisionHistoryLimit'));
      break;
    }
    case 'Job': {
      f.take('template');
      entries.push(['template', template], ...jobOptions(f), bool('suspend'));
      break;
    }
    case 'CronJob': {
      const schedule = f.take('schedule');
      const timeZone = f.take('timeZone');
      const policy = f.take('concurrencyPolicy');
      entries.push(['template', template], ['schedule', json(isString(schedule) ? schedule : '')], ['timeZone', isString(timeZone) ? json(timeZone) : undefined]);
      if (!isString(schedule)) notes.set('/spec/schedule', 'CronJobProps.schedule must be a string');
      entries.push(['concurrencyPolicy', policy === undefined ? undefined : enumMember('ConcurrencyPolicy', ConcurrencyPolicy, policy)]);
      entries.push(seconds('startingDeadlineSeconds', 'startingDeadline'), bool('suspend'), int('successfulJobsHistoryLimit'), int('failedJobsHistoryLimit'));
      const jobTemplate = f.take('jobTemplate');
      if (isObject(jobTemplate)) {
        const jt = new Fields(jobTemplate, ['spec', 'jobTemplate'], 'CronJobProps', notes);
        const jobSpec = jt.take('spec');
        jt.skip('metadata', 'CronJobProps has no job template metadata');
        jt.done();
        if (isObject(jobSpec)) {
          const js = new Fields(jobSpec, ['spec', 'jobTemplate', 'spec'], 'CronJobProps (JobOptions)', notes);
          js.take('template');
          entries.push(...jobOptions(js));
          js.done();
        }
      }
      break;
    }
    default:
      return undefined;
  }
  f.done();
  return obj(entries);
}

function jobOptions(f: Fields): Array<[Key, Expr | undefined]> {
  const int = (key: string): [Key, Expr | undefined] => {
    const v = f.take(key);
    return [key, isInt(v) ? json(v) : undefined];
  };
  const seconds = (key: string, prop: string): [Key, Expr | undefined] => {
    const v = f.take(key);
    return [prop, v === undefined ? undefined : secondsExpr(v)];
  };
  const mode = f.take('completionMode');
  return [
    int('completions'), int('parallelism'), int('backoffLimit'),
    seconds('activeDeadlineSeconds', 'activeDeadline'), seconds('ttlSecondsAfterFinished', 'ttlAfterFinished'),
    ['completionMode', mode === undefined ? undefined : enumMember('CompletionMode', CompletionMode, mode)],
  ];
}

function labelSelector(v: unknown): Expr | undefined {
  if (!isObject(v)) return undefined;
  const { matchLabels, matchExpressions, ...rest } = v;
  if (Object.keys(rest).length > 0) return undefined;
  if (matchLabels !== undefined && !isStringMap(matchLabels)) return undefined;
  let expressions: Expr | undefined;
  if (matchExpressions !== undefined) {
    if (!Array.isArray(matchExpressions)) return undefined;
    const items: Expr[] = [];
    for (const e of matchExpressions) {
      const op = isObject(e) ? enumMember('LabelSelectorOperator', LabelSelectorOperator, e.operator) : undefined;
      if (!isObject(e) || !isString(e.key) || !op || (e.values !== undefined && !isStringList(e.values)) || Object.keys(e).some(k => !['key', 'operator', 'values'].includes(k))) return undefined;
      items.push(obj([['key', json(e.key)], ['operator', op], ['values', e.values === undefined ? undefined : json(e.values)]]));
    }
    expressions = arr(items);
  }
  return obj([['matchLabels', matchLabels === undefined ? undefined : json(matchLabels)], ['matchExpressions', expressions]]);
}

/** `DeploymentStrategy.rollingUpdate({ maxSurge: 1 })` and the like, when the input has exactly that shape. */
function strategy(v: unknown, cls: string, options: string[], other: string, otherFactory: string): Expr | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  if (v.type === other && keys.length === 1) return call(`${cls}.${otherFactory}`);
  if (v.type !== 'RollingUpdate' || keys.some(k => k !== 'type' && k !== 'rollingUpdate')) return undefined;
  const ru = v.rollingUpdate;
  if (ru === undefined) return call(`${cls}.rollingUpdate`);
  if (!isObject(ru) || Object.keys(ru).length === 0 || Object.keys(ru).some(k => !options.includes(k))) return undefined;
  // partition is a number; the other options are a count or a percentage ('25%').
  if (!Object.entries(ru).every(([k, x]) => isInt(x) || (k !== 'partition' && isString(x) && /^[0-9]+(\.[0-9]+)?%$/.test(x)))) return undefined;
  return call(`${cls}.rollingUpdate`, obj(Object.entries(ru).map(([k, x]) => [k, json(x)] as [Key, Expr])));
}

function claimTemplates(v: unknown): Expr | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const items: Expr[] = [];
  for (const c of v) {
    if (!isObject(c) || Object.keys(c).some(k => k !== 'metadata' && k !== 'spec')) return undefined;
    const meta = c.metadata;
    const spec = c.spec;
    if (!isObject(meta) || Object.keys(meta).length !== 1 || !isString(meta.name) || !isObject(spec)) return undefined;
    const { accessModes, storageClassName, resources, ...rest } = spec;
    if (Object.keys(rest).length > 0 || !isStringList(accessModes) || (storageClassName !== undefined && !isString(storageClassName))) return undefined;
    const modes = accessModes.map(a => enumMember('AccessMode', AccessMode, a));
    if (modes.some(x => !x)) return undefined;
    if (!isObject(resources) || Object.keys(resources).length !== 1 || !isObject(resources.requests) || Object.keys(resources.requests).length !== 1) return undefined;
    const storage = sizeExpr(resources.requests.storage);
    if (!storage) return undefined;
    items.push(obj([['name', json(meta.name)], ['storage', storage], ['accessModes', arr(modes as Expr[])], ['storageClassName', storageClassName === undefined ? undefined : json(storageClassName)]]));
  }
  return arr(items);
}

