#!/usr/bin/env node
// Generates lib/rules/k8s-1.28-schema.json: the field names and types of every Kubernetes 1.28
// kind, for the shape rules (api-version-kind, unknown-field, field-type) in lib/rules/schema.ts.
//
// Source: the JSON schemas that kubernetes-models@4.3.1 ships for Kubernetes 1.27.1
// (node_modules/kubernetes-models/_schemas/IoK8s*.js and @kubernetes-models/apimachinery/_schemas),
// plus the 1.27 -> 1.28 differences in the tables below. The output is deterministic (sorted keys,
// one definition per line), so running the script twice gives the same bytes.
//
//   node scripts/gen-k8s-schema.js          writes the JSON file
//   node scripts/gen-k8s-schema.js --check  exits 1 when the committed file differs from a fresh run
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'lib', 'rules', 'k8s-1.28-schema.json');
const SOURCE = 'kubernetes-models@4.3.1 (Kubernetes 1.27.1) + 1.28 additions';

// ---------------------------------------------------------------------------------------------
// 1.27.1 -> 1.28 patch table.
//
// Fields added in Kubernetes 1.28 (diffed against @kubernetes/client-node 0.20.0 and the 1.28
// types that cdk8s-plus-28 ships in lib/imports/k8s.d.ts), and fields the kubernetes-models
// generator drops (it loses any property literally named `description`, and JSONSchemaProps'
// `x-kubernetes-*` properties). Types use the raw OpenAPI shape of the source schemas.
// ---------------------------------------------------------------------------------------------
const STRING = { type: 'string' };
const INT32 = { type: 'integer', format: 'int32' };
const BOOLEAN = { type: 'boolean' };
const ref = name => ({ $ref: `${name}#` });
const CRD = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

const ADDED_FIELDS = [
  // KEP-753 native sidecars: `restartPolicy: Always` on init containers.
  ['io.k8s.api.core.v1.Container', 'restartPolicy', STRING],
  ['io.k8s.api.core.v1.EphemeralContainer', 'restartPolicy', STRING],
  // KEP-3850 backoff limit per index, KEP-3939 pod replacement policy.
  ['io.k8s.api.batch.v1.JobSpec', 'backoffLimitPerIndex', INT32],
  ['io.k8s.api.batch.v1.JobSpec', 'maxFailedIndexes', INT32],
  ['io.k8s.api.batch.v1.JobSpec', 'podReplacementPolicy', { type: 'string', enum: ['Failed', 'TerminatingOrFailed'] }],
  // Status-only fields new in 1.28 (written by the control plane; listed so `kubectl get -o yaml` output is clean).
  ['io.k8s.api.batch.v1.JobStatus', 'failedIndexes', STRING],
  ['io.k8s.api.batch.v1.JobStatus', 'terminating', INT32],
  ['io.k8s.api.core.v1.PodStatus', 'hostIPs', { type: 'array', items: ref('io.k8s.api.core.v1.HostIP') }],
  ['io.k8s.api.core.v1.PersistentVolumeClaimStatus', 'allocatedResourceStatuses', { type: 'object', additionalProperties: STRING }],
  ['io.k8s.api.core.v1.PersistentVolumeStatus', 'lastPhaseTransitionTime', ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time')],
  // API priority and fairness: the exempt priority level became configurable.
  ['io.k8s.api.flowcontrol.v1beta2.PriorityLevelConfigurationSpec', 'exempt', ref('io.k8s.api.flowcontrol.v1beta2.ExemptPriorityLevelConfiguration')],
  ['io.k8s.api.flowcontrol.v1beta3.PriorityLevelConfigurationSpec', 'exempt', ref('io.k8s.api.flowcontrol.v1beta3.ExemptPriorityLevelConfiguration')],
  // CRD validation rules: reason and fieldPath.
  [`${CRD}.ValidationRule`, 'fieldPath', STRING],
  [`${CRD}.ValidationRule`, 'reason', STRING],
  // Dropped by the kubernetes-models generator: properties named `description`.
  ['io.k8s.api.scheduling.v1.PriorityClass', 'description', STRING],
  [`${CRD}.CustomResourceColumnDefinition`, 'description', STRING],
  [`${CRD}.ExternalDocumentation`, 'description', STRING],
  [`${CRD}.JSONSchemaProps`, 'description', STRING],
  // Dropped by the kubernetes-models generator: JSONSchemaProps' vendor extensions.
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-embedded-resource', BOOLEAN],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-int-or-string', BOOLEAN],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-list-map-keys', { type: 'array', items: STRING }],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-list-type', STRING],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-map-type', STRING],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-preserve-unknown-fields', BOOLEAN],
  [`${CRD}.JSONSchemaProps`, 'x-kubernetes-validations', { type: 'array', items: ref(`${CRD}.ValidationRule`) }],
];

