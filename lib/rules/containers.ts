import { checkEnum, containersOf, ContainerRef, defineRule, describe, FieldPath, isObject, kubernetesMinor, PodTarget, RuleContext, show } from './engine';
import { isPortNumber, labelValueProblem, qualifiedNameProblem, toLabelValue } from './formats';

export const image = defineRule({
  id: 'image',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every container has an image, without leading or trailing spaces in a Pod (the API server lets them through in pod templates, then rejects the pods)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const value = ref.container.image;
      if (value === undefined || value === null || value === '') {
        ctx.report([...ref.path, 'image'], `${describe(ref)} has no image; set image to a reference such as 'nginx:1.25'`);
      } else if (typeof value === 'string' && value.trim() !== value && ctx.pod.ownerKind === 'Pod') {
        // Only Pods: the API server accepts the spaces in a pod template (for compatibility), and then
        // rejects every pod the controller makes from it.
        ctx.report([...ref.path, 'image'], `image ${show(value)} of ${describe(ref)} has leading or trailing spaces; use '${value.trim()}'`);
      }
    }
  },
});

/** The enums of a container and of its ports, by field. */
const CONTAINER_ENUMS = { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], protocol: ['TCP', 'UDP', 'SCTP'] };
/** The enums of a pod spec, by field. */
const POD_ENUMS: ReadonlyArray<{ field: string; values: string[] }> = [
  { field: 'restartPolicy', values: ['Always', 'OnFailure', 'Never'] },
  { field: 'dnsPolicy', values: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] },
];

export const enumValues = defineRule({
  id: 'enum-value',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'enum fields use the exact Kubernetes spelling: imagePullPolicy, restartPolicy, dnsPolicy, protocols, terminationMessagePolicy, seccomp types, mount propagation, probe schemes, selector operators, rollout strategies, Job and CronJob policies, Service types and policies, Ingress pathType, claim access and volume modes; dnsPolicy None comes with a dnsConfig that names a nameserver',
  check(ctx) {
    checkObjectEnums(ctx);
    if (!ctx.pod) return;
    const pod = ctx.pod;
    for (const e of POD_ENUMS) {
      checkEnum(ctx, pod.spec[e.field], [...pod.specPath, e.field], e.field, e.values);
    }
    // None takes every DNS setting from dnsConfig, so the API server requires one with a nameserver.
    if (pod.spec.dnsPolicy === 'None') {
      const config = pod.spec.dnsConfig;
      if (config === undefined || config === null) {
        ctx.report([...pod.specPath, 'dnsPolicy'], "dnsPolicy None takes the pod's DNS settings from dnsConfig, which is not set; set dnsConfig with at least one nameserver, or use dnsPolicy ClusterFirst (the default)");
      } else if (isObject(config) && (!Array.isArray(config.nameservers) || config.nameservers.length === 0)) {
        ctx.report([...pod.specPath, 'dnsConfig', 'nameservers'], 'dnsPolicy None needs at least one nameserver in dnsConfig.nameservers; add one such as 10.96.0.10, or use dnsPolicy ClusterFirst (the default)');
      }
    }
    for (const ref of containersOf(pod)) {
      checkEnum(ctx, ref.container.imagePullPolicy, [...ref.path, 'imagePullPolicy'], 'imagePullPolicy', CONTAINER_ENUMS.imagePullPolicy);
      forEachPort(ref, (p, path) => checkEnum(ctx, p.protocol, [...path, 'protocol'], 'protocol', CONTAINER_ENUMS.protocol));
      checkContainerEnums(ctx, ref);
    }
    checkPodEnums(ctx, pod);
  },
});

export const workloadRestartPolicy = defineRule({
  id: 'workload-restart-policy',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'Jobs and CronJobs use restartPolicy OnFailure or Never; Deployments, StatefulSets, DaemonSets and ReplicaSets only Always',
  check(ctx) {
    const pod = ctx.pod;
    const policy = pod.spec.restartPolicy;
    const path = [...pod.specPath, 'restartPolicy'];
    if (pod.ownerKind === 'Job' || pod.ownerKind === 'CronJob') {
      if (policy === undefined || policy === 'Always') {
        ctx.report(path, `a ${pod.ownerKind} pod template needs restartPolicy OnFailure or Never, got ${policy === undefined ? 'none (Always by default)' : "'Always'"}; set restartPolicy: OnFailure`);
      }
    } else if (pod.ownerKind !== 'Pod' && policy !== undefined && policy !== 'Always') {
      ctx.report(path, `a ${pod.ownerKind} keeps its pods running, so restartPolicy must be Always, got ${show(policy)}; remove restartPolicy, or use a Job for run-to-completion work`);
    }
  },
});

