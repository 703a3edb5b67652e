import { checkEnum, containersOf, ContainerRef, defineRule, describe, FieldPath, isObject, show } from './engine';
import { labelValueProblem, qualifiedNameProblem, toLabelValue } from './formats';

export const image = defineRule({
  id: 'image',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every container has an image, without leading or trailing spaces',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      const value = ref.container.image;
      if (value === undefined || value === null || value === '') {
        ctx.report([...ref.path, 'image'], `${describe(ref)} has no image; set image to a reference such as 'nginx:1.25'`);
      } else if (typeof value === 'string' && value.trim() !== value) {
        ctx.report([...ref.path, 'image'], `image ${show(value)} of ${describe(ref)} has leading or trailing spaces; use '${value.trim()}'`);
      }
    }
  },
});

const ENUMS: Array<{ field: string; values: string[]; where: 'container' | 'pod' | 'port' }> = [
  { field: 'imagePullPolicy', values: ['Always', 'IfNotPresent', 'Never'], where: 'container' },
  { field: 'restartPolicy', values: ['Always', 'OnFailure', 'Never'], where: 'pod' },
  { field: 'dnsPolicy', values: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], where: 'pod' },
  { field: 'protocol', values: ['TCP', 'UDP', 'SCTP'], where: 'port' },
];

export const enumValues = defineRule({
  id: 'enum-value',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'imagePullPolicy, restartPolicy, dnsPolicy and port protocol use the exact Kubernetes spelling, and dnsPolicy None comes with a dnsConfig that names a nameserver',
  check(ctx) {
    const pod = ctx.pod!;
    for (const e of ENUMS.filter(x => x.where === 'pod')) {
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
      checkEnum(ctx, ref.container.imagePullPolicy, [...ref.path, 'imagePullPolicy'], 'imagePullPolicy', ENUMS[0].values);
      forEachPort(ref, (p, path) => checkEnum(ctx, p.protocol, [...path, 'protocol'], 'protocol', ENUMS[3].values));
    }
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
    const pod = ctx.pod!;
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

function isPortNumber(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

export const portRange = defineRule({
  id: 'port-range',
  family: 'containers',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'containerPort and hostPort are whole numbers from 1 to 65535',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      forEachPort(ref, (p, path) => {
        if (p.containerPort === undefined || p.containerPort === null) {
          ctx.report([...path, 'containerPort'], `a port of ${describe(ref)} has no containerPort; set the number the process listens on`);
        } else if (typeof p.containerPort === 'number' && !isPortNumber(p.containerPort)) {
          ctx.report([...path, 'containerPort'], `containerPort ${p.containerPort} of ${describe(ref)} is outside 1-65535; use the port the process listens on`);
        }
        if (p.hostPort !== undefined && p.hostPort !== 0 && typeof p.hostPort === 'number' && !isPortNumber(p.hostPort)) {
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
    const owners = new Map<string, { ref: ContainerRef }>();
    for (const ref of containersOf(ctx.pod!)) {
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
        const first = owners.get(key);
        if (first && first.ref !== ref) {
          ctx.report([...path, 'containerPort'], `containers '${first.ref.container.name}' and '${ref.container.name}' both listen on port ${key}; containers in a pod share one network namespace, so give one of them another port`);
        } else {
          owners.set(key, { ref });
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
    for (const ref of containersOf(ctx.pod!)) {
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
    if (ctx.pod!.spec.hostNetwork !== true) return;
    for (const ref of containersOf(ctx.pod!)) {
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
    const spec = ctx.pod!.spec;
    if (spec.hostNetwork === true && (spec.dnsPolicy === undefined || spec.dnsPolicy === 'ClusterFirst')) {
      ctx.report([...ctx.pod!.specPath, 'dnsPolicy'], `hostNetwork pod has dnsPolicy ${spec.dnsPolicy === undefined ? 'unset (ClusterFirst)' : "'ClusterFirst'"}, which falls back to the node's resolver and cannot resolve Services; set dnsPolicy: ClusterFirstWithHostNet`);
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
    const pod = ctx.pod!;
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
      if (t.effect !== undefined && t.effect !== '') checkEnum(ctx, t.effect, [...path, 'effect'], 'toleration effect', TAINT_EFFECTS);
    });
  },
});