// Definitions new in 1.28 that the added fields above refer to.
const ADDED_DEFINITIONS = {
  'io.k8s.api.core.v1.HostIP': { type: 'object', properties: { ip: STRING } },
  'io.k8s.api.flowcontrol.v1beta2.ExemptPriorityLevelConfiguration': { type: 'object', properties: { lendablePercent: INT32, nominalConcurrencyShares: INT32 } },
  'io.k8s.api.flowcontrol.v1beta3.ExemptPriorityLevelConfiguration': { type: 'object', properties: { lendablePercent: INT32, nominalConcurrencyShares: INT32 } },
  // `kind: List` (what `kubectl get -o yaml` prints for several objects). Its items are whole
  // objects; the checker checks each one as a manifest of its own.
  'io.k8s.apimachinery.pkg.apis.meta.v1.List': {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: ['v1'] },
      kind: { type: 'string', enum: ['List'] },
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta'),
      items: { type: 'array', items: ref('io.k8s.apimachinery.pkg.runtime.RawExtension') },
    },
  },
};

// Enum values added in 1.28.
const ADDED_ENUM_VALUES = [
  ['io.k8s.api.batch.v1.PodFailurePolicyRule', 'action', 'FailIndex'],
];

// Kinds that the source schemas do not define.
const ADDED_KINDS = {
  'v1/List': 'io.k8s.apimachinery.pkg.apis.meta.v1.List',
};

// API versions that Kubernetes 1.28 serves but the source has no schema for (alpha APIs, and
// 1.27/1.28 additions). Their apiVersion/kind is accepted; their fields are not checked.
const UNCHECKED_KINDS = [
  'admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding',
  'authentication.k8s.io/v1/SelfSubjectReview',
  'authentication.k8s.io/v1alpha1/SelfSubjectReview',
  'authentication.k8s.io/v1beta1/SelfSubjectReview',
  'certificates.k8s.io/v1alpha1/ClusterTrustBundle',
  'internal.apiserver.k8s.io/v1alpha1/StorageVersion',
  'networking.k8s.io/v1alpha1/ClusterCIDR',
  'networking.k8s.io/v1alpha1/IPAddress',
  'resource.k8s.io/v1alpha2/PodSchedulingContext',
  'resource.k8s.io/v1alpha2/ResourceClaim',
  'resource.k8s.io/v1alpha2/ResourceClaimTemplate',
  'resource.k8s.io/v1alpha2/ResourceClass',
];

// API versions the source still has but Kubernetes 1.28 no longer serves
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). Their `...List` kinds go
// too. The checker names the served apiVersion of the same kind as the fix.
const REMOVED = [
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

// ---------------------------------------------------------------------------------------------

/** Every schema the kubernetes-models packages register, by id. */
function loadSources() {
  const kmDir = path.dirname(require.resolve('kubernetes-models/package.json', { paths: [ROOT] }));
  const amDir = path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [kmDir] }));
  const validate = require(require.resolve('@kubernetes-models/validate', { paths: [kmDir] }));
  const version = require(path.join(kmDir, 'package.json')).version;
  if (version !== '4.3.1') throw new Error(`expected kubernetes-models 4.3.1, found ${version}: review the patch tables and SOURCE`);
  const defs = {};
  const original = validate.register;
  validate.register = (id, schema) => {
    defs[id] = schema;
  };
  try {
    for (const dir of [path.join(kmDir, '_schemas'), path.join(amDir, '_schemas')]) {
      for (const file of fs.readdirSync(dir).sort()) {
        if (file.endsWith('.js')) require(path.join(dir, file)).addSchema();
      }
    }
  } finally {
    validate.register = original;
  }
  return defs;
}