/** Calls `fn` for every port object of a container. */
export function forEachPort(ref: ContainerRef, fn: (port: any, path: FieldPath) => void) {
  const ports = ref.container.ports;
  if (!Array.isArray(ports)) return;
  ports.forEach((p, i) => {
    if (isObject(p)) fn(p, [...ref.path, 'ports', i]);
  });
}


export const portRange = defineRule({
  id: 'port-range',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'containerPort and hostPort are whole numbers from 1 to 65535',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachPort(ref, (p, path) => {
        if (p.containerPort === undefined || p.containerPort === null) {
          ctx.report([...path, 'containerPort'], `a port of ${describe(ref)} has no containerPort; set the number the process listens on`);
        } else if (typeof p.containerPort === 'number' && !isPortNumber(p.containerPort)) {
          ctx.report([...path, 'containerPort'], `containerPort ${p.containerPort} of ${describe(ref)} is outside 1-65535; use the port the process listens on`);
        }
        if (typeof p.hostPort === 'number' && p.hostPort !== 0 && !isPortNumber(p.hostPort)) {
          ctx.report([...path, 'hostPort'], `hostPort ${p.hostPort} of ${describe(ref)} is outside 1-65535; use a valid port or remove hostPort`);
        }
      });
    }
  },
});

export const portClash = defineRule({
  id: 'port-clash',
  family: 'containers',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'no two containers running together declare the same containerPort and protocol: they share one network namespace',
  check(ctx) {
    const owners = new Map<string, ContainerRef>(); // port/protocol -> the first container running beside the others to declare it
    for (const ref of containersOf(ctx.pod)) {
      if (!ref.concurrent) continue;
      const own = new Set<string>();
      forEachPort(ref, (p, path) => {
        if (!isPortNumber(p.containerPort)) return;
        const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
        if (own.has(key)) {
          ctx.report([...path, 'containerPort'], `${describe(ref)} declares port ${key} twice; remove the duplicate`);
          return;
        }
        own.add(key);
        // A container's own repeats stop above, so an owner found here is another container.
        const first = owners.get(key);
        if (first) {
          ctx.report([...path, 'containerPort'], `containers '${first.container.name}' and '${ref.container.name}' both listen on port ${key}; containers in a pod share one network namespace, so give one of them another port`);
        } else {
          owners.set(key, ref);
        }
      });
    }
  },
});

export const hostPortClash = defineRule({
  id: 'host-port-clash',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'no hostPort and protocol is declared twice in a pod',
  check(ctx) {
    const seen = new Map<string, string>();
    for (const ref of containersOf(ctx.pod)) {
      forEachPort(ref, (p, path) => {
        if (!isPortNumber(p.hostPort)) return;
        const key = `${p.hostIP ?? ''}:${p.hostPort}/${p.protocol ?? 'TCP'}`;
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.report([...path, 'hostPort'], `hostPort ${p.hostPort}/${p.protocol ?? 'TCP'} of ${describe(ref)} is already taken by ${first}; a node port can be bound once, so pick another hostPort`);
        } else {
          seen.set(key, describe(ref));
        }
      });
    }
  },
});

export const hostNetworkPorts = defineRule({
  id: 'host-network-port',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'with hostNetwork, a hostPort equals its containerPort',
  check(ctx) {
    if (ctx.pod.spec.hostNetwork !== true) return;
    for (const ref of containersOf(ctx.pod)) {
      forEachPort(ref, (p, path) => {
        if (p.hostPort !== undefined && p.hostPort !== 0 && p.hostPort !== p.containerPort) {
          ctx.report([...path, 'hostPort'], `hostPort ${p.hostPort} differs from containerPort ${p.containerPort} in ${describe(ref)}; with hostNetwork the container listens on the node directly, so set hostPort to ${p.containerPort} or remove it`);
        }
      });
    }
  },
});

