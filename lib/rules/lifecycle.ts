import { containersOf, defineRule, describe, FieldPath, isObject, kubernetesMinor, RuleContext, show } from './engine';
import { isPortNumber } from './formats';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** The actions of a lifecycle hook (sleep from Kubernetes 1.29; the shape rules report it before). */
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

export const containerRestartPolicy = defineRule({
  id: 'container-restart-policy',
  family: 'lifecycle',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'a container-level restartPolicy is set only on init containers, and only to Always (native sidecars), and only from Kubernetes 1.29, where native sidecars are on by default (1.28 drops the field and the pod hangs in Init)',
  check(ctx) {
    const minor = kubernetesMinor(ctx.options);
    for (const ref of containersOf(ctx.pod)) {
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
    for (const ref of containersOf(ctx.pod)) {
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
  description: 'a probe and a lifecycle hook have exactly one handler, no negative timings, successThreshold 1 for liveness and startup probes and no terminationGracePeriodSeconds on a readiness probe; probe and hook handlers are complete: an exec command, HTTP header names of letters, digits and -',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const lc = ref.container.lifecycle;
      if (isObject(lc)) {
        for (const hook of ['postStart', 'preStop']) {
          const handler = lc[hook];
          if (!isObject(handler)) continue;
          const path: FieldPath = [...ref.path, 'lifecycle', hook];
          // The API server validates a hook as a probe's handler: exactly one action.
          checkOneHandler(ctx, handler, HOOK_HANDLERS, path, `lifecycle.${hook} of ${describe(ref)}`);
          checkHandlerParts(ctx, handler, path, `lifecycle.${hook} of ${describe(ref)}`);
        }
      }
      for (const field of PROBES) {
        const probe = ref.container[field];
        if (!isObject(probe)) continue;
        const path: FieldPath = [...ref.path, field];
        checkOneHandler(ctx, probe, HANDLERS, path, `${field} of ${describe(ref)}`);
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
        if (field === 'readinessProbe' && probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
          ctx.report([...path, 'terminationGracePeriodSeconds'], `readinessProbe.terminationGracePeriodSeconds of ${describe(ref)} is set, but a failed readiness probe never kills the container; remove it (it belongs on the liveness or startup probe)`);
        }
      }
    }
  },
});

/** A probe or hook (`what`) at `path` names exactly one of the handler kinds `kinds`, as validateHandler requires. */
function checkOneHandler(ctx: RuleContext, handler: { [key: string]: unknown }, kinds: readonly string[], path: FieldPath, what: string): void {
  const given = kinds.filter(h => handler[h] !== undefined && handler[h] !== null);
  if (given.length !== 1) {
    ctx.report(path, `${what} has ${given.length === 0 ? 'no handler' : `${given.length} handlers (${given.join(', ')})`}; give exactly one of ${kinds.join(', ')}`);
  }
}

/** What the API server requires inside an exec or httpGet handler: a command, and header names that are HTTP tokens. */
function checkHandlerParts(ctx: RuleContext, handler: unknown, path: FieldPath, what: string): void {
  if (!isObject(handler)) return;
  const exec = handler.exec;
  if (isObject(exec) && (exec.command === undefined || exec.command === null || (Array.isArray(exec.command) && exec.command.length === 0))) {
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
    for (const ref of containersOf(ctx.pod)) {
      const names = new Set<string>();
      if (Array.isArray(ref.container.ports)) {
        for (const p of ref.container.ports) if (isObject(p) && typeof p.name === 'string') names.add(p.name);
      }
      const check = (handler: any, path: FieldPath, what: string) => {
        if (!isObject(handler)) return;
        for (const kind of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = isObject(handler[kind]) ? handler[kind].port : undefined;
          const p = [...path, kind, 'port'];
          if (typeof port === 'string' && /^[0-9]+$/.test(port)) {
            ctx.report(p, `${what} of ${describe(ref)} has the port ${show(port)} in quotes, which Kubernetes reads as a port name, and names need a letter; write ${port} without quotes`);
          } else if (typeof port === 'string' && !names.has(port)) {
            ctx.report(p, `${what} of ${describe(ref)} uses port '${port}', which the container does not declare; name one of its ports '${port}' or use a number`);
          } else if (typeof port === 'number' && !isPortNumber(port)) {
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
  description: 'terminationGracePeriodSeconds and activeDeadlineSeconds are not negative, and activeDeadlineSeconds is at most 2147483647',
  check(ctx) {
    const pod = ctx.pod;
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
    } else if (typeof deadline === 'number' && deadline > 2147483647) {
      ctx.report([...pod.specPath, 'activeDeadlineSeconds'], `activeDeadlineSeconds ${deadline} is more than 2147483647 (about 68 years), the most Kubernetes takes; use a smaller number, or remove it for no deadline`);
    }
  },
});

// ---- Workload specs ------------------------------------------------------------------------------

/** Kinds whose pods run until deleted: their pod template may not set activeDeadlineSeconds. */
const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
/** The most parallelism an Indexed Job may have. */
const MAX_INDEXED_PARALLELISM = 100000;

/** `25%` or a whole number: the value of a maxSurge or maxUnavailable, or a problem with the fix. */
function intOrPercent(value: unknown): { value?: number; percent?: boolean; problem?: string } {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return {}; // field-type
    return value < 0 ? { problem: 'is negative; use 0 or more, or a percentage such as 25%' } : { value, percent: false };
  }
  if (typeof value !== 'string') return {};
  const m = /^([0-9]+)%$/.exec(value);
  if (!m) return { problem: `is not a whole number or a percentage; use a number such as 1 or a percentage such as '25%'${/^[0-9]+$/.test(value) ? ` (write ${value} without quotes, or '${value}%')` : ''}` };
  return { value: Number(m[1]), percent: true };
}

/** The fields of a cron schedule, as robfig/cron (the CronJob controller's parser) reads them. */
const CRON_FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
/** A Go duration, as time.ParseDuration reads it: '1h30m', '.5h', '5.m', '-5s', or a bare 0. */
const GO_DURATION = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;
const CRON_DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Why a time zone name is not one Kubernetes loads, or undefined. */
function timeZoneProblem(zone: string): string | undefined {
  if (zone.toLowerCase() === 'local') return "is 'Local', the controller's own zone; name an explicit zone such as 'Etc/UTC' or 'Europe/Berlin'";
  const parts = zone.split('/');
  if (parts.some(p => p === '.' || p === '..' || p.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(p))) return "is not an IANA time zone name; use one such as 'Etc/UTC' or 'Europe/Berlin'";
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return "is not a time zone Kubernetes knows; use an IANA name such as 'Etc/UTC' or 'Europe/Berlin'";
  }
  // Zone names are case-sensitive for the API server (they are file names); every IANA name part starts upper-case.
  if (parts.some(p => /^[a-z]/.test(p))) return "has the wrong case (zone names are case-sensitive); write it as the IANA database does, such as 'Europe/Berlin'";
  return undefined;
}

/**
 * Why a CronJob schedule does not parse, or undefined: as robfig/cron's standard parser, which the API server uses.
 * It does not trim before looking for a TZ= prefix or a descriptor (' @daily' and '@daily ' fail), and it ignores
 * what follows a leading '*' or '?' in a field.
 */
export function cronProblem(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.trim() === '') return 'is empty';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) return 'has a time zone prefix but no schedule';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const problem = zone === 'Local' ? undefined : timeZoneProblem(zone); // Local: the controller's own zone
    if (problem) return `names the time zone '${zone}', which ${problem}`;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (CRON_DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ') && GO_DURATION.test(spec.slice(7))) return undefined;
    return `has the unknown descriptor '${spec}'; use one of ${CRON_DESCRIPTORS.join(', ')} or '@every 1h30m'`;
  }
  const fields = spec.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} fields, not 5 (minute, hour, day of month, month, day of week)`;
  for (let f = 0; f < 5; f++) {
    const { name, min, max, names } = CRON_FIELDS[f];
    for (const part of fields[f].split(',')) {
      const slash = part.split('/');
      if (slash.length > 2) return `has too many '/' in the ${name} field '${fields[f]}'`;
      const range = slash[0].split('-');
      const parse = (text: string): number | string => {
        const i = names ? names.indexOf(text.toLowerCase()) : -1;
        if (i >= 0) return i + min;
        if (!/^[0-9]+$/.test(text)) return `has '${text}' in the ${name} field, which is not a number${names ? ' or a name' : ''}`;
        return Number(text);
      };
      let start: number | string = min;
      let end: number | string = max;
      if (range[0] !== '*' && range[0] !== '?') {
        if (range.length > 2) return `has too many '-' in the ${name} field '${fields[f]}'`;
        start = parse(range[0]);
        end = range.length === 2 ? parse(range[1]) : start;
      }
      if (typeof start === 'string') return start;
      if (typeof end === 'string') return end;
      if (slash.length === 2) {
        if (!/^[0-9]+$/.test(slash[1])) return `has the step '${slash[1]}' in the ${name} field, which is not a number`;
        if (Number(slash[1]) === 0) return `has the step 0 in the ${name} field; a step is a positive number`;
        if (range.length === 1) end = max; // N/step means N-max/step (for * the end is max already)
      }
      if (start < min) return `has ${start} in the ${name} field, below its minimum ${min}`;
      if (end > max) return `has ${end} in the ${name} field, above its maximum ${max}`;
      if (start > end) return `has the range ${start}-${end} in the ${name} field, which runs backwards`;
    }
  }
  return undefined;
}

export const workloadSpec = defineRule({
  id: 'workload-spec',
  family: 'lifecycle',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'workload counts, limits and deadlines are not negative; rolling updates have valid maxSurge and maxUnavailable (not both 0) and no rollingUpdate with Recreate or OnDelete; Jobs: Indexed ones have completions, a podFailurePolicy goes with restartPolicy Never and its rules are complete; CronJobs have a valid schedule and time zone; Deployments, StatefulSets, DaemonSets and ReplicaSets set no activeDeadlineSeconds',
  check(ctx) {
    const m = ctx.manifest;
    const kind: string = m.kind;
    if ((m.spec === undefined || m.spec === null) && [...LONG_RUNNING, 'Job', 'CronJob'].includes(kind) && typeof m.apiVersion === 'string' && /^(apps|batch)\/v1$/.test(m.apiVersion)) {
      ctx.report(['spec'], `the ${kind} has no spec, which Kubernetes requires; add spec with ${kind === 'CronJob' ? 'a schedule and a jobTemplate' : kind === 'Job' ? 'a pod template' : 'a selector and a pod template'}`);
      return;
    }
    const spec = isObject(m.spec) ? m.spec : undefined;
    if (!spec) return;
    const nonNegative = (holder: unknown, base: FieldPath, fields: string[], what: string = kind) => reportNegative(ctx, holder, base, fields, what);
    const rolling = (ru: unknown, base: FieldPath, defaults: { maxSurge: number | string; maxUnavailable: number | string }, rules: { surgeMax100: boolean; exactlyOne: boolean }) => {
      if (!isObject(ru)) return;
      const parsed: { [f: string]: number } = {};
      for (const f of ['maxSurge', 'maxUnavailable'] as const) {
        const raw = ru[f] === undefined || ru[f] === null ? defaults[f] : ru[f];
        const r = intOrPercent(raw);
        if (r.problem) {
          ctx.report([...base, f], `${f} ${show(raw)} of the ${kind} ${r.problem}`);
          return;
        }
        if (r.value === undefined) return;
        if (r.percent && r.value > 100 && (f === 'maxUnavailable' || rules.surgeMax100)) {
          ctx.report([...base, f], `${f} ${show(raw)} of the ${kind} is more than 100%; use at most '100%'`);
        }
        parsed[f] = r.value;
      }
      if (rules.exactlyOne && parsed.maxSurge !== 0 && parsed.maxUnavailable !== 0) {
        ctx.report([...base, 'maxSurge'], `maxSurge ${show(ru.maxSurge)} and maxUnavailable ${show(ru.maxUnavailable ?? defaults.maxUnavailable)} of the ${kind} are both set; a DaemonSet rolls out either by surging or by taking pods down, so set maxUnavailable: 0 to surge, or remove maxSurge`);
      } else if (parsed.maxSurge === 0 && parsed.maxUnavailable === 0) {
        ctx.report([...base, 'maxUnavailable'], `maxUnavailable and maxSurge of the ${kind} are both 0, so a rollout could never replace a pod; allow one of them, such as maxSurge: 1`);
      }
    };

    if (kind === 'Deployment') {
      nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']);
      const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
      const deadline = typeof spec.progressDeadlineSeconds === 'number' ? spec.progressDeadlineSeconds : 600;
      if (minReady >= 0 && deadline >= 0 && deadline <= minReady) {
        ctx.report(['spec', spec.progressDeadlineSeconds === undefined ? 'minReadySeconds' : 'progressDeadlineSeconds'], `progressDeadlineSeconds ${deadline}${spec.progressDeadlineSeconds === undefined ? ' (the default)' : ''} of the Deployment is not more than minReadySeconds ${minReady}, so every rollout would fail; make progressDeadlineSeconds larger than minReadySeconds`);
      }
      const strategy = spec.strategy;
      if (isObject(strategy)) {
        if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
          ctx.report(['spec', 'strategy', 'rollingUpdate'], 'a Recreate strategy takes no rollingUpdate; remove rollingUpdate, or use type: RollingUpdate');
        } else if (strategy.type === undefined || strategy.type === 'RollingUpdate') {
          rolling(strategy.rollingUpdate, ['spec', 'strategy', 'rollingUpdate'], { maxSurge: '25%', maxUnavailable: '25%' }, { surgeMax100: false, exactlyOne: false });
        }
      }
    }
    if (kind === 'ReplicaSet') nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds']);
    if (kind === 'StatefulSet') {
      nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds']);
      nonNegative(spec.ordinals, ['spec', 'ordinals'], ['start'], 'StatefulSet ordinals');
      const us = spec.updateStrategy;
      if (isObject(us)) {
        if (us.type === 'OnDelete' && us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
          ctx.report(['spec', 'updateStrategy', 'rollingUpdate'], 'an OnDelete updateStrategy takes no rollingUpdate; remove rollingUpdate, or use type: RollingUpdate');
        }
        nonNegative(us.rollingUpdate, ['spec', 'updateStrategy', 'rollingUpdate'], ['partition'], 'StatefulSet rolling update');
      }
    }
    if (kind === 'DaemonSet') {
      nonNegative(spec, ['spec'], ['minReadySeconds', 'revisionHistoryLimit']);
      const us = spec.updateStrategy;
      if (isObject(us) && (us.type === undefined || us.type === 'RollingUpdate')) {
        rolling(us.rollingUpdate, ['spec', 'updateStrategy', 'rollingUpdate'], { maxSurge: 0, maxUnavailable: 1 }, { surgeMax100: true, exactlyOne: true });
      }
    }
    const template = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : undefined;
    if (LONG_RUNNING.includes(kind) && template && template.activeDeadlineSeconds !== undefined && template.activeDeadlineSeconds !== null) {
      ctx.report(['spec', 'template', 'spec', 'activeDeadlineSeconds'], `activeDeadlineSeconds in the pod template of a ${kind} would kill pods that are meant to keep running; remove it (use a Job for work with a deadline)`);
    }
    if (kind === 'Job') checkJobSpec(ctx, spec, ['spec']);
    if (kind === 'CronJob') {
      nonNegative(spec, ['spec'], ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']);
      if (typeof spec.schedule === 'string') {
        const problem = cronProblem(spec.schedule);
        if (problem) ctx.report(['spec', 'schedule'], `schedule ${show(spec.schedule)} ${problem}; write five fields such as '30 2 * * *' (02:30 every day)`);
        else if (spec.schedule.includes('TZ')) {
          // From 1.29 a new CronJob may not name a time zone in its schedule (validateScheduleFormat, allowTZInSchedule).
          if (kubernetesMinor(ctx.options) >= 29) ctx.report(['spec', 'schedule'], `schedule ${show(spec.schedule)} names a time zone, which Kubernetes rejects from 1.29; remove the TZ= or CRON_TZ= prefix and set timeZone instead`);
          else if (typeof spec.timeZone === 'string') ctx.report(['spec', 'schedule'], `schedule ${show(spec.schedule)} names a time zone and timeZone is set too; remove the TZ= prefix and keep timeZone`);
        }
      }
      if (typeof spec.timeZone === 'string') {
        const problem = spec.timeZone === '' ? "is empty; remove it for the controller's zone, or name one such as 'Etc/UTC'" : timeZoneProblem(spec.timeZone);
        if (problem) ctx.report(['spec', 'timeZone'], `timeZone ${show(spec.timeZone)} ${problem}`);
      }
      if (isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec)) checkJobSpec(ctx, spec.jobTemplate.spec, ['spec', 'jobTemplate', 'spec']);
    }
  },
});

/** Reports each of `fields` of `holder` that is a negative whole number (counts, limits and deadlines of `what`). */
function reportNegative(ctx: RuleContext, holder: unknown, base: FieldPath, fields: string[], what: string): void {
  if (!isObject(holder)) return;
  for (const f of fields) {
    const v = holder[f];
    if (Number.isInteger(v) && v < 0) ctx.report([...base, f], `${f} ${v} of the ${what} is negative; use 0 or more`);
  }
}

/** The checks of workload-spec on a JobSpec (a Job's, or a CronJob's jobTemplate). */
function checkJobSpec(ctx: RuleContext, js: { [key: string]: any }, base: FieldPath): void {
  const what = base.length > 1 ? 'Job template' : 'Job';
  // Before 1.29 the JobBackoffLimitPerIndex gate is off by default and the API server drops the per-index fields.
  const counts = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'];
  if (kubernetesMinor(ctx.options) >= 29) counts.push('backoffLimitPerIndex', 'maxFailedIndexes');
  reportNegative(ctx, js, base, counts, what);
  if (js.completionMode === 'Indexed') {
    // With neither completions nor parallelism, defaulting sets both to 1 (SetDefaults_Job).
    if ((js.completions === undefined || js.completions === null) && js.parallelism !== undefined && js.parallelism !== null) {
      ctx.report([...base, 'completions'], `an Indexed ${what} needs completions, the number of indexes to run; set completions`);
    }
    if (typeof js.parallelism === 'number' && js.parallelism > MAX_INDEXED_PARALLELISM) {
      ctx.report([...base, 'parallelism'], `parallelism ${js.parallelism} of an Indexed ${what} is more than ${MAX_INDEXED_PARALLELISM}; use a smaller number`);
    }
  }
  const policy = js.podFailurePolicy;
  if (!isObject(policy)) return;
  const tpl = isObject(js.template) && isObject(js.template.spec) ? js.template.spec : undefined;
  if (tpl && tpl.restartPolicy !== undefined && tpl.restartPolicy !== 'Never' && tpl.restartPolicy !== 'Always') {
    ctx.report([...base, 'template', 'spec', 'restartPolicy'], `a ${what} with a podFailurePolicy needs restartPolicy Never, got ${show(tpl.restartPolicy)}; set restartPolicy: Never (the policy judges failed pods, which OnFailure would restart in place)`);
  }
  const names = new Set<string>();
  for (const list of ['containers', 'initContainers']) {
    if (tpl && Array.isArray(tpl[list])) for (const c of tpl[list]) if (isObject(c) && typeof c.name === 'string') names.add(c.name);
  }
  if (!Array.isArray(policy.rules)) return;
  policy.rules.forEach((r: unknown, i: number) => {
    if (!isObject(r)) return;
    const at = [...base, 'podFailurePolicy', 'rules', i];
    const onExit = r.onExitCodes !== undefined && r.onExitCodes !== null;
    const onConditions = Array.isArray(r.onPodConditions) && r.onPodConditions.length > 0;
    if (onExit && onConditions) ctx.report(at, `podFailurePolicy rule ${i} has onExitCodes and onPodConditions; give each its own rule`);
    else if (!onExit && !onConditions) ctx.report(at, `podFailurePolicy rule ${i} has neither onExitCodes nor onPodConditions; say which failures it matches`);
    const oe = r.onExitCodes;
    if (!isObject(oe)) return;
    if (typeof oe.containerName === 'string' && tpl && !names.has(oe.containerName)) {
      ctx.report([...at, 'onExitCodes', 'containerName'], `podFailurePolicy rule ${i} names container ${show(oe.containerName)}, which the pod template does not have; use one of ${[...names].map(n => `'${n}'`).join(', ') || 'its containers'}, or remove containerName`);
    }
    const values = oe.values;
    if (!Array.isArray(values)) return;
    if (values.length === 0) ctx.report([...at, 'onExitCodes', 'values'], `podFailurePolicy rule ${i} lists no exit codes; list at least one`);
    values.forEach((v: unknown, j: number) => {
      if (typeof v !== 'number') return;
      if (v === 0 && oe.operator === 'In') ctx.report([...at, 'onExitCodes', 'values', j], `podFailurePolicy rule ${i} matches exit code 0 with operator In, but 0 means success; remove 0`);
      if (values.indexOf(v) !== j) ctx.report([...at, 'onExitCodes', 'values', j], `podFailurePolicy rule ${i} lists exit code ${v} twice; list it once`);
      else if (j > 0 && typeof values[j - 1] === 'number' && values[j - 1] > v) ctx.report([...at, 'onExitCodes', 'values'], `podFailurePolicy rule ${i} lists exit codes ${show(values)} out of order; sort them (${show([...values].sort((a: number, b: number) => a - b))})`);
    });
  });
}

export const jobSidecar = defineRule({
  id: 'job-sidecar',
  family: 'lifecycle',
  severity: 'warning',
  basis: 'runtime',
  target: 'pod',
  description: 'a Job or CronJob pod template has a single regular container: a Job completes when all of them exit, so a classic sidecar that runs forever keeps it running (make helpers native sidecars: init containers with restartPolicy: Always, Kubernetes 1.29+)',
  check(ctx) {
    const pod = ctx.pod;
    if (pod.ownerKind !== 'Job' && pod.ownerKind !== 'CronJob') return;
    const regular = containersOf(pod).filter(r => r.list === 'containers');
    for (const ref of regular.slice(1)) {
      ctx.report(ref.path, `${describe(ref)} is a second regular container of a ${pod.ownerKind}'s pod, and a Job completes only when every regular container exits; if it is a helper that runs until stopped (a log shipper, a proxy), the Job never completes: make it a native sidecar (an init container with restartPolicy: Always, SidecarMode.NATIVE), or make sure it exits`);
    }
  },
});
