import { containersOf, defineRule, describe, didYouMean, FieldPath, isObject, kubernetesMinor, PodRuleContext, RuleContext, show } from './engine';
import { configKeyProblem, dnsSubdomainProblem, ENV_VAR_NAME, envNameProblem, parseQuantity, qualifiedNameProblem, toDnsName, toEnvName } from './formats';

const VALUE_FROM_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

export const envName = defineRule({
  id: 'env-name',
  family: 'env',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'environment variable names are valid and not empty: letters, digits, _, - and ., not starting with a digit; from Kubernetes 1.32, any printable ASCII but =',
  check(ctx) {
    // RelaxedEnvironmentVariableValidation is on by default from 1.32.
    const relaxed = kubernetesMinor(ctx.options) >= 32;
    for (const ref of containersOf(ctx.pod)) {
      forEachEnv(ref.container, (e, i) => {
        const path = [...ref.path, 'env', i, 'name'];
        if (e.name === undefined || e.name === null || e.name === '') {
          ctx.report(path, `an env entry of ${describe(ref)} has no name; give every variable a name such as 'PROFILE'`);
          return;
        }
        if (typeof e.name !== 'string') return; // field-type
        const problem = envNameProblem(e.name, relaxed);
        if (problem) ctx.report(path, `env name ${show(e.name)} of ${describe(ref)} ${problem}; use '${toEnvName(e.name, relaxed)}'`);
      });
    }
  },
});

export const envValueSource = defineRule({
  id: 'env-value-source',
  family: 'env',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'an env entry has value or valueFrom, not both, and valueFrom has exactly one source',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachEnv(ref.container, (e, i) => {
        const path = [...ref.path, 'env', i];
        if (e.value !== undefined && e.valueFrom !== undefined) {
          ctx.report(path, `env '${e.name}' of ${describe(ref)} has both value and valueFrom; keep one of them`);
        }
        if (isObject(e.valueFrom)) {
          const sources = VALUE_FROM_SOURCES.filter(s => e.valueFrom[s] !== undefined);
          if (sources.length !== 1) {
            ctx.report([...path, 'valueFrom'], `valueFrom of env '${e.name}' in ${describe(ref)} has ${sources.length === 0 ? 'no source' : `${sources.length} sources (${sources.join(', ')})`}; give exactly one of ${VALUE_FROM_SOURCES.join(', ')}`);
          }
        }
      });
    }
  },
});

export const envDuplicate = defineRule({
  id: 'env-duplicate',
  family: 'env',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'no environment variable is defined twice in a container (the later one silently hides the earlier)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const seen = new Map<string, number>();
      forEachEnv(ref.container, (e, i) => {
        if (typeof e.name !== 'string') return;
        const first = seen.get(e.name);
        if (first !== undefined) {
          ctx.report([...ref.path, 'env', i, 'name'], `env '${e.name}' of ${describe(ref)} is already defined at env[${first}] and hides it; remove one of the two`);
        } else {
          seen.set(e.name, i);
        }
      });
    }
  },
});

/**
 * The `$(NAME)` references in a string, the way the kubelet expands them: `$$` escapes a `$`, and
 * only a syntactically valid variable name in parentheses is a reference (`$(cat file)` is not).
 */
export function variableReferences(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i + 1] !== '(') continue;
    const close = text.indexOf(')', i + 2);
    if (close < 0) break;
    const name = text.slice(i + 2, close);
    if (ENV_VAR_NAME.test(name)) out.push(name);
    i = close;
  }
  return out;
}

export const envReference = defineRule({
  id: 'env-reference',
  family: 'env',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: '$(VAR) in an env value refers to a variable defined earlier in the same container, not to itself ($$(VAR) escapes)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const names = envNames(ref.container);
      const hasEnvFrom = Array.isArray(ref.container.envFrom) && ref.container.envFrom.length > 0;
      const defined = new Set<string>();
      forEachEnv(ref.container, (e, i) => {
        if (typeof e.value === 'string' && e.value.includes('$(')) {
          for (const name of variableReferences(e.value)) {
            if (defined.has(name)) continue;
            const later = names.indexOf(name);
            if (later === i) {
              ctx.report([...ref.path, 'env', i, 'value'], `env '${e.name}' of ${describe(ref)} uses $(${name}), its own name, before it is defined; Kubernetes expands only variables defined earlier in env (not the image's), so the value keeps the literal text: build it from another variable defined earlier, or write $$(${name}) for a literal`);
            } else if (later > i) {
              ctx.report([...ref.path, 'env', i, 'value'], `env '${e.name}' of ${describe(ref)} uses $(${name}), which is defined later at env[${later}]; Kubernetes leaves it unexpanded, so define '${name}' before '${e.name}'`);
            } else if (later < 0 && !hasEnvFrom && !implicitlyDefined(name, ctx)) {
              const near = didYouMean(name, [...defined]);
              ctx.report([...ref.path, 'env', i, 'value'], `env '${e.name}' of ${describe(ref)} uses $(${name}), which the container does not define; Kubernetes leaves it as the literal text, so ${near ? `did you mean $(${near})? Otherwise ` : ''}define '${name}' earlier in env, or write $$(${name}) for a literal`);
            }
          }
        }
        if (typeof e.name === 'string') defined.add(e.name);
      });
    }
  },
});

