import { containersOf, ContainerRef, defineRule, describe, didYouMean, FieldPath, isObject, RuleContext, show } from './engine';
import { parseQuantity, qualifiedNameProblem, quantityFix } from './formats';

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'];
const WELL_KNOWN_EXTENDED = ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915'];

function isNative(name: string): boolean {
  return STANDARD.includes(name) || name.startsWith('hugepages-') || !name.includes('/') || name.startsWith('kubernetes.io/') || name.includes('.kubernetes.io/');
}

function forEachResource(ref: ContainerRef, fn: (kind: 'requests' | 'limits', name: string, value: unknown, path: FieldPath) => void) {
  const r = ref.container.resources;
  if (!isObject(r)) return;
  for (const kind of ['requests', 'limits'] as const) {
    if (!isObject(r[kind])) continue;
    for (const [name, value] of Object.entries(r[kind])) fn(kind, name, value, [...ref.path, 'resources', kind, name]);
  }
}

export const quantity = defineRule({
  id: 'quantity',
  family: 'resources',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'resource requests and limits are well-formed, non-negative quantities (512Mi, not 512MB, 2 Gi or -1), and hugepages are whole pages, set with cpu or memory',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      checkHugePages(ctx, ref);
      forEachResource(ref, (kind, name, value, path) => {
        // Wrong types, NaN and Infinity: field-type.
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) return;
        const q = parseQuantity(value);
        if (q && q.value < 0) {
          ctx.report(path, `${kind}.${name} ${show(value)} of ${describe(ref)} is negative; resources are amounts, so use 0 or more, or remove it`);
          return;
        }
        if (q) return;
        const fix = quantityFix(String(value));
        ctx.report(path, `${kind}.${name} ${show(value)} of ${describe(ref)} is not a Kubernetes quantity; use ${fix ? `'${fix}'` : "a number with a suffix such as '500m', '1', '512Mi' or '2Gi'"}`);
      });
    }
  },
});

/**
 * Hugepages (`hugepages-2Mi`) are memory, counted in bytes: the API server takes only whole pages,
 * and only in a container that also asks for cpu or memory.
 */
function checkHugePages(ctx: RuleContext, ref: ContainerRef): void {
  let hugePages = false;
  let cpuOrMemory = false;
  forEachResource(ref, (kind, name, value, path) => {
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (!name.startsWith('hugepages-')) return;
    hugePages = true;
    const size = name.slice('hugepages-'.length);
    const page = parseQuantity(size);
    const q = typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : undefined;
    if (!page || !Number.isInteger(page.value) || page.value <= 0) {
      ctx.report(path, `${kind}.${name} of ${describe(ref)} names the page size ${show(size)}, which is not a positive whole number of bytes; name a page size the nodes have, such as hugepages-2Mi or hugepages-1Gi`);
      return;
    }
    if (!q || q.value < 0) return; // other rules
    const bytes = Math.ceil(q.value);
    if (bytes % page.value !== 0) {
      const pages = Math.max(1, Math.round(bytes / page.value));
      // The example in the page size's own unit ('4Mi' for two 2Mi pages); in bytes when the size has no plain number ('+2Mi').
      const parts = /^([0-9.]+)(.*)$/.exec(size);
      const example = parts ? `${pages * Number(parts[1])}${parts[2]}` : String(pages * page.value);
      ctx.report(path, `${kind}.${name} ${show(value)} of ${describe(ref)} is ${bytes} bytes, not a whole number of ${size} pages; hugepages are amounts of memory, so use a multiple of ${size}, such as '${example}' for ${pages} page${pages === 1 ? '' : 's'}`);
    }
  });
  if (hugePages && !cpuOrMemory) {
    ctx.report([...ref.path, 'resources'], `${describe(ref)} asks for hugepages without cpu or memory, which Kubernetes rejects; also set a memory (or cpu) request or limit`);
  }
}

export const resourceName = defineRule({
  id: 'resource-name',
  family: 'resources',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'resource names are cpu, memory, ephemeral-storage, hugepages-<size> or a domain-qualified extended resource',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachResource(ref, (kind, name, _value, path) => {
        const problem = qualifiedNameProblem(name);
        if (problem) {
          ctx.report(path, `resource name ${show(name)} in ${kind} of ${describe(ref)} ${problem}; use cpu, memory, ephemeral-storage or a domain-qualified name such as 'nvidia.com/gpu'`);
          return;
        }
        if (!name.includes('/') && !STANDARD.includes(name) && !name.startsWith('hugepages-')) {
          const hint = didYouMean(name, STANDARD) ?? (/gpu/i.test(name) ? 'nvidia.com/gpu' : undefined);
          ctx.report(path, `resource ${show(name)} in ${kind} of ${describe(ref)} is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain${hint ? `; did you mean '${hint}'?` : ", such as 'nvidia.com/gpu'"}`);
        }
      });
    }
  },
});

