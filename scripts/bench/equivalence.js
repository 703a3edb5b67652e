'use strict';
// Checks that the three variants of the benchmark emit the same objects: synthesizes a few pods of
// each in this process, parses the YAML back, removes from cdk8s-plus's output the fields it
// injects on its own (each with the exact value it injects, so a real difference in one of those
// fields is still caught), sorts keys (cdk8s sorts them, ours keeps Kubernetes' documented order)
// and deep-compares ours and plus against the L1 floor.
const YAML = require('yaml');
const { LOADERS, VARIANTS, synth } = require('./pods');

/**
 * What cdk8s-plus-28 adds to a pod nobody asked for, found by synthesizing the benchmark pod with it
 * (the L1 object and ours have none of these). A path segment '*' is every element of an array.
 * `value` is what cdk8s-plus puts there; a different value is a real difference, not an injection.
 */
const PLUS_INJECTED = [
  { path: ['metadata', 'labels', 'cdk8s.io/metadata.addr'], value: ANY_STRING() }, // bench-pod-0-<hash>
  { path: ['spec', 'automountServiceAccountToken'], value: false },
  { path: ['spec', 'dnsPolicy'], value: 'ClusterFirst' },
  { path: ['spec', 'hostNetwork'], value: false },
  { path: ['spec', 'restartPolicy'], value: 'Always' },
  { path: ['spec', 'setHostnameAsFQDN'], value: false },
  { path: ['spec', 'terminationGracePeriodSeconds'], value: 30 },
  { path: ['spec', 'securityContext', 'fsGroupChangePolicy'], value: 'Always' },
  { path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
  // Not injected for this pod by cdk8s-plus-28 2.5.6, listed in case a version starts to.
  { path: ['spec', 'enableServiceLinks'], value: true, optional: true },
  { path: ['spec', 'containers', '*', 'imagePullPolicy'], value: 'Always' },
  { path: ['spec', 'containers', '*', 'securityContext', 'allowPrivilegeEscalation'], value: false },
  { path: ['spec', 'containers', '*', 'securityContext', 'privileged'], value: false },
  { path: ['spec', 'containers', '*', 'securityContext', 'readOnlyRootFilesystem'], value: true },
  { path: ['spec', 'containers', '*', 'securityContext', 'runAsNonRoot'], value: true },
  // The default startup probe on the container's first port.
  { path: ['spec', 'containers', '*', 'startupProbe'], value: (v, c) => isDeepEqual(v, { failureThreshold: 3, tcpSocket: { port: c.ports[0].containerPort } }) },
];

function ANY_STRING() {
  return v => typeof v === 'string' && v.length > 0;
}

/** Objects that become empty once their injected fields are gone (`labels`, `securityContext`). */
const PRUNE_IF_EMPTY = [
  ['metadata', 'labels'],
  ['spec', 'securityContext'],
  ['spec', 'containers', '*', 'securityContext'],
];

function isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isPlainObject(v)) return v;
  const out = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

function isDeepEqual(a, b) {
  return firstDifference(a, b) === undefined;
}

/** The first path at which a and b differ, with both values, or undefined. */
function firstDifference(a, b, at = []) {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return { at, a, b };
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], [...at, i]);
      if (d) return d;
    }
    return undefined;
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return { at, a, b };
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], [...at, k]);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : { at, a, b };
}

/** Calls fn(holder, key, container) for every match of path; container is the containers[i] on the way. */
function visit(obj, path, fn, container) {
  const [head, ...rest] = path;
  if (obj === undefined || obj === null) return;
  if (head === '*') {
    if (!Array.isArray(obj)) return;
    obj.forEach(item => visit(item, rest, fn, item));
    return;
  }
  if (rest.length === 0) {
    if (Object.prototype.hasOwnProperty.call(obj, head)) fn(obj, head, container);
    return;
  }
  visit(obj[head], rest, fn, container);
}

const fmtPath = p => p.map(s => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');

/** Removes the injected fields from one cdk8s-plus object; returns problems and which entries matched. */
function stripPlus(doc, used) {
  const problems = [];
  for (const entry of PLUS_INJECTED) {
    visit(doc, entry.path, (holder, key, container) => {
      const v = holder[key];
      const ok = typeof entry.value === 'function' ? entry.value(v, container) : isDeepEqual(v, entry.value);
      if (!ok) {
        problems.push(`${doc.metadata?.name}: ${entry.path.join('.')} = ${JSON.stringify(v)}, not the value cdk8s-plus injects (${typeof entry.value === 'function' ? 'see equivalence.js' : JSON.stringify(entry.value)})`);
        return;
      }
      delete holder[key];
      used.add(entry);
    });
  }
  for (const p of PRUNE_IF_EMPTY) {
    visit(doc, p, (holder, key) => {
      if (isPlainObject(holder[key]) && Object.keys(holder[key]).length === 0) delete holder[key];
    });
  }
  return problems;
}

function parseDocs(yamlText) {
  return YAML.parseAllDocuments(yamlText).map(d => {
    if (d.errors.length > 0) throw new Error(`YAML parse error: ${d.errors[0].message}`);
    return d.toJS();
  });
}

/**
 * Synthesizes `pods` pods with each variant and compares. Returns { ok, lines }: `lines` says what
 * was compared and, when not ok, every difference found.
 */
function checkEquivalence(pods = 3) {
  const docs = {};
  for (const v of VARIANTS) docs[v] = parseDocs(synth(v, pods, LOADERS[v]()));
  const lines = [];
  const problems = [];
  for (const v of VARIANTS) {
    if (docs[v].length !== pods) problems.push(`${v}: ${docs[v].length} documents, expected ${pods}`);
  }
  const used = new Set();
  for (const d of docs.plus) problems.push(...stripPlus(d, used));
  for (const e of PLUS_INJECTED) {
    if (!used.has(e) && !e.optional) problems.push(`cdk8s-plus no longer injects ${e.path.join('.')}: update PLUS_INJECTED in scripts/bench/equivalence.js`);
  }
  const floor = docs.l1.map(sortKeys);
  for (const v of ['ours', 'plus']) {
    const got = docs[v].map(sortKeys);
    for (let i = 0; i < Math.max(got.length, floor.length); i++) {
      const d = firstDifference(got[i], floor[i]);
      if (d) {
        problems.push(`${v} differs from l1 in document ${i} at ${fmtPath(d.at) || '(root)'}: ${v}=${JSON.stringify(d.a)} l1=${JSON.stringify(d.b)}`);
      }
    }
  }
  // Same content, so the same YAML once keys are sorted (ours keeps Kubernetes' field order).
  lines.push(`equivalence (${pods} pods each): ours == l1, plus == l1 after removing ${[...used].length} kinds of cdk8s-plus-injected fields:`);
  for (const e of PLUS_INJECTED) lines.push(`  - ${e.path.join('.')}${used.has(e) ? '' : ' (not present)'}`);
  return { ok: problems.length === 0, lines, problems };
}

module.exports = { checkEquivalence, PLUS_INJECTED, sortKeys, firstDifference };

if (require.main === module) {
  const r = checkEquivalence(Number(process.argv[2] ?? 3));
  console.log(r.lines.join('\n'));
  if (!r.ok) {
    console.error(`EQUIVALENCE FAILED:\n  ${r.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('equivalence: OK');
}
