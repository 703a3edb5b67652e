#!/usr/bin/env node
// Generates lib/rules/schemas/k8s-<version>.json, one file per supported Kubernetes release: the
// kinds, field names, field types and required fields of every built-in type, for the shape rules
// (api-version-kind, unknown-field, field-type, required-field) in lib/rules/schema.ts.
//
// Source: the OpenAPI v3 documents each release of Kubernetes commits in api/openapi-spec/v3/,
// read from the `k8s.io/kubernetes` Go module of that exact release (`go mod download` puts it in
// the module cache; the Go module proxy serves it). Nothing is hand-written about fields: the only
// tables below are the API versions removed before 1.28 (no spec we read has them any more) and
// `kind: List`, which is no type in OpenAPI but what `kubectl get -o yaml` prints.
//
// For each release the file also says which `apiVersion/kind` an older release served and this one
// no longer does (`removed`, with the release that dropped it) and which ones a newer release
// introduced (`added`, with the first release that serves it), so the checker can say
// "removed in 1.32; use ..." and "first served by Kubernetes 1.34" instead of "unknown".
//
// The output is deterministic (sorted keys, one definition per line).
//
//   node scripts/gen-k8s-schema.js          writes the JSON files (needs Go and the module proxy, or a warm module cache)
//   node scripts/gen-k8s-schema.js --check  exits 1 when a committed file differs from a fresh run
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'lib', 'rules', 'schemas');

/** The releases, each pinned to the newest patch release the Go module proxy serves. Keep in step with KubernetesVersion. */
const RELEASES = {
  '1.28': 'v1.28.15',
  '1.29': 'v1.29.15',
  '1.30': 'v1.30.14',
  '1.31': 'v1.31.14',
  '1.32': 'v1.32.13',
  '1.33': 'v1.33.13',
  '1.34': 'v1.34.4',
};

// API versions removed before 1.28 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
// No spec read here has them, so they are listed; their `...List` kinds go too. The checker names
// the served apiVersion of the same kind as the fix, or the note when there is none.
const REMOVED_BEFORE = [
  // [apiVersion, kinds, removed in, note when there is no served replacement]
  ['extensions/v1beta1', ['DaemonSet', 'Deployment', 'NetworkPolicy', 'ReplicaSet', 'Scale'], '1.16'],
  ['extensions/v1beta1', ['PodSecurityPolicy'], '1.16', 'PodSecurityPolicy is gone since Kubernetes 1.25; use Pod Security Admission (pod-security.kubernetes.io labels on the namespace)'],
  ['extensions/v1beta1', ['DeploymentRollback'], '1.16', 'use `kubectl rollout undo`'],
  ['extensions/v1beta1', ['Ingress'], '1.22'],
  ['apps/v1beta1', ['ControllerRevision', 'Deployment', 'Scale', 'StatefulSet'], '1.16'],
  ['apps/v1beta1', ['DeploymentRollback'], '1.16', 'use `kubectl rollout undo`'],
  ['apps/v1beta2', ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'Scale', 'StatefulSet'], '1.16'],
  ['admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.22'],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.22'],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], '1.22'],
  ['authentication.k8s.io/v1beta1', ['TokenReview'], '1.22'],
  ['authorization.k8s.io/v1beta1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'], '1.22'],
  ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.22'],
  ['coordination.k8s.io/v1beta1', ['Lease'], '1.22'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.22'],
  ['rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.22'],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.22'],
  ['storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.22'],
  ['batch/v1beta1', ['CronJob'], '1.25'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.25'],
  ['events.k8s.io/v1beta1', ['Event'], '1.25'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.25'],
  ['policy/v1beta1', ['PodDisruptionBudget'], '1.25'],
  ['policy/v1beta1', ['PodSecurityPolicy'], '1.25', 'use Pod Security Admission (pod-security.kubernetes.io labels on the namespace)'],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], '1.25'],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.26'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26'],
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.27'],
];

// `kind: List` (what `kubectl get -o yaml` prints for several objects) is no OpenAPI type. Its
// items are whole objects; the checker checks each one as a manifest of its own.
const LIST = {
  name: 'io.k8s.apimachinery.pkg.apis.meta.v1.List',
  key: 'v1/List',
  def: {
    properties: {
      apiVersion: { t: 'string' },
      items: { items: { t: 'any' }, t: 'array' },
      kind: { t: 'string' },
      metadata: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', t: 'ref' },
    },
    required: ['apiVersion', 'kind'],
  },
};

// ---------------------------------------------------------------------------------------------

function fail(message) {
  process.stderr.write(`gen-k8s-schema: ${message}\n`);
  process.exit(1);
}

