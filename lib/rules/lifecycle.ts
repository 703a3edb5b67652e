import { containersOf, defineRule, describe, FieldPath, isObject, kubernetesMinor, RuleContext, show } from './engine';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

export const containerRestartPolicy = defineRule({
  id: 'container-restart-policy',
  family: 'lifecycle',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'a container-level restartPolicy is set only on init containers, and only to Always (native sidecars), and only from Kubernetes 1.29, where native sidecars are on by default (1.28 drops the field and the pod hangs in Init)',
  check(ctx) {
    const minor = kubernetesMinor(ctx.options);
    for (const ref of containersOf(ctx.pod!)) {
      const policy = ref.container.restartPolicy;
      if (policy === undefined) continue;
      const path = [...ref.path, 'restartPolicy'];
      if (ref.list !== 'initContainers') {
        ctx.report(path, `${describe(ref)} sets restartPolicy ${show(policy)}; only init containers take a restartPolicy (Always, for native sidecars), so remove it or set the pod's spec.restartPolicy`);
      } else if (policy !== 'Always') {
        ctx.report(path, `init container restartPolicy ${show(policy)} of ${describe(ref)} is not 'Always', the only allowed value; use Always for a native sidecar, or remove it`);
      } else if (minor < 29) {
        // The SidecarContainers gate is off by default in 1.28: the API server drops the field,
        // and the "sidecar" becomes an init container that never completes.
        ctx.report(path, `${describe(ref)} is a native sidecar (restartPolicy: Always), which Kubernetes 1.${minor} drops unless the SidecarContainers feature gate is on: the pod would hang in Init; check against 1.29 or newer (--kubernetes-version, or kubernetesVersion in code) if your clusters run it, or make it a regular container (SidecarMode.CLASSIC)`);
      }
    }
  },
});

export const initContainerProbes = defineRule({
  id: 'init-container-probes',
  family: 'lifecycle',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'probes and lifecycle hooks are set on init containers only when they are native sidecars (restartPolicy: Always)',
  check(ctx) {
    // Before 1.29 the API server drops an init container's restartPolicy (the gate is off), so a
    // native sidecar's probes are then those of a plain init container: rejected.
    const native = kubernetesMinor(ctx.options) >= 29;
    for (const ref of containersOf(ctx.pod!)) {
      if (ref.list !== 'initContainers' || (native && ref.container.restartPolicy === 'Always')) continue;
      for (const field of [...PROBES, 'lifecycle']) {
        if (ref.container[field] !== undefined) {
          ctx.report([...ref.path, field], ref.container.restartPolicy === 'Always'
            ? `${describe(ref)} has ${field}, which Kubernetes 1.${kubernetesMinor(ctx.options)} rejects: it drops restartPolicy: Always (native sidecars need 1.29+) and init containers may not have ${field}; check against 1.29 or newer, or make it a regular container`
            : `${describe(ref)} runs to completion and may not have ${field}; remove it, or make the container a native sidecar with restartPolicy: Always`);
        }
      }
    }
  },
});

export const probeHandler = defineRule({
  id: 'probe-handler',
  family: 'lifecycle',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'a probe has exactly one handler, no negative timings, and successThreshold 1 for liveness and startup probes; probe and hook handlers are complete: an exec command, HTTP header names of letters, digits and -',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      const lc = ref.container.lifecycle;
      if (isObject(lc)) {
        for (const hook of ['postStart', 'preStop']) checkHandlerParts(ctx, lc[hook], [...ref.path, 'lifecycle', hook], `lifecycle.${hook} of ${describe(ref)}`);
      }
      for (const field of PROBES) {
        const probe = ref.container[field];
        if (!isObject(probe)) continue;
        const path: FieldPath = [...ref.path, field];
        const handlers = HANDLERS.filter(h => probe[h] !== undefined);
        if (handlers.length !== 1) {
          ctx.report(path, `${field} of ${describe(ref)} has ${handlers.length === 0 ? 'no handler' : `${handlers.length} handlers (${handlers.join(', ')})`}; give exactly one of ${HANDLERS.join(', ')}`);
        }
        checkHandlerParts(ctx, probe, path, `${field} of ${describe(ref)}`);
        // 0 means the default for these (Kubernetes fills it in); only negative values are rejected.
        for (const t of ['periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
          if (typeof probe[t] === 'number' && probe[t] < 0) {
            ctx.report([...path, t], `${field}.${t} ${probe[t]} of ${describe(ref)} is negative; use a positive number, or remove it for the default`);
          }
        }
        if (field !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold > 1) {
          ctx.report([...path, 'successThreshold'], `${field}.successThreshold ${show(probe.successThreshold)} of ${describe(ref)} is not 1, and only readiness probes take another value; set it to 1 or remove it`);
        }
        if (typeof probe.initialDelaySeconds === 'number' && probe.initialDelaySeconds < 0) {
          ctx.report([...path, 'initialDelaySeconds'], `${field}.initialDelaySeconds ${probe.initialDelaySeconds} of ${describe(ref)} is negative; use 0 or more`);
        }
      }
    }
  },
});

