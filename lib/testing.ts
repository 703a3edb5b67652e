// Testing helpers for app repos, shipped as `cdk8s-pods/testing`: snapshot text that keeps the
// field order, and assertions that read like the manifests. They throw plain Errors with the
// construct-free facts (kind, name, path, expected and found values), so they work under any test
// runner (jest, vitest, node:test, mocha).
import { Chart, Testing, Yaml } from 'cdk8s';

/** An object synthesized by a chart: apiVersion, kind, metadata and the rest. */
export type Manifest = { readonly apiVersion?: string; readonly kind?: string; readonly metadata?: { readonly name?: string; readonly namespace?: string }; readonly [field: string]: any };

/** The prefix of the message cdk8s throws when validation fails. */
const VALIDATION_FAILED = 'Validation failed with the following errors:\n';

/**
 * The manifests of a chart, for assertions:
 *
 * ```ts
 * const m = Manifests.of(chart);
 * m.expectFields('Pod', 'trainer', { spec: { nodeSelector: { gpu: 'true' } } });
 * expect(m.yaml()).toMatchSnapshot();
 * ```
 */
export class Manifests {
  /** Synthesizes a chart (its validations included: a failing chart throws). */
  public static of(chart: Chart): Manifests {
    return new Manifests(Testing.synth(chart));
  }

  private constructor(
    /** The objects, in the order the chart synthesizes them. */
    public readonly objects: readonly Manifest[],
  ) {}

  /** The YAML `cdk8s synth` writes for the chart, field order preserved: snapshot text to review like code. */
  public yaml(): string {
    return Yaml.stringify(...this.objects);
  }

  /** The objects of a kind, in order. */
  public ofKind(kind: string): Manifest[] {
    return this.objects.filter(o => o.kind === kind);
  }

  /**
   * The one object with this kind and name (and namespace, when given).
   * @throws when there is none, or more than one, listing the objects there are
   */
  public find(kind: string, name: string, namespace?: string): Manifest {
    const found = this.objects.filter(o => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
    if (found.length === 1) return found[0];
    const what = `${kind} '${name}'${namespace !== undefined ? ` in namespace '${namespace}'` : ''}`;
    const there = this.objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ') || 'none';
    throw new Error(found.length === 0
      ? `no ${what} in the chart; the objects are: ${there}`
      : `${found.length} objects are ${what}; give the namespace to tell them apart`);
  }

  /**
   * Checks that the object has every field of `expected`, with the same values: objects are
   * compared field by field (other fields may exist), arrays item by item and whole (same length),
   * scalars with `===`.
   * @throws at the first difference, with its path, the expected and the found value
   */
  public expectFields(kind: string, name: string, expected: object, namespace?: string): void {
    const problem = subsetProblem(this.find(kind, name, namespace), expected, '');
    if (problem) throw new Error(`${kind} '${name}': ${problem}`);
  }
}

/** Where `actual` does not contain `expected`, or undefined when it does. */
function subsetProblem(actual: unknown, expected: unknown, path: string): string | undefined {
  const at = path === '' ? 'the object' : path;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at} is ${describe(actual)}, expected a list of ${expected.length}`;
    if (actual.length !== expected.length) return `${at} has ${actual.length} items, expected ${expected.length}: ${describe(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const p = subsetProblem(actual[i], expected[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${at} is ${describe(actual)}, expected an object`;
    for (const [key, value] of Object.entries(expected)) {
      const p = subsetProblem((actual as any)[key], value, path === '' ? key : `${path}.${key}`);
      if (p) return p;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${at} is ${describe(actual)}, expected ${describe(expected)}`;
}

function describe(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** One validation error of a failed synth: the construct path, the field, the message and the rule id. */
export interface SynthError {
  /** `app/Web`: the construct path, without brackets. */
  readonly path: string;
  /** The whole line, as `cdk8s synth` prints it. */
  readonly text: string;
  /** The rule id at the end of the line (`port-clash`), when there is one. */
  readonly rule?: string;
}

/**
 * The validation errors a chart's synth reports, or `[]` when it synthesizes. Anything else synth
 * throws is rethrown, so a crash never passes for "no errors".
 */
export function synthErrors(chart: Chart): SynthError[] {
  try {
    Testing.synth(chart);
    return [];
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith(VALIDATION_FAILED)) throw e;
    return e.message.slice(VALIDATION_FAILED.length).split('\n').map(l => l.trim()).filter(l => l !== '').map(text => {
      const m = /^\[([^\]]*)\]/.exec(text);
      const rule = /\[([a-z0-9-]+)\]$/.exec(text)?.[1];
      return { path: m?.[1] ?? '', text, rule };
    });
  }
}

/**
 * Checks that synth fails with exactly these rule ids (in any order, each as often as given) and
 * returns the errors for closer assertions.
 * @throws when synth passes or the rule ids differ, listing the errors there were
 */
export function expectSynthFails(chart: Chart, rules: readonly string[]): SynthError[] {
  const errors = synthErrors(chart);
  if (errors.length === 0) throw new Error(`synth passed; expected it to fail with ${rules.join(', ')}`);
  const got = errors.map(e => e.rule ?? '(no rule id)').sort();
  const want = [...rules].sort();
  if (got.length !== want.length || got.some((r, i) => r !== want[i])) {
    throw new Error(`synth failed with ${got.join(', ')}; expected ${want.join(', ')}:\n  ${errors.map(e => e.text).join('\n  ')}`);
  }
  return errors;
}