function applyPatches(defs) {
  const out = JSON.parse(JSON.stringify(defs));
  for (const [name, def] of Object.entries(ADDED_DEFINITIONS)) {
    if (out[name]) throw new Error(`ADDED_DEFINITIONS: ${name} already exists in the source`);
    out[name] = JSON.parse(JSON.stringify(def));
  }
  for (const [name, field, type] of ADDED_FIELDS) {
    const def = out[name];
    if (!def || !def.properties) throw new Error(`ADDED_FIELDS: no definition ${name}`);
    if (def.properties[field]) throw new Error(`ADDED_FIELDS: ${name}.${field} already exists in the source`);
    def.properties[field] = JSON.parse(JSON.stringify(type));
  }
  for (const [name, field, value] of ADDED_ENUM_VALUES) {
    const prop = out[name] && out[name].properties && out[name].properties[field];
    if (!prop || !Array.isArray(prop.enum)) throw new Error(`ADDED_ENUM_VALUES: ${name}.${field} has no enum`);
    if (!prop.enum.includes(value)) prop.enum.push(value);
  }
  return out;
}

const refName = r => r.replace(/#$/, '');

// Definitions that are scalars or free-form JSON are inlined as a type instead of a ref.
function inlineType(name, defs) {
  if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') return { t: 'int-or-string' };
  if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { t: 'quantity' };
  const def = defs[name];
  if (!def) throw new Error(`unknown $ref ${name}`);
  if (def.properties) return undefined;
  if (def.oneOf) throw new Error(`unexpected oneOf definition ${name}`);
  if (def.type === 'string') return { t: 'string' }; // Time, MicroTime
  return { t: 'any' }; // RawExtension, FieldsV1, JSON, JSONSchemaPropsOr*: any JSON
}

/** Converts a source schema to the compact type; inline objects become definitions of their own. */
function convert(schema, defs, where, extra) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return inlineType(name, defs) || { t: 'ref', ref: name };
  }
  if (schema.oneOf) {
    const alts = schema.oneOf.filter(s => s.type !== 'null');
    if (alts.length === 1) return convert(alts[0], defs, where, extra);
    const types = alts.map(s => s.type).sort().join(',');
    if (types === 'integer,string') return { t: 'int-or-string' };
    if (types === 'number,string') return { t: 'quantity' };
    throw new Error(`unexpected oneOf at ${where}: ${JSON.stringify(schema)}`);
  }
  switch (schema.type) {
    case 'string':
      return Array.isArray(schema.enum) ? { t: 'string', enum: [...schema.enum].sort() } : { t: 'string' };
    case 'integer':
      return { t: 'integer' };
    case 'number':
      return { t: 'number' };
    case 'boolean':
      return { t: 'boolean' };
    case 'array':
      return { t: 'array', items: schema.items ? convert(schema.items, defs, `${where}[]`, extra) : { t: 'any' } };
    case 'object':
      if (schema.properties) {
        // An object written out inline (StatefulSetSpec.volumeClaimTemplates is a PersistentVolumeClaim
        // without the apiVersion/kind enums): a ref to the one definition with the same fields, or
        // else a definition of its own, named after where it is.
        const same = sameShape(schema, defs);
        if (same) return { t: 'ref', ref: same };
        extra[where] = schema;
        return { t: 'ref', ref: where };
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return { t: 'map', values: convert(schema.additionalProperties, defs, `${where}{}`, extra) };
      }
      return { t: 'any' };
    case undefined:
      return { t: 'any' };
    default:
      throw new Error(`unexpected type at ${where}: ${JSON.stringify(schema)}`);
  }
}