/** The directory of the k8s.io/kubernetes module at `tag`, downloading it into the module cache if need be. */
function moduleDir(tag) {
  const res = spawnSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${tag}`], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  if (res.error && res.error.code === 'ENOENT') fail('`go` is not on PATH: the schemas are read from the k8s.io/kubernetes Go modules (install Go, or use the committed files)');
  let info;
  try {
    info = JSON.parse(res.stdout);
  } catch {
    fail(`go mod download k8s.io/kubernetes@${tag} failed: ${res.stderr || res.stdout}`);
  }
  if (info.Error || !info.Dir) fail(`go mod download k8s.io/kubernetes@${tag} failed: ${info.Error || 'no Dir'}`);
  return info.Dir;
}

/** Every component schema of a release's OpenAPI v3 documents, by name. */
function loadSpec(dir) {
  const v3 = path.join(dir, 'api', 'openapi-spec', 'v3');
  const schemas = {};
  for (const file of fs.readdirSync(v3).sort()) {
    if (!file.endsWith('.json')) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(v3, file), 'utf8'));
    for (const [name, schema] of Object.entries((doc.components && doc.components.schemas) || {})) {
      if (schemas[name] && stable(strip(schemas[name])) !== stable(strip(schema))) fail(`${file}: ${name} differs from its definition in another document`);
      schemas[name] = schema;
    }
  }
  return schemas;
}

/** A schema without its documentation, for comparing. */
function strip(schema) {
  if (Array.isArray(schema)) return schema.map(strip);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) if (k !== 'description' && k !== 'default' && k !== 'example') out[k] = strip(v);
  return out;
}

const refName = r => r.replace(/^#\/components\/schemas\//, '');

/** `{allOf: [{$ref}]}` (how v3 writes a ref with a default) -> the ref. */
function unwrap(schema) {
  if (schema.allOf && schema.allOf.length === 1 && !schema.type && !schema.properties) return unwrap(schema.allOf[0]);
  return schema;
}

/** Definitions that are scalars or free-form JSON are inlined as a type instead of a ref. */
function inlineType(name, schemas) {
  if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') return { t: 'int-or-string' };
  if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { t: 'quantity' };
  const def = schemas[name];
  if (!def) fail(`unknown $ref ${name}`);
  if (def.properties) return undefined;
  if (def.type === 'string') return { t: 'string' }; // Time, MicroTime
  return { t: 'any' }; // RawExtension, FieldsV1, JSON, JSONSchemaPropsOr*: any JSON
}

/** Converts an OpenAPI schema to the compact type of lib/rules/schema.ts. */
function convert(raw, schemas, where) {
  const schema = unwrap(raw);
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return inlineType(name, schemas) || { t: 'ref', ref: name };
  }
  if (schema['x-kubernetes-int-or-string']) return { t: 'int-or-string' };
  if (schema['x-kubernetes-preserve-unknown-fields']) return { t: 'any' };
  switch (schema.type) {
    case 'string':
      return { t: 'string' };
    case 'integer':
      // int32 fields overflow in the API server's decoder beyond 32 bits; the rest are int64.
      return schema.format === 'int32' ? { t: 'int32' } : { t: 'integer' };
    case 'number':
      return { t: 'number' };
    case 'boolean':
      return { t: 'boolean' };
    case 'array':
      return { t: 'array', items: schema.items ? convert(schema.items, schemas, `${where}[]`) : { t: 'any' } };
    case 'object':
      if (schema.properties) fail(`unexpected inline object at ${where}`);
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return { t: 'map', values: convert(schema.additionalProperties, schemas, `${where}{}`) };
      }
      return { t: 'any' };
    case undefined:
      return { t: 'any' };
    default:
      return fail(`unexpected type at ${where}: ${JSON.stringify(strip(schema))}`);
  }
}

/** `apiVersion/kind` -> definition name, for the definitions that are exactly one kind. */
function kindsOf(schemas) {
  const kinds = {};
  for (const [name, def] of Object.entries(schemas)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    // DeleteOptions, WatchEvent and Status carry one entry per API group: not objects to apply.
    if (!Array.isArray(gvks) || gvks.length !== 1 || !def.properties || !def.properties.kind) continue;
    const { group, version, kind } = gvks[0];
    const key = `${group ? `${group}/` : ''}${version}/${kind}`;
    if (kinds[key]) fail(`${key} defined twice (${kinds[key]}, ${name})`);
    kinds[key] = name;
  }
  kinds[LIST.key] = LIST.name;
  return kinds;
}

/** The compact schema of one release: its kinds and the definitions they reach. */
function compactRelease(schemas) {
  const kinds = kindsOf(schemas);
  const out = {};
  const queue = Object.values(kinds).filter(n => n !== LIST.name);
  const visit = type => {
    if (type.t === 'ref') queue.push(type.ref);
    if (type.items) visit(type.items);
    if (type.values) visit(type.values);
  };
  out[LIST.name] = LIST.def;
  visit(LIST.def.properties.metadata);
  while (queue.length > 0) {
    const name = queue.shift();
    if (out[name]) continue;
    const def = schemas[name];
    if (!def || !def.properties) fail(`${name} is not an object definition`);
    const properties = {};
    for (const [field, schema] of Object.entries(def.properties)) {
      properties[field] = convert(schema, schemas, `${name}.${field}`);
      visit(properties[field]);
    }
    const required = [...new Set(def.required || [])].sort();
    out[name] = required.length > 0 ? { properties, required } : { properties };
  }
  return { kinds, definitions: out };
}

const minor = v => Number(v.split('.')[1]);

function build() {
  const versions = Object.keys(RELEASES).sort((a, b) => minor(a) - minor(b));
  const releases = {};
  for (const v of versions) releases[v] = compactRelease(loadSpec(moduleDir(RELEASES[v])));

  const before = {};
  for (const [apiVersion, kinds, version, note] of REMOVED_BEFORE) {
    for (const kind of kinds) {
      for (const k of [kind, `${kind}List`]) before[`${apiVersion}/${k}`] = note ? { in: version, note } : { in: version };
    }
  }
  const files = {};
  versions.forEach((v, i) => {
    const { kinds, definitions } = releases[v];
    const removed = {};
    for (const [key, info] of Object.entries(before)) if (!kinds[key]) removed[key] = info;
    // Served by an older release we know and not by this one: removed by the first release without it.
    for (let j = 0; j < i; j++) {
      for (const key of Object.keys(releases[versions[j]].kinds)) {
        if (kinds[key] || removed[key]) continue;
        let k = j + 1;
        while (releases[versions[k]].kinds[key]) k++;
        removed[key] = { in: versions[k] };
      }
    }
    // Not served yet: introduced by the first newer release that serves it.
    const added = {};
    for (let j = i + 1; j < versions.length; j++) {
      for (const key of Object.keys(releases[versions[j]].kinds)) {
        if (!kinds[key] && !added[key] && !removed[key]) added[key] = { in: versions[j] };
      }
    }
    files[v] = {
      source: `k8s.io/kubernetes@${RELEASES[v]} api/openapi-spec/v3`,
      kubernetes: v,
      kinds,
      removed,
      added,
      definitions,
    };
  });
  return files;
}

/** JSON with sorted keys (arrays keep their order). */
function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Sorted keys, compact, one kind / definition per line so diffs stay readable. */
function render(doc) {
  const lines = ['{'];
  const keys = Object.keys(doc).sort();
  keys.forEach((key, i) => {
    const value = doc[key];
    const last = i === keys.length - 1 ? '' : ',';
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.keys(value).sort();
      lines.push(`${JSON.stringify(key)}:{`);
      entries.forEach((k, j) => lines.push(`${JSON.stringify(k)}:${stable(value[k])}${j === entries.length - 1 ? '' : ','}`));
      lines.push(`}${last}`);
    } else {
      lines.push(`${JSON.stringify(key)}:${stable(value)}${last}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const outPath = v => path.join(OUT_DIR, `k8s-${v}.json`);

function main() {
  const check = process.argv.includes('--check');
  const files = build();
  let stale = 0;
  for (const [v, doc] of Object.entries(files)) {
    const text = render(doc);
    const out = outPath(v);
    const rel = path.relative(ROOT, out);
    if (check) {
      const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
      if (current !== text) {
        process.stderr.write(`${rel} is out of date; run node scripts/gen-k8s-schema.js\n`);
        stale++;
      } else {
        process.stdout.write(`${rel} is up to date\n`);
      }
      continue;
    }
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(out, text);
    process.stdout.write(`wrote ${rel}: ${Object.keys(doc.kinds).length} kinds, ${Object.keys(doc.definitions).length} definitions, ${text.length} bytes\n`);
  }
  if (check) {
    const extra = fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR).filter(f => !Object.keys(files).some(v => f === `k8s-${v}.json`)) : [];
    for (const f of extra) process.stderr.write(`lib/rules/schemas/${f} is no release of RELEASES; remove it\n`);
    if (stale || extra.length) process.exit(1);
  }
}

module.exports = { RELEASES };

if (require.main === module) main();