export const requestsWithinLimits = defineRule({
  id: 'requests-within-limits',
  family: 'resources',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every request is at most its limit, and hugepages are requested only with a limit of the same amount (they cannot be overcommitted)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const r = ref.container.resources;
      if (!isObject(r) || !isObject(r.requests)) continue;
      const limits = isObject(r.limits) ? r.limits : {};
      for (const [name, req] of Object.entries(r.requests)) {
        if (name.startsWith('hugepages-')) {
          const path = [...ref.path, 'resources', 'requests', name];
          if (limits[name] === undefined || limits[name] === null) {
            ctx.report(path, `${name} is requested by ${describe(ref)} without a limit; hugepages cannot be overcommitted, so set limits.${name}: ${show(req)}`);
            continue;
          }
          const a = parseQuantity(req);
          const b = parseQuantity(limits[name]);
          if (a && b && a.value !== b.value) ctx.report(path, `${name} request ${show(req)} of ${describe(ref)} differs from its limit ${show(limits[name])}; hugepages cannot be overcommitted, so make them equal or drop the request`);
          continue;
        }
        if (!isObject(r.limits)) continue;
        if (!isNative(name)) continue; // extended resources: extended-resource
        const request = parseQuantity(req);
        const limit = parseQuantity(r.limits[name]);
        if (request && limit && request.value > limit.value * (1 + 1e-12)) {
          ctx.report([...ref.path, 'resources', 'requests', name], `${name} request ${show(req)} of ${describe(ref)} exceeds its limit ${show(r.limits[name])}; raise the limit or lower the request`);
        }
      }
    }
  },
});

export const extendedResource = defineRule({
  id: 'extended-resource',
  family: 'resources',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'extended resources such as nvidia.com/gpu are whole numbers, set as limits, with any request equal to the limit',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const r = ref.container.resources;
      if (!isObject(r)) continue;
      const requests = isObject(r.requests) ? r.requests : {};
      const limits = isObject(r.limits) ? r.limits : {};
      const names = new Set([...Object.keys(requests), ...Object.keys(limits)].filter(n => !isNative(n)));
      for (const name of names) {
        for (const [kind, map] of [['limits', limits], ['requests', requests]] as const) {
          if (map[name] === undefined) continue;
          const q = parseQuantity(map[name]);
          if (q && q.value >= 0 && !Number.isInteger(q.value)) {
            ctx.report([...ref.path, 'resources', kind, name], `${name} ${kind.slice(0, -1)} ${show(map[name])} of ${describe(ref)} is not a whole number; extended resources such as GPUs are not divisible, so request ${Math.max(1, Math.ceil(q.value))}${WELL_KNOWN_EXTENDED.includes(name) && name.startsWith('nvidia') ? " (or a MIG profile such as 'nvidia.com/mig-1g.5gb' for a slice)" : ''}`);
          }
        }
        if (requests[name] !== undefined && limits[name] === undefined) {
          ctx.report([...ref.path, 'resources', 'requests', name], `${name} is requested by ${describe(ref)} without a limit; extended resources cannot be overcommitted, so set limits.${name}: ${show(requests[name])}`);
        } else if (requests[name] !== undefined) {
          const a = parseQuantity(requests[name]);
          const b = parseQuantity(limits[name]);
          if (a && b && a.value !== b.value) {
            ctx.report([...ref.path, 'resources', 'requests', name], `${name} request ${show(requests[name])} differs from its limit ${show(limits[name])} in ${describe(ref)}; extended resources cannot be overcommitted, so make them equal or drop the request`);
          }
        }
      }
    }
  },
});

export const memoryMilli = defineRule({
  id: 'memory-milli',
  family: 'resources',
  severity: 'warning',
  basis: 'runtime',
  target: 'pod',
  description: "memory and storage in 'm' (thousandths of a byte) is almost always a mistake for Mi",
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachResource(ref, (kind, name, value, path) => {
        if ((name === 'memory' || name === 'ephemeral-storage') && typeof value === 'string' && /^[0-9.]+m$/.test(value)) {
          ctx.report(path, `${kind}.${name} ${show(value)} of ${describe(ref)} means ${value.slice(0, -1)} thousandths of a byte; did you mean '${value.slice(0, -1)}Mi'?`);
        }
      });
    }
  },
});
