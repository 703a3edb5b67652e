import * as containers from './containers';
import { CheckOptions, FieldPath, Finding, formatPath, isObject, PodTarget, Rule, RuleContext, Severity } from './engine';
import * as env from './env';
import * as lifecycle from './lifecycle';
import * as names from './names';
import * as resources from './resources';
import { checkShape } from './schema';
import * as security from './security';
import * as volumes from './volumes';

export * from './engine';

type ShapeRuleId = 'api-version-kind' | 'unknown-field' | 'field-type';

/** The shape rules, checked together in one walk of the object against the Kubernetes 1.28 schema. */
const SHAPE_RULES: Rule[] = [
  { id: 'yaml-syntax', family: 'shape', severity: 'error', target: 'object', description: "the file parses as YAML 1.1, as kubectl reads it, and no 'key:value' line lacks the space after ':' (lint only)", check: () => undefined },
  { id: 'api-version-kind', family: 'shape', severity: 'error', target: 'object', description: 'apiVersion and kind name a Kubernetes 1.28 type with the exact spelling (kind: Pod, not pod)', check: () => undefined },
  { id: 'unknown-field', family: 'shape', severity: 'error', target: 'object', description: 'every field exists in the Kubernetes 1.28 schema, with a did-you-mean for typos (sepc -> spec)', check: () => undefined },
  { id: 'field-type', family: 'shape', severity: 'error', target: 'object', description: 'scalar and list types match the schema (quoted "80" ports, unquoted true in nodeSelector, numeric env values)', check: () => undefined },
];

/** The rules exported by the family modules, in family order, then by id: a stable order for findings. */
function collect(...modules: object[]): Rule[] {
  return modules.flatMap(m => Object.values(m)
    .filter((r: any): r is Rule => r && typeof r.id === 'string' && typeof r.check === 'function')
    .sort((a, b) => a.id.localeCompare(b.id)));
}

/** Every rule, shape rules first, then by family. */
export const RULES: readonly Rule[] = [
  ...SHAPE_RULES,
  ...collect(names, containers, env, volumes, resources, lifecycle, security),
];

const SHAPE_BY_ID = new Map(SHAPE_RULES.map(r => [r.id, r]));
const POD_RULES = RULES.filter(r => r.target === 'pod');
const OBJECT_RULES = RULES.filter(r => r.target === 'object' && r.family !== 'shape');

/** Where the pod spec sits in each kind that has one. */
const POD_PATHS: { [kind: string]: string[] } = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** The pod inside a manifest: a Pod's own spec or a workload's pod template. */
export function podTarget(manifest: any): PodTarget | undefined {
  const base = POD_PATHS[manifest?.kind];
  if (!base) return undefined;
  let holder: any = manifest;
  for (const seg of base) {
    holder = holder?.[seg];
  }
  if (!isObject(holder) || !isObject(holder.spec)) return undefined;
  return { spec: holder.spec, specPath: [...base, 'spec'], metadata: holder.metadata, metadataPath: [...base, 'metadata'], ownerKind: manifest.kind };
}

/** Runs every rule on one manifest and returns the findings in rule order. */
export function checkManifest(manifest: any, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  if (!isObject(manifest)) return findings;
  const make = (rule: Rule, severity: Severity) => (segments: FieldPath, message: string) => {
    findings.push({ rule: rule.id, severity, path: formatPath(segments), segments, message });
  };
  if (options.shape ?? true) {
    checkShape(manifest, (id: ShapeRuleId, segments, message) => make(SHAPE_BY_ID.get(id)!, 'error')(segments, message));
  }
  const pod = podTarget(manifest);
  const enforced = options.podSecurityStandard;
  const run = (rule: Rule) => {
    let severity = rule.severity;
    if (rule.podSecurityLevel) {
      const covers = enforced === 'restricted' || (enforced === 'baseline' && rule.podSecurityLevel === 'baseline');
      if (rule.podSecurityLevel === 'restricted' && !covers) return;
      severity = covers ? 'error' : 'warning';
    }
    const ctx: RuleContext = { manifest, pod, options, report: make(rule, severity) };
    rule.check(ctx);
  };
  if (manifest.kind === 'List' && Array.isArray(manifest.items)) {
    // kubectl get -o yaml writes a List; its items are objects of their own (shape rules walk them already).
    manifest.items.forEach((item: unknown, i: number) => {
      for (const f of checkManifest(item, { ...options, shape: false })) {
        const segments = ['items', i, ...f.segments];
        findings.push({ ...f, segments, path: formatPath(segments) });
      }
    });
    return findings;
  }
  for (const rule of OBJECT_RULES) run(rule);
  if (pod) for (const rule of POD_RULES) run(rule);
  return findings;
}

/** A finding as one line: `spec.containers[1].ports[0].containerPort: <message> [rule-id]`. */
export function formatFinding(f: Finding): string {
  return `${f.path}: ${f.message} [${f.rule}]`;
}