/** What the API server requires inside an exec or httpGet handler: a command, and header names that are HTTP tokens. */
function checkHandlerParts(ctx: RuleContext, handler: unknown, path: FieldPath, what: string): void {
  if (!isObject(handler)) return;
  const exec = handler.exec;
  if (isObject(exec) && Array.isArray(exec.command) && exec.command.length === 0) {
    ctx.report([...path, 'exec', 'command'], `${what} runs an exec with an empty command; give the command to run, such as ['cat', '/tmp/healthy']`);
  }
  const headers = isObject(handler.httpGet) ? handler.httpGet.httpHeaders : undefined;
  if (!Array.isArray(headers)) return;
  headers.forEach((h: unknown, i: number) => {
    if (!isObject(h) || typeof h.name !== 'string' || /^[-A-Za-z0-9]+$/.test(h.name)) return;
    ctx.report([...path, 'httpGet', 'httpHeaders', i, 'name'], `HTTP header name ${show(h.name)} of ${what} is not valid: use letters, digits and '-', such as 'X-Probe'`);
  });
}

export const probePort = defineRule({
  id: 'probe-port',
  family: 'lifecycle',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'a probe or hook port given by name is a port the container declares; by number it is 1-65535',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      const names = new Set<string>();
      if (Array.isArray(ref.container.ports)) {
        for (const p of ref.container.ports) if (isObject(p) && typeof p.name === 'string') names.add(p.name);
      }
      const check = (handler: any, path: FieldPath, what: string) => {
        if (!isObject(handler)) return;
        for (const kind of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = isObject(handler[kind]) ? handler[kind].port : undefined;
          if (port === undefined) continue;
          const p = [...path, kind, 'port'];
          if (typeof port === 'string' && /^[0-9]+$/.test(port)) {
            ctx.report(p, `${what} of ${describe(ref)} has the port ${show(port)} in quotes, which Kubernetes reads as a port name, and names need a letter; write ${port} without quotes`);
          } else if (typeof port === 'string' && !names.has(port)) {
            ctx.report(p, `${what} of ${describe(ref)} uses port '${port}', which the container does not declare; name one of its ports '${port}' or use a number`);
          } else if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
            ctx.report(p, `${what} port ${show(port)} of ${describe(ref)} is outside 1-65535; use the port the container listens on`);
          }
        }
      };
      for (const field of PROBES) check(ref.container[field], [...ref.path, field], field);
      const lc = ref.container.lifecycle;
      if (isObject(lc)) {
        for (const hook of ['postStart', 'preStop']) check(lc[hook], [...ref.path, 'lifecycle', hook], `lifecycle.${hook}`);
      }
    }
  },
});

export const gracePeriod = defineRule({
  id: 'grace-period',
  family: 'lifecycle',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'terminationGracePeriodSeconds and activeDeadlineSeconds are not negative',
  check(ctx) {
    const pod = ctx.pod!;
    const grace = pod.spec.terminationGracePeriodSeconds;
    if (typeof grace === 'number' && grace < 0) {
      ctx.report([...pod.specPath, 'terminationGracePeriodSeconds'], `terminationGracePeriodSeconds ${grace} is negative, and Kubernetes treats it as 1 second; use 0 for an immediate kill or a positive number of seconds`);
    }
    for (const ref of containersOf(pod)) {
      for (const field of PROBES) {
        const g = ref.container[field]?.terminationGracePeriodSeconds;
        if (typeof g === 'number' && g < 1) {
          ctx.report([...ref.path, field, 'terminationGracePeriodSeconds'], `${field}.terminationGracePeriodSeconds ${g} of ${describe(ref)} is less than 1; use 1 or more, or remove it for the pod's terminationGracePeriodSeconds`);
        }
      }
    }
    const deadline = pod.spec.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline < 1) {
      ctx.report([...pod.specPath, 'activeDeadlineSeconds'], `activeDeadlineSeconds ${deadline} must be at least 1; remove it for no deadline`);
    }
  },
});