export const hostNetworkDns = defineRule({
  id: 'host-network-dns',
  family: 'containers',
  severity: 'warning',
  basis: 'runtime',
  target: 'pod',
  description: 'a hostNetwork pod sets dnsPolicy ClusterFirstWithHostNet to keep cluster DNS',
  check(ctx) {
    const spec = ctx.pod.spec;
    if (spec.hostNetwork === true && (spec.dnsPolicy === undefined || spec.dnsPolicy === 'ClusterFirst')) {
      ctx.report([...ctx.pod.specPath, 'dnsPolicy'], `hostNetwork pod has dnsPolicy ${spec.dnsPolicy === undefined ? 'unset (ClusterFirst)' : "'ClusterFirst'"}, which falls back to the node's resolver and cannot resolve Services; set dnsPolicy: ClusterFirstWithHostNet`);
    }
  },
});

const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const toleration = defineRule({
  id: 'toleration',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'tolerations are valid: a label key, Exists without a value (and for an empty key), Equal with a label value, tolerationSeconds only with NoExecute',
  check(ctx) {
    const pod = ctx.pod;
    const list = pod.spec.tolerations;
    if (!Array.isArray(list)) return;
    list.forEach((t: unknown, i: number) => {
      if (!isObject(t)) return; // field-type
      const path = [...pod.specPath, 'tolerations', i];
      const key = typeof t.key === 'string' ? t.key : '';
      const operator = t.operator ?? '';
      if (typeof t.key === 'string' && t.key !== '') {
        const problem = qualifiedNameProblem(t.key);
        if (problem) ctx.report([...path, 'key'], `toleration key ${show(t.key)} ${problem}; use the key of the taint, such as 'nvidia.com/gpu'`);
      }
      if (key === '' && operator !== 'Exists') {
        ctx.report([...path, 'operator'], `a toleration without a key matches every taint, so its operator must be Exists, got ${operator === '' ? 'none (Equal by default)' : show(operator)}; set operator: Exists, or set the key of the taint`);
      }
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
        ctx.report([...path, 'effect'], `tolerationSeconds is set with effect ${t.effect === undefined || t.effect === '' ? 'unset (every effect)' : show(t.effect)}; only NoExecute taints evict, so set effect: NoExecute or remove tolerationSeconds`);
      }
      if (operator === 'Exists') {
        if (typeof t.value === 'string' && t.value !== '') {
          ctx.report([...path, 'value'], `toleration ${show(key)} has operator Exists and value ${show(t.value)}; Exists matches any value, so remove the value or use operator: Equal`);
        }
      } else if (operator === '' || operator === 'Equal') {
        if (typeof t.value === 'string') {
          const problem = labelValueProblem(t.value);
          if (problem) ctx.report([...path, 'value'], `toleration value ${show(t.value)} ${problem}; use '${toLabelValue(t.value) || 'value'}'`);
        }
      } else {
        checkEnum(ctx, operator, [...path, 'operator'], 'toleration operator', TOLERATION_OPERATORS);
      }
      if (t.effect !== '') checkEnum(ctx, t.effect, [...path, 'effect'], 'toleration effect', TAINT_EFFECTS);
    });
  },
});

// ---- More enum fields (enum-value) -----------------------------------------------------------------

/** The operators of a label selector expression (metav1 LabelSelectorOperator). */
export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost', 'Unconfined'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** `checkEmpty` of enumAt for a field whose '' the API server neither defaults nor leaves to required-field. */
const EMPTY_IS_INVALID = true;

/**
 * Reports `holder[field]` when it is a string other than `values`. An empty string is left alone unless
 * `checkEmpty`: the API server fills in the default for some fields (terminationMessagePolicy, httpGet
 * scheme, strategy types), and the required-field rule reports it for others (operators, seccompProfile
 * type, whenUnsatisfiable); where neither is so (pointer fields without a default, such as procMount or
 * preemptionPolicy), '' is checked like any other value.
 */