export const commandReference = defineRule({
  id: 'command-reference',
  family: 'env',
  severity: 'warning',
  basis: 'runtime',
  target: 'pod',
  description: '$(VAR) in command or args names a variable of the container (upper-case names only: $(date) is left to the shell)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      if (Array.isArray(ref.container.envFrom) && ref.container.envFrom.length > 0) continue;
      const names = new Set(envNames(ref.container));
      for (const field of ['command', 'args']) {
        const list = ref.container[field];
        if (!Array.isArray(list)) continue;
        list.forEach((arg, i) => {
          if (typeof arg !== 'string') return;
          for (const name of variableReferences(arg)) {
            if (/^[A-Z_][A-Z0-9_]*$/.test(name) && !names.has(name) && !implicitlyDefined(name, ctx)) {
              const near = didYouMean(name, [...names].filter((n): n is string => typeof n === 'string'));
              ctx.report([...ref.path, field, i], `${field}[${i}] of ${describe(ref)} uses $(${name}), which the container's env does not define; Kubernetes leaves it unexpanded, so ${near ? `did you mean $(${near})? Otherwise ` : ''}add '${name}' to env, or write $$(${name}) for a literal`);
            }
          }
        });
      }
    }
  },
});

// Variables the kubelet adds for every Service of the namespace (`<NAME>_SERVICE_HOST`,
// `<NAME>_PORT_80_TCP_ADDR`, ...), unless the pod sets enableServiceLinks: false.
const SERVICE_VARIABLE = /^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$/;

/** Variables Kubernetes may define that the container's env does not list. */
function implicitlyDefined(name: string, ctx: PodRuleContext): boolean {
  const pod = ctx.pod;
  if (pod.spec.enableServiceLinks !== false && SERVICE_VARIABLE.test(name)) return true;
  return name === 'JOB_COMPLETION_INDEX' && (pod.ownerKind === 'Job' || pod.ownerKind === 'CronJob');
}

/** Pod fields an env var can read with fieldRef (validEnvDownwardAPIFieldPathExpressions; status.hostIPs since 1.28). */
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
/** Pod fields a downwardAPI volume file can hold (validVolumeDownwardAPIFieldPathExpressions). */
export const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations'];
/** Container resources resourceFieldRef can read (hugepages-<size> too). */
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/**
 * What is wrong with a fieldRef.fieldPath, with the fix, or undefined. `metadata.labels['app']`
 * and `metadata.annotations['x']` name one entry; `spec.host` is the old spelling of spec.nodeName.
 * @internal
 */
export function fieldPathProblem(value: string, allowed: readonly string[]): string | undefined {
  const subscript = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(value);
  if (subscript) {
    const key = subscript[1] === 'metadata.annotations' ? subscript[2].toLowerCase() : subscript[2];
    const problem = qualifiedNameProblem(key);
    return problem ? `names the key '${subscript[2]}', which ${problem}; name a label or annotation key such as 'app'` : undefined;
  }
  if (allowed.includes(value) || (value === 'spec.host' && allowed.includes('spec.nodeName'))) return undefined;
  const hint = didYouMean(value, allowed);
  const other = allowed === ENV_FIELD_PATHS ? VOLUME_FIELD_PATHS : ENV_FIELD_PATHS;
  const where = other.includes(value) ? ` (${value} is only available ${allowed === ENV_FIELD_PATHS ? 'in a downwardAPI volume' : 'as an env var'})` : '';
  return `is not a pod field Kubernetes exposes here${where}; ${hint ? `did you mean '${hint}'? ` : ''}use one of ${allowed.join(', ')}, or metadata.labels['<key>']`;
}

/**
 * What is wrong with a resourceFieldRef (resource and divisor), as [field, message] pairs; `what`
 * names the reference in messages.
 * @internal
 */
