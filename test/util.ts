import { Chart, Testing, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as km from 'kubernetes-models';
import { checkManifest, POD_WARNING_METADATA } from '../lib';
import { synthErrors as shippedSynthErrors } from '../lib/testing';

type Model = new (data: any) => { validate(): void };

let registry: Map<string, Model> | undefined;

/** Every model class of kubernetes-models, by `apiVersion/kind`. */
function models(): Map<string, Model> {
  if (registry) return registry;
  registry = new Map();
  const walk = (ns: any, depth: number) => {
    for (const v of Object.values(ns)) {
      if (typeof v === 'function' && typeof (v as any).apiVersion === 'string' && typeof (v as any).kind === 'string') {
        registry!.set(`${(v as any).apiVersion}/${(v as any).kind}`, v as any);
      } else if (v && typeof v === 'object' && depth < 3) {
        walk(v, depth + 1);
      }
    }
  };
  walk(km, 0);
  return registry;
}

/**
 * Fails unless every object validates against the Kubernetes schema: the kubernetes-models
 * validators (types, enums, required fields, quantity formats) and our own 1.28 shape check
 * (unknown fields, which the kubernetes-models validators let through).
 */
export function expectSchemaValid(objects: any[]): void {
  const problems: string[] = [];
  for (const obj of objects) {
    const where = `${obj.kind}/${obj.metadata?.name}`;
    const Model = models().get(`${obj.apiVersion}/${obj.kind}`);
    if (!Model) {
      problems.push(`${where}: no schema for ${obj.apiVersion}/${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e: any) {
      problems.push(`${where}: ${e.message}`);
    }
    for (const f of checkManifest(obj)) {
      if (f.rule === 'unknown-field' || f.rule === 'field-type' || f.rule === 'api-version-kind') problems.push(`${where}: ${f.path}: ${f.message}`);
    }
  }
  expect(problems).toEqual([]);
}

/** Synthesizes a chart and checks every object against the schema. */
export function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  expectSchemaValid(objects);
  return objects;
}

/** The single object of a chart. */
export function synthOne(chart: Chart): any {
  const objects = synthValid(chart);
  expect(objects).toHaveLength(1);
  return objects[0];
}

/**
 * What a pod reports when it caught an exception of its own while rendering or checking: a crash
 * in cdk8s-pods dressed as a validation error (`spec.containers[0]: containers[0] could not be
 * rendered (boom); ... report this input to cdk8s-pods`), not a finding of a rule.
 */
const CRASH = /could not be (?:rendered|checked) \(.*\); .*report this input to cdk8s-pods/;

/**
 * The validation errors synth reports, one line each (`[test/Web] field: message [rule-id]`), or
 * `[]` when synth succeeds. Everything else fails the test instead of passing for "no errors" or
 * for an expected error: whatever synth throws that is not cdk8s' "Validation failed with the
 * following errors:" is rethrown (the shipped `cdk8s-pods/testing` helper does that), and so is a
 * crash inside a pod that the pod turned into a validation error (see `CRASH`), unless the test
 * is about such crashes and passes `{ crashes: 'allow' }`.
 */
export function synthErrors(chart: Chart, options: { readonly crashes?: 'allow' } = {}): string[] {
  const texts = shippedSynthErrors(chart).map(e => e.text);
  const crashes = texts.filter(t => CRASH.test(t));
  if (crashes.length > 0 && options.crashes !== 'allow') {
    throw new Error(`synth crashed inside cdk8s-pods (the pod reported the exception as a validation error):\n  ${crashes.join('\n  ')}`);
  }
  return texts;
}

/** Objects as the YAML `cdk8s synth` writes, for snapshots that keep the field order. */
export function toYaml(...objects: any[]): string {
  return Yaml.stringify(...objects);
}

/** What `write` prints to stderr, with the CDK8S_PODS_WARNINGS variable unset (and put back after). */
export async function stderrOf(write: () => void | Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
  const previous = process.env.CDK8S_PODS_WARNINGS;
  delete process.env.CDK8S_PODS_WARNINGS;
  try {
    await write();
  } finally {
    spy.mockRestore();
    if (previous !== undefined) process.env.CDK8S_PODS_WARNINGS = previous;
  }
  return written;
}

/** The warnings recorded on a construct (`POD_WARNING_METADATA`). */
export function recordedWarnings(c: IConstruct): unknown[] {
  return c.node.metadata.filter(m => m.type === POD_WARNING_METADATA).map(m => m.data);
}
