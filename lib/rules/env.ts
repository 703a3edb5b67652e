import { containersOf, defineRule, describe, isObject, RuleContext, show } from './engine';
import { envNameProblem } from './formats';

const VALUE_FROM_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

export const envName = defineRule({
  id: 'env-name',
  family: 'env',
  severity: 'error',
  target: 'pod',
  description: 'environment variable names are valid and not empty',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      forEachEnv(ref.container, (e, i) => {
        const path = [...ref.path, 'env', i, 'name'];
        if (typeof e.name !== 'string' || e.name === '') {
          ctx.report(path, `an env entry of ${describe(ref)} has no name; give every variable a name such as 'PROFILE'`);
          return;
        }
        const problem = envNameProblem(e.name);
        if (problem) ctx.report(path, `env name ${show(e.name)} of ${describe(ref)} ${problem}; use '${e.name.replace(/[^-._a-zA-Z0-9]/g, '_').replace(/^[0-9]/, '_$&')}'`);
      });
    }
  },
});

export const envValueSource = defineRule({
  id: 'env-value-source',
  family: 'env',
  severity: 'error',
  target: 'pod',
  description: 'an env entry has value or valueFrom, not both, and valueFrom has exactly one source',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
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
  target: 'pod',
  description: 'no environment variable is defined twice in a container (the later one silently hides the earlier)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
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
    if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) out.push(name);
    i = close;
  }
  return out;
}

export const envReference = defineRule({
  id: 'env-reference',
  family: 'env',
  severity: 'error',
  target: 'pod',
  description: '$(VAR) in an env value refers to a variable defined earlier in the same container ($$(VAR) escapes)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      const names = envNames(ref.container);
      const hasEnvFrom = Array.isArray(ref.container.envFrom) && ref.container.envFrom.length > 0;
      const defined = new Set<string>();
      forEachEnv(ref.container, (e, i) => {
        if (typeof e.value === 'string' && e.value.includes('$(')) {
          for (const name of variableReferences(e.value)) {
            if (defined.has(name)) continue;
            const later = names.indexOf(name);
            if (later > i) {
              ctx.report([...ref.path, 'env', i, 'value'], `env '${e.name}' of ${describe(ref)} uses $(${name}), which is defined later at env[${later}]; Kubernetes leaves it unexpanded, so define '${name}' before '${e.name}'`);
            } else if (later < 0 && !hasEnvFrom && !implicitlyDefined(name, ctx)) {
              ctx.report([...ref.path, 'env', i, 'value'], `env '${e.name}' of ${describe(ref)} uses $(${name}), which the container does not define; Kubernetes leaves it as the literal text, so define '${name}' earlier in env, or write $$(${name}) for a literal`);
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
  target: 'pod',
  description: '$(VAR) in command or args names a variable of the container (upper-case names only: $(date) is left to the shell)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      if (Array.isArray(ref.container.envFrom) && ref.container.envFrom.length > 0) continue;
      const names = new Set(envNames(ref.container));
      for (const field of ['command', 'args']) {
        const list = ref.container[field];
        if (!Array.isArray(list)) continue;
        list.forEach((arg, i) => {
          if (typeof arg !== 'string') return;
          for (const name of variableReferences(arg)) {
            if (/^[A-Z_][A-Z0-9_]*$/.test(name) && !names.has(name) && !implicitlyDefined(name, ctx)) {
              ctx.report([...ref.path, field, i], `${field}[${i}] of ${describe(ref)} uses $(${name}), which the container's env does not define; Kubernetes leaves it unexpanded, so add '${name}' to env, or write $$(${name}) for a literal`);
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
function implicitlyDefined(name: string, ctx: RuleContext): boolean {
  const pod = ctx.pod!;
  if (pod.spec.enableServiceLinks !== false && SERVICE_VARIABLE.test(name)) return true;
  return name === 'JOB_COMPLETION_INDEX' && (pod.ownerKind === 'Job' || pod.ownerKind === 'CronJob');
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