export function resourceFieldProblems(ref: { [key: string]: any }, what: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const resource = ref.resource;
  if (typeof resource !== 'string' || resource === '') return out; // missing: required-field
  const divisor = ref.divisor;
  if (typeof divisor === 'string' && parseQuantity(divisor) === undefined) {
    // Not a quantity at all: the API server cannot even decode the object.
    const allowed = resource.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
    out.push(['divisor', `divisor ${show(divisor)} of ${resource} in ${what} is not a Kubernetes quantity; use one of ${allowed.join(', ')}, or remove it for 1`]);
  }
  if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) {
    const hint = didYouMean(resource, RESOURCE_FIELD_PATHS);
    out.push(['resource', `resource ${show(resource)} of ${what} is not a container resource Kubernetes exposes; ${hint ? `did you mean '${hint}'? ` : ''}use one of ${RESOURCE_FIELD_PATHS.join(', ')}`]);
    return out;
  }
  const q = typeof divisor === 'string' || typeof divisor === 'number' ? parseQuantity(divisor) : undefined;
  if (q && q.value !== 0) {
    const allowed = resource.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
    if (!allowed.some(a => parseQuantity(a)!.value === q.value)) {
      out.push(['divisor', `divisor ${show(divisor)} of ${resource} in ${what} is not supported; use one of ${allowed.join(', ')}`]);
    }
  }
  return out;
}

export const envValueRef = defineRule({
  id: 'env-value-ref',
  family: 'env',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'valueFrom and envFrom name what Kubernetes can read: supported pod fields and container resources, ConfigMap and Secret names and keys',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachEnv(ref.container, (e, i) => {
        const from = e.valueFrom;
        if (!isObject(from)) return;
        const base: FieldPath = [...ref.path, 'env', i, 'valueFrom'];
        const what = `env ${show(e.name)} of ${describe(ref)}`;
        if (isObject(from.fieldRef) && typeof from.fieldRef.fieldPath === 'string' && from.fieldRef.fieldPath !== '') {
          const apiVersion = from.fieldRef.apiVersion;
          if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== 'v1') {
            ctx.report([...base, 'fieldRef', 'apiVersion'], `fieldRef apiVersion ${show(apiVersion)} of ${what} is not supported; use v1 or remove it`);
          }
          const problem = fieldPathProblem(from.fieldRef.fieldPath, ENV_FIELD_PATHS);
          if (problem) ctx.report([...base, 'fieldRef', 'fieldPath'], `fieldRef ${show(from.fieldRef.fieldPath)} of ${what} ${problem}`);
        }
        if (isObject(from.resourceFieldRef)) {
          for (const [field, message] of resourceFieldProblems(from.resourceFieldRef, what)) ctx.report([...base, 'resourceFieldRef', field], message);
        }
        for (const [kind, noun] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
          const sel = from[kind];
          if (!isObject(sel)) continue;
          checkObjectName(ctx, sel.name, [...base, kind, 'name'], `${kind} of ${what}`, noun);
          if (typeof sel.key === 'string' && sel.key !== '') {
            const problem = configKeyProblem(sel.key);
            if (problem) ctx.report([...base, kind, 'key'], `${kind} key ${show(sel.key)} of ${what} ${problem}; use the key as the ${noun} data has it, such as 'password'`);
          }
        }
      });
      const envFrom = ref.container.envFrom;
      if (!Array.isArray(envFrom)) continue;
      envFrom.forEach((source: unknown, i: number) => {
        if (!isObject(source)) return;
        const base: FieldPath = [...ref.path, 'envFrom', i];
        const kinds = (['configMapRef', 'secretRef'] as const).filter(k => source[k] !== undefined && source[k] !== null);
        if (kinds.length !== 1) {
          ctx.report(base, `envFrom[${i}] of ${describe(ref)} has ${kinds.length === 0 ? 'no source' : 'both configMapRef and secretRef'}; give exactly one of configMapRef, secretRef`);
        }
        for (const kind of kinds) {
          if (isObject(source[kind])) checkObjectName(ctx, source[kind].name, [...base, kind, 'name'], `envFrom[${i}].${kind} of ${describe(ref)}`, kind === 'configMapRef' ? 'ConfigMap' : 'Secret');
        }
        if (typeof source.prefix === 'string' && source.prefix !== '') {
          const relaxed = kubernetesMinor(ctx.options) >= 32;
          const problem = envNameProblem(source.prefix, relaxed);
          if (problem) ctx.report([...base, 'prefix'], `envFrom prefix ${show(source.prefix)} of ${describe(ref)} ${problem}; use '${toEnvName(source.prefix, relaxed)}'`);
        }
      });
    }
  },
});

/** A ConfigMap or Secret name: a DNS-1123 subdomain. Missing names are required-field findings. */
function checkObjectName(ctx: RuleContext, name: unknown, path: FieldPath, what: string, noun: string): void {
  if (typeof name !== 'string' || name === '') return;
  const problem = dnsSubdomainProblem(name);
  if (problem) ctx.report(path, `${noun} name ${show(name)} in ${what} ${problem}; use '${toDnsName(name, 253)}'`);
}

function forEachEnv(container: any, fn: (e: any, i: number) => void) {
  const env = container.env;
  if (!Array.isArray(env)) return;
  env.forEach((e, i) => {
    if (isObject(e)) fn(e, i);
  });
}

function envNames(container: any): string[] {
  return Array.isArray(container.env) ? container.env.map((e: any) => (isObject(e) ? e.name : undefined)) : [];
}