function enumAt(ctx: RuleContext, holder: unknown, path: FieldPath, field: string, what: string, values: string[], checkEmpty = false): void {
  if (!isObject(holder)) return;
  const value = holder[field];
  if (value === '' && !checkEmpty) return;
  checkEnum(ctx, value, [...path, field], what, values);
}

function selectorEnums(ctx: RuleContext, sel: unknown, path: FieldPath, what: string): void {
  if (!isObject(sel) || !Array.isArray(sel.matchExpressions)) return;
  sel.matchExpressions.forEach((e: unknown, i: number) => enumAt(ctx, e, [...path, 'matchExpressions', i], 'operator', `${what} operator`, SELECTOR_OPERATORS));
}

function checkContainerEnums(ctx: RuleContext, ref: ContainerRef): void {
  const c = ref.container;
  enumAt(ctx, c, ref.path, 'terminationMessagePolicy', 'terminationMessagePolicy', ['File', 'FallbackToLogsOnError']);
  if (Array.isArray(c.volumeMounts)) {
    c.volumeMounts.forEach((m: unknown, i: number) => enumAt(ctx, m, [...ref.path, 'volumeMounts', i], 'mountPropagation', 'mountPropagation', ['None', 'HostToContainer', 'Bidirectional'], EMPTY_IS_INVALID));
  }
  if (isObject(c.securityContext)) {
    enumAt(ctx, c.securityContext.seccompProfile, [...ref.path, 'securityContext', 'seccompProfile'], 'type', 'seccompProfile type', SECCOMP_TYPES);
    // Before 1.33 the ProcMountType feature gate is off by default, and the API server sets any procMount to Default.
    if (kubernetesMinor(ctx.options) >= 33) enumAt(ctx, c.securityContext, [...ref.path, 'securityContext'], 'procMount', 'procMount', ['Default', 'Unmasked'], EMPTY_IS_INVALID);
  }
  const handlers: Array<[unknown, FieldPath]> = ['livenessProbe', 'readinessProbe', 'startupProbe'].map(p => [c[p], [...ref.path, p]]);
  if (isObject(c.lifecycle)) for (const hook of ['postStart', 'preStop']) handlers.push([c.lifecycle[hook], [...ref.path, 'lifecycle', hook]]);
  for (const [h, path] of handlers) {
    if (isObject(h)) enumAt(ctx, h.httpGet, [...path, 'httpGet'], 'scheme', 'httpGet scheme', ['HTTP', 'HTTPS']);
  }
}