/** The definition with the same fields and field types as an inline object (enums aside), if exactly one. */
function sameShape(schema, defs) {
  const shape = s => {
    const props = {};
    for (const [field, type] of Object.entries(s.properties)) {
      const { enum: _ignored, ...rest } = convert(type, defs, field, {});
      props[field] = rest;
    }
    return stable(props);
  };
  const wanted = shape(schema);
  const keys = Object.keys(schema.properties).sort().join();
  const matches = Object.keys(defs).filter(name => {
    const def = defs[name];
    return def.properties && Object.keys(def.properties).sort().join() === keys && shape(def) === wanted;
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** The kinds kubernetes-models exports as classes (static apiVersion and kind). */
function exportedKinds() {
  const km = require(require.resolve('kubernetes-models', { paths: [ROOT] }));
  const found = new Set();
  const walk = (obj, depth) => {
    for (const value of Object.values(obj)) {
      if (typeof value === 'function' && typeof value.apiVersion === 'string' && typeof value.kind === 'string') found.add(`${value.apiVersion}/${value.kind}`);
      else if (value && typeof value === 'object' && depth < 3) walk(value, depth + 1);
    }
  };
  walk(km, 0);
  return found;
}

function build() {
  const defs = applyPatches(loadSources());

  // Kinds: definitions whose apiVersion and kind are fixed by an enum.
  const removed = {};
  for (const [apiVersion, kinds, version, note] of REMOVED) {
    for (const kind of kinds) {
      for (const k of [kind, `${kind}List`]) removed[`${apiVersion}/${k}`] = note ? { in: version, note } : { in: version };
    }
  }
  const kinds = {};
  for (const [name, def] of Object.entries(defs)) {
    const p = def.properties || {};
    const av = p.apiVersion && p.apiVersion.enum;
    const kind = p.kind && p.kind.enum;
    if (!av || !kind || ADDED_DEFINITIONS[name]) continue;
    if (av.length !== 1 || kind.length !== 1) throw new Error(`${name}: more than one apiVersion/kind`);
    const key = `${av[0]}/${kind[0]}`;
    if (kinds[key]) throw new Error(`${key} defined twice (${kinds[key]}, ${name})`);
    if (!removed[key]) kinds[key] = name;
  }
  // Cross-check: the schemas with fixed apiVersion/kind are exactly the classes kubernetes-models exports.
  const fixed = new Set(Object.keys(kinds).concat(Object.keys(removed).filter(k => refNameOfKind(k, defs))));
  const exported = exportedKinds();
  const mismatch = [...fixed].filter(k => !exported.has(k)).concat([...exported].filter(k => !fixed.has(k)));
  if (mismatch.length > 0) throw new Error(`schemas and kubernetes-models exports disagree on ${mismatch.join(', ')}`);
  for (const [apiVersion, kinds] of REMOVED) {
    for (const kind of kinds) if (!refNameOfKind(`${apiVersion}/${kind}`, defs)) throw new Error(`REMOVED: ${apiVersion}/${kind} is not in the source`);
  }
  Object.assign(kinds, ADDED_KINDS);
  for (const key of UNCHECKED_KINDS) if (kinds[key]) throw new Error(`UNCHECKED_KINDS: ${key} has a schema`);

  // Definitions reachable from the kinds.
  const out = {};
  const extra = {};
  const queue = Object.values(kinds);
  const visit = type => {
    if (type.t === 'ref') queue.push(type.ref);
    if (type.items) visit(type.items);
    if (type.values) visit(type.values);
  };
  while (queue.length > 0) {
    const name = queue.shift();
    if (out[name]) continue;
    const def = defs[name] || extra[name];
    if (!def || !def.properties) throw new Error(`${name} is not an object definition`);
    const properties = {};
    for (const [field, schema] of Object.entries(def.properties)) {
      properties[field] = convert(schema, defs, `${name}.${field}`, extra);
      visit(properties[field]);
    }
    const required = [...new Set(def.required || [])].sort();
    out[name] = required.length > 0 ? { properties, required } : { properties };
  }
  return {
    source: SOURCE,
    kinds,
    removed,
    unchecked: [...UNCHECKED_KINDS].sort(),
    definitions: out,
  };
}

function refNameOfKind(key, defs) {
  const slash = key.lastIndexOf('/');
  const apiVersion = key.slice(0, slash);
  const kind = key.slice(slash + 1);
  for (const [name, def] of Object.entries(defs)) {
    const p = def.properties || {};
    if (p.kind && p.kind.enum && p.kind.enum[0] === kind && p.apiVersion && p.apiVersion.enum && p.apiVersion.enum[0] === apiVersion) return name;
  }
  return undefined;
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

function main() {
  const text = render(build());
  const rel = path.relative(process.cwd(), OUT) || OUT;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : undefined;
    if (current !== text) {
      process.stderr.write(`${rel} is out of date; run node scripts/gen-k8s-schema.js\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
    return;
  }
  fs.writeFileSync(OUT, text);
  const doc = JSON.parse(text);
  process.stdout.write(`wrote ${rel}: ${Object.keys(doc.kinds).length} kinds, ${Object.keys(doc.definitions).length} definitions, ${text.length} bytes\n`);
}

main();
