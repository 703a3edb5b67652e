import * as across from './across';
import { checkObjects, summarizeObject } from './across';
import * as constructs from './constructs';
import * as containers from './containers';
import { CheckOptions, didYouMean, FieldPath, Finding, formatPath, IGNORE_ANNOTATION, ignoredRules, isObject, kubernetesVersionProblem, podSecurityStandardProblem, podTarget, Rule, RuleContext, Severity, show } from './engine';
import * as env from './env';
import * as lifecycle from './lifecycle';
import * as names from './names';
import * as resources from './resources';
import { checkShape, ShapeRuleId } from './schema';
import * as security from './security';
import * as services from './services';
import * as volumes from './volumes';

export * from './engine';
export { checkObjects, summarizeObject, summaryPaths } from './across';
export type { ObjectFinding, ObjectSummary } from './across';


/** The shape rules, checked together in one walk of the object against the schema of the target Kubernetes release. */
const SHAPE_RULES: Rule[] = [
  { id: 'io', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'every file named or found can be read: it exists, is a regular file or a link inside the linted directories, and each document is under 16 MiB (lint only)', check: () => undefined },
  { id: 'encoding', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'the file is UTF-8 text, as kubectl reads it: no invalid bytes; UTF-16 is decoded and checked, and flagged (lint only)', check: () => undefined },
  { id: 'yaml-syntax', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: "the file parses as YAML 1.1, as kubectl reads it (aliases resolve, merge keys name mappings), and no 'key:value' line lacks the space after ':' (lint only)", check: () => undefined },
  { id: 'duplicate-key', family: 'shape', severity: 'error', basis: 'runtime', target: 'object', description: "no mapping key is given twice: one value is silently lost (kubectl keeps the last; the API server's strict decoding rejects a body with both) (lint only)", check: () => undefined },
  { id: 'not-an-object', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'every YAML document and every List item is an object (a mapping), not a list, a scalar or null; items of a bare top-level list are still checked (lint only)', check: () => undefined },
  { id: 'api-version-kind', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'apiVersion and kind name a type the target Kubernetes release (1.28 to 1.34) serves, with the exact spelling (kind: Pod, not pod); removed and not-yet-served API versions name the release', check: () => undefined },
  { id: 'unknown-field', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'every field exists in the schema of the target Kubernetes release, with a did-you-mean for typos (sepc -> spec)', check: () => undefined },
  { id: 'field-type', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'scalar and list types match the schema (quoted "80" ports, unquoted true in nodeSelector, numeric env values), integers are finite whole numbers (not NaN or 0.5) in the range of their type (int32 or int64), and lists of objects have no empty items', check: () => undefined },
  { id: 'required-field', family: 'shape', severity: 'error', basis: 'apiserver', target: 'object', description: 'fields the API server requires are present (a pod has containers, a mount names its volume, a key selector has a key)', check: () => undefined },
  { id: 'duplicate-object', family: 'shape', severity: 'error', basis: 'runtime', target: 'object', description: 'no two objects share apiVersion group, kind, namespace and name, in an app or across the files linted together: kubectl apply would make one overwrite the other', check: () => undefined },
  { id: 'ignore-annotation', family: 'shape', severity: 'warning', basis: 'policy', target: 'object', description: 'the cdk8s-pods.io/ignore annotation names rules that exist', check: () => undefined },
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
  ...collect(names, containers, env, volumes, resources, lifecycle, security, services, across, constructs),
];

const SHAPE_BY_ID = new Map(SHAPE_RULES.map(r => [r.id, r]));
const POD_RULES = RULES.filter(r => r.target === 'pod');
const OBJECT_RULES = RULES.filter(r => r.target === 'object' && r.family !== 'shape');

/** The ids of every rule. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map(r => r.id));

/** Runs every rule on one manifest and returns the findings in rule order. */
export function checkManifest(manifest: any, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  if (!isObject(manifest)) return findings;
  const problem = podSecurityStandardProblem(options.podSecurityStandard) ?? kubernetesVersionProblem(options.kubernetesVersion);
  if (problem) throw new TypeError(problem);
  const disabled = new Set(options.disable ?? []);
  const pod = podTarget(manifest);
  const ignored = ignoredRules(manifest, pod);
  const make = (rule: Rule, severity: Severity) => (segments: FieldPath, message: string) => {
    if (disabled.has(rule.id)) return;
    const finding: Finding = { rule: rule.id, severity, path: formatPath(segments), segments, message };
    if (ignored.rules.has(rule.id)) {
      if (options.keepSuppressed) findings.push({ ...finding, suppressed: { annotation: IGNORE_ANNOTATION, reason: ignored.reason } });
      return;
    }
    findings.push(finding);
  };
  for (const [id, path] of ignored.rules) {
    if (RULE_IDS.has(id)) continue;
    const hint = didYouMean(id, RULE_IDS);
    findings.push({
      rule: 'ignore-annotation', severity: 'warning', path: formatPath(path), segments: path,
      message: `${IGNORE_ANNOTATION} names ${show(id)}, which is not a rule, so nothing is ignored for it; ${hint ? `did you mean '${hint}'?` : 'see `cdk8s-pods rules` for the ids'}`,
    });
  }
  if (options.shape ?? true) {
    checkShape(manifest, (id: ShapeRuleId, segments, message) => make(SHAPE_BY_ID.get(id)!, 'error')(segments, message), options.kubernetesVersion);
  }
  const enforced = options.podSecurityStandard;
  const run = (rule: Rule) => {
    let severity = rule.severity;
    if (rule.podSecurityLevel) {
      // Pod Security checks are policy: they run only when a level is asked for, and then they are errors.
      const covers = enforced === 'restricted' || (enforced === 'baseline' && rule.podSecurityLevel === 'baseline');
      if (!covers) return;
      severity = 'error';
    }
    const ctx: RuleContext = { manifest, pod, options, report: make(rule, severity) };
    try {
      // Pod rules run only where there is a pod (below).
      if (rule.target === 'pod') rule.check({ ...ctx, pod: pod! });
      else rule.check(ctx);
    } catch (e) {
      // A rule that cannot finish on odd input fails closed: the object is reported as not fully checked.
      ctx.report(pod?.specPath ?? [], `the rule stopped on a value it does not understand (${e instanceof Error ? e.message : String(e)}), so this object was not fully checked; fix the field types it names, and report this input to cdk8s-pods`);
    }
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

/**
 * Checks objects that belong together (an app, a folder of manifests): every rule on each object,
 * then the rules about how they refer to each other (a Service and the pods it selects, an Ingress
 * and its Services, a StatefulSet and its headless Service, overlapping selectors). Returns the
 * findings of each object, in the order given.
 */
export function checkManifests(manifests: readonly unknown[], options: CheckOptions = {}): Finding[][] {
  const out = manifests.map(m => checkManifest(m, options));
  for (const { index, finding } of checkObjects(manifests.map(summarizeObject), options)) out[index].push(finding);
  return out;
}