function checkPodEnums(ctx: RuleContext, pod: PodTarget): void {
  const spec = pod.spec;
  enumAt(ctx, spec, pod.specPath, 'preemptionPolicy', 'preemptionPolicy', ['PreemptLowerPriority', 'Never'], EMPTY_IS_INVALID);
  if (isObject(spec.securityContext)) {
    enumAt(ctx, spec.securityContext.seccompProfile, [...pod.specPath, 'securityContext', 'seccompProfile'], 'type', 'seccompProfile type', SECCOMP_TYPES);
    enumAt(ctx, spec.securityContext, [...pod.specPath, 'securityContext'], 'fsGroupChangePolicy', 'fsGroupChangePolicy', ['OnRootMismatch', 'Always'], EMPTY_IS_INVALID);
  }
  if (Array.isArray(spec.topologySpreadConstraints)) {
    spec.topologySpreadConstraints.forEach((t: unknown, i: number) => {
      const at = [...pod.specPath, 'topologySpreadConstraints', i];
      enumAt(ctx, t, at, 'whenUnsatisfiable', 'whenUnsatisfiable', ['DoNotSchedule', 'ScheduleAnyway']);
      enumAt(ctx, t, at, 'nodeAffinityPolicy', 'nodeAffinityPolicy', ['Honor', 'Ignore'], EMPTY_IS_INVALID);
      enumAt(ctx, t, at, 'nodeTaintsPolicy', 'nodeTaintsPolicy', ['Honor', 'Ignore'], EMPTY_IS_INVALID);
      if (isObject(t)) selectorEnums(ctx, t.labelSelector, [...at, 'labelSelector'], 'topology spread selector');
    });
  }
  const affinity = spec.affinity;
  if (!isObject(affinity)) return;
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity[kind];
    if (!isObject(a)) continue;
    const base = [...pod.specPath, 'affinity', kind];
    const required = a.requiredDuringSchedulingIgnoredDuringExecution;
    const termEnums = (term: unknown, at: FieldPath) => {
      if (!isObject(term)) return;
      selectorEnums(ctx, term.labelSelector, [...at, 'labelSelector'], 'affinity selector');
      selectorEnums(ctx, term.namespaceSelector, [...at, 'namespaceSelector'], 'affinity namespace selector');
    };
    if (Array.isArray(required)) required.forEach((t: unknown, i: number) => termEnums(t, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', i]));
    const preferred = a.preferredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(preferred)) {
      preferred.forEach((t: unknown, i: number) => { if (isObject(t)) termEnums(t.podAffinityTerm, [...base, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm']); });
    }
  }
  const node = affinity.nodeAffinity;
  if (!isObject(node)) return;
  const terms: Array<[unknown, FieldPath]> = [];
  const base = [...pod.specPath, 'affinity', 'nodeAffinity'];
  const required = isObject(node.requiredDuringSchedulingIgnoredDuringExecution) ? node.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : undefined;
  if (Array.isArray(required)) required.forEach((t: unknown, i: number) => terms.push([t, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i]]));
  const preferred = node.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred)) preferred.forEach((t: unknown, i: number) => { if (isObject(t)) terms.push([t.preference, [...base, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'preference']]); });
  for (const [term, path] of terms) {
    if (!isObject(term)) continue;
    // A field selector (matchFields) takes only In and NotIn (ValidateNodeFieldSelectorRequirement).
    if (Array.isArray(term.matchExpressions)) term.matchExpressions.forEach((e: unknown, i: number) => enumAt(ctx, e, [...path, 'matchExpressions', i], 'operator', 'node selector operator', NODE_SELECTOR_OPERATORS));
    if (Array.isArray(term.matchFields)) term.matchFields.forEach((e: unknown, i: number) => enumAt(ctx, e, [...path, 'matchFields', i], 'operator', 'node field selector operator', ['In', 'NotIn']));
  }
}

/** Enum fields of the objects around pods: workloads, Jobs, CronJobs, Services, Ingresses, claims. */
function checkObjectEnums(ctx: RuleContext): void {
  const m = ctx.manifest;
  const spec = isObject(m.spec) ? m.spec : undefined;
  if (!spec) return;
  const S: FieldPath = ['spec'];
  switch (m.kind) {
    case 'Deployment':
      enumAt(ctx, spec.strategy, [...S, 'strategy'], 'type', 'strategy type', ['RollingUpdate', 'Recreate']);
      break;
    case 'StatefulSet':
      enumAt(ctx, spec, S, 'podManagementPolicy', 'podManagementPolicy', ['OrderedReady', 'Parallel']);
      enumAt(ctx, spec.updateStrategy, [...S, 'updateStrategy'], 'type', 'updateStrategy type', ['RollingUpdate', 'OnDelete']);
      for (const f of ['whenDeleted', 'whenScaled']) enumAt(ctx, spec.persistentVolumeClaimRetentionPolicy, [...S, 'persistentVolumeClaimRetentionPolicy'], f, f, ['Retain', 'Delete']);
      if (Array.isArray(spec.volumeClaimTemplates)) {
        spec.volumeClaimTemplates.forEach((t: unknown, i: number) => { if (isObject(t)) claimEnums(ctx, t.spec, [...S, 'volumeClaimTemplates', i, 'spec']); });
      }
      break;
    case 'DaemonSet':
      enumAt(ctx, spec.updateStrategy, [...S, 'updateStrategy'], 'type', 'updateStrategy type', ['RollingUpdate', 'OnDelete']);
      break;
    case 'Job':
      jobEnums(ctx, spec, S);
      break;
    case 'CronJob':
      enumAt(ctx, spec, S, 'concurrencyPolicy', 'concurrencyPolicy', ['Allow', 'Forbid', 'Replace']);
      if (isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec)) jobEnums(ctx, spec.jobTemplate.spec, [...S, 'jobTemplate', 'spec']);
      break;
    case 'Service':
      enumAt(ctx, spec, S, 'type', 'Service type', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
      enumAt(ctx, spec, S, 'sessionAffinity', 'sessionAffinity', ['None', 'ClientIP']);
      enumAt(ctx, spec, S, 'externalTrafficPolicy', 'externalTrafficPolicy', ['Cluster', 'Local']);
      enumAt(ctx, spec, S, 'internalTrafficPolicy', 'internalTrafficPolicy', ['Cluster', 'Local'], EMPTY_IS_INVALID);
      enumAt(ctx, spec, S, 'ipFamilyPolicy', 'ipFamilyPolicy', ['SingleStack', 'PreferDualStack', 'RequireDualStack'], EMPTY_IS_INVALID);
      if (Array.isArray(spec.ipFamilies)) spec.ipFamilies.forEach((f: unknown, i: number) => checkEnum(ctx, f, [...S, 'ipFamilies', i], 'ipFamily', ['IPv4', 'IPv6']));
      if (Array.isArray(spec.ports)) spec.ports.forEach((p: unknown, i: number) => enumAt(ctx, p, [...S, 'ports', i], 'protocol', 'protocol', ['TCP', 'UDP', 'SCTP']));
      break;
    case 'Ingress':
      if (Array.isArray(spec.rules)) {
        spec.rules.forEach((r: unknown, i: number) => {
          const paths = isObject(r) && isObject(r.http) ? r.http.paths : undefined;
          if (Array.isArray(paths)) paths.forEach((p: unknown, j: number) => enumAt(ctx, p, [...S, 'rules', i, 'http', 'paths', j], 'pathType', 'pathType', ['Exact', 'Prefix', 'ImplementationSpecific']));
        });
      }
      break;
    case 'PersistentVolumeClaim':
      claimEnums(ctx, spec, S);
      selectorEnums(ctx, spec.selector, [...S, 'selector'], 'claim selector');
      break;
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(m.kind)) selectorEnums(ctx, spec.selector, [...S, 'selector'], 'selector');
}

function jobEnums(ctx: RuleContext, js: { [key: string]: any }, base: FieldPath): void {
  enumAt(ctx, js, base, 'completionMode', 'completionMode', ['NonIndexed', 'Indexed'], EMPTY_IS_INVALID);
  // Before 1.29 the JobPodReplacementPolicy gate is off by default and the API server drops the field.
  if (kubernetesMinor(ctx.options) >= 29) {
    if (js.podReplacementPolicy === 'TerminatingOrFailed' && isObject(js.podFailurePolicy)) {
      ctx.report([...base, 'podReplacementPolicy'], 'podReplacementPolicy TerminatingOrFailed is not allowed with a podFailurePolicy, which needs the pods to be terminated before it judges them; set podReplacementPolicy: Failed, or remove it');
    } else {
      enumAt(ctx, js, base, 'podReplacementPolicy', 'podReplacementPolicy', ['TerminatingOrFailed', 'Failed'], EMPTY_IS_INVALID);
    }
  }
  const rules = isObject(js.podFailurePolicy) ? js.podFailurePolicy.rules : undefined;
  if (!Array.isArray(rules)) return;
  rules.forEach((r: unknown, i: number) => {
    if (!isObject(r)) return;
    const at = [...base, 'podFailurePolicy', 'rules', i];
    enumAt(ctx, r, at, 'action', 'podFailurePolicy action', ['FailJob', 'Ignore', 'Count', 'FailIndex']);
    enumAt(ctx, r.onExitCodes, [...at, 'onExitCodes'], 'operator', 'onExitCodes operator', ['In', 'NotIn']);
    if (Array.isArray(r.onPodConditions)) r.onPodConditions.forEach((c: unknown, j: number) => enumAt(ctx, c, [...at, 'onPodConditions', j], 'status', 'onPodConditions status', ['True', 'False', 'Unknown']));
  });
}

function claimEnums(ctx: RuleContext, spec: unknown, base: FieldPath): void {
  if (!isObject(spec)) return;
  if (Array.isArray(spec.accessModes)) spec.accessModes.forEach((mode: unknown, i: number) => checkEnum(ctx, mode, [...base, 'accessModes', i], 'access mode', ACCESS_MODES));
  enumAt(ctx, spec, base, 'volumeMode', 'volumeMode', ['Filesystem', 'Block'], EMPTY_IS_INVALID);
}

// ---- Scheduling ----------------------------------------------------------------------------------

export const scheduling = defineRule({
  id: 'scheduling',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'topology spread constraints have maxSkew at least 1, minDomains only with DoNotSchedule, and one constraint per topologyKey and whenUnsatisfiable; preferred affinity terms weigh 1-100 and pod affinity terms name a topologyKey',
  check(ctx) {
    const pod = ctx.pod;
    const spec = pod.spec;
    if (Array.isArray(spec.topologySpreadConstraints)) {
      const seen = new Map<string, number>();
      spec.topologySpreadConstraints.forEach((t: unknown, i: number) => {
        if (!isObject(t)) return;
        const at = [...pod.specPath, 'topologySpreadConstraints', i];
        if (Number.isInteger(t.maxSkew) && t.maxSkew < 1) {
          ctx.report([...at, 'maxSkew'], `topology spread maxSkew ${t.maxSkew} must be at least 1 (1 spreads pods evenly); use 1 or more`);
        }
        if (t.minDomains !== undefined && t.minDomains !== null) {
          if (typeof t.minDomains === 'number' && t.minDomains < 1) ctx.report([...at, 'minDomains'], `minDomains ${t.minDomains} must be at least 1; remove it or use 1 or more`);
          else if (t.whenUnsatisfiable !== 'DoNotSchedule') ctx.report([...at, 'minDomains'], `minDomains is only allowed with whenUnsatisfiable: DoNotSchedule, got ${show(t.whenUnsatisfiable)}; remove minDomains or use DoNotSchedule`);
        }
        if (typeof t.topologyKey === 'string' && typeof t.whenUnsatisfiable === 'string') {
          const key = `${t.topologyKey}/${t.whenUnsatisfiable}`;
          const first = seen.get(key);
          if (first !== undefined) ctx.report(at, `topology spread constraints ${first} and ${i} both use topologyKey ${show(t.topologyKey)} with ${t.whenUnsatisfiable}; merge them into one`);
          else seen.set(key, i);
        }
      });
    }
    const affinity = spec.affinity;
    if (!isObject(affinity)) return;
    const weights = (list: unknown, base: FieldPath) => {
      if (!Array.isArray(list)) return;
      list.forEach((t: unknown, i: number) => {
        if (isObject(t) && Number.isInteger(t.weight) && (t.weight < 1 || t.weight > 100)) {
          ctx.report([...base, i, 'weight'], `preferred affinity weight ${t.weight} is outside 1-100; use a weight from 1 to 100`);
        }
      });
    };
    const topologyKey = (term: unknown, at: FieldPath) => {
      if (!isObject(term)) return;
      if (term.topologyKey === undefined || term.topologyKey === null || term.topologyKey === '') {
        ctx.report([...at, 'topologyKey'], "a pod affinity term needs a topologyKey, the node label that defines 'together'; set one such as 'kubernetes.io/hostname'");
      } else if (typeof term.topologyKey === 'string') {
        const problem = qualifiedNameProblem(term.topologyKey);
        if (problem) ctx.report([...at, 'topologyKey'], `topologyKey ${show(term.topologyKey)} ${problem}; use a node label key such as 'kubernetes.io/hostname'`);
      }
    };
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const a = affinity[kind];
      if (!isObject(a)) continue;
      const base = [...pod.specPath, 'affinity', kind];
      const preferred = a.preferredDuringSchedulingIgnoredDuringExecution;
      weights(preferred, [...base, 'preferredDuringSchedulingIgnoredDuringExecution']);
      if (Array.isArray(preferred)) preferred.forEach((t: unknown, i: number) => { if (isObject(t)) topologyKey(t.podAffinityTerm, [...base, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm']); });
      const required = a.requiredDuringSchedulingIgnoredDuringExecution;
      if (Array.isArray(required)) required.forEach((t: unknown, i: number) => topologyKey(t, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', i]));
    }
    if (isObject(affinity.nodeAffinity)) weights(affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution, [...pod.specPath, 'affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution']);
  },
});
