// The construct property (issue 8, "Constructs"): for construct props generated within their
// TypeScript types (test/property/arbitraries.ts: Pod, SidecarPod, GpuPod and SharedVolumePod, and
// what is added after construction), either
//   - synth fails, and every error names a construct path and a rule id (a crash or stack trace
//     fails the property), or
//   - synth succeeds, and the API server accepts every object it emits, at Kubernetes 1.28 and 1.34:
//     the oracle's verdicts (oracle/, node scripts/oracle.js) recorded for the objects that
//     scripts/gen-property-cases.js writes to test/oracle/property/cases.yaml, matched by the
//     sha256 of each document's text.
// The cases are a fixed sample (SEED, NUM_RUNS in test/property/cases.ts), so their verdicts can be
// recorded; fc.assert runs the same property over the same values, and shrinks a failure to a
// minimal counterexample (judging the shrunk cases live when the oracle programs are built).
//
// At the time of writing: 800 cases (Pod 335, SharedVolumePod 160, GpuPod 154, SidecarPod 151),
// 388 synthesize (353 objects written to cases.yaml, 35 cases KNOWN below) and 412 fail synth with
// construct-path errors (54 rule ids among them); the oracle accepts all 353 objects at 1.28 and 1.34.
// The KNOWN exclusions (test/property/known.ts) are objects the oracle rejects for a reason that is
// not a bug here: a projected service account token without serviceAccountName (a real API
// server's ServiceAccount admission sets serviceAccountName first; the oracle runs no admission),
// env fieldRef status.hostIPs (PodHostIPs is off in 1.28, on from 1.29) and a net.* sysctl in a
// hostNetwork pod (rejected from 1.29). After a change to the constructs, the rules or the
// arbitraries: node scripts/gen-property-cases.js && node scripts/oracle.js.
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { caseArbitrary, PropertyCase } from './property/arbitraries';
import { CASES_FILE, casesFile, exclusionsOf, malformedErrors, NUM_RUNS, Outcome, REGENERATE, sampleCases, SEED, synthCase } from './property/cases';
import { KNOWN, KnownExclusion, knownFor } from './property/known';
import { judgeLive, liveOracleAvailable, recordedVerdicts, sha256, Verdict, VERSIONS, yamlDocuments } from './property/oracle';

const ROOT = path.join(__dirname, '..');

// ---- The sample, synthesized once ---------------------------------------------------------------

type Result = Outcome | { readonly crash: unknown };

function run(c: PropertyCase): Result {
  try {
    return synthCase(c);
  } catch (e) {
    return { crash: e };
  }
}

const cases = sampleCases();
const results = cases.map(run);
const synthesized = results.filter((r): r is Outcome & { synth: true } => 'synth' in r && r.synth);
const known = synthesized.filter(r => exclusionsOf(r).length > 0);
const failed = results.filter(r => 'synth' in r && !r.synth).length;
const crashed = results.filter(r => 'crash' in r).length;

/** The expected cases file, and its documents by case: the header belongs to the first document. */
const expectedFile = casesFile(results.map(r => ('crash' in r ? { synth: false as const, errors: [] } : r)));
const docsByCase = new Map<number, string[]>();
for (const doc of yamlDocuments(expectedFile)) {
  const n = /^# case (\d+)$/m.exec(doc);
  if (n) docsByCase.set(Number(n[1]), [...(docsByCase.get(Number(n[1])) ?? []), doc]);
}
const objectCount = [...docsByCase.values()].reduce((n, d) => n + d.length, 0);

/** The case a list of synthesized objects belongs to, so fc.assert's values find their recorded verdicts. */
const caseOf = new Map<string, number>();
results.forEach((r, i) => {
  if ('synth' in r && r.synth) {
    const key = JSON.stringify(r.objects);
    if (!caseOf.has(key)) caseOf.set(key, i);
  }
});

const recorded = new Map(VERSIONS.map(v => [v, recordedVerdicts(v)]));
const live = liveOracleAvailable();
/** Live verdicts by version and document text, so each document is judged once. */
const liveCache = new Map<string, Map<string, Verdict>>(VERSIONS.map(v => [v, new Map()]));

function liveVerdicts(version: string, docs: string[]): Verdict[] {
  const cache = liveCache.get(version)!;
  const missing = [...new Set(docs.filter(d => !cache.has(d)))];
  if (missing.length > 0) for (const v of judgeLive(version, missing)) cache.set(missing[v.doc], v);
  return docs.map(d => cache.get(d)!);
}

// ---- Judging -------------------------------------------------------------------------------------

const where = (o: any) => `${o?.kind} '${o?.metadata?.name}'`;
const errorsText = (v: Verdict) => v.errors.map(e => `${e.field}: ${e.detail}`).join('; ');

/**
 * What is wrong with the objects of a case that synthesizes: [] when the API server accepts every
 * one at every version, but for the KNOWN exclusions. `label` names the case in messages.
 * `unverified` is set when a case could not be judged (KNOWN or shrunk, and no oracle programs).
 */
function judge(label: string, objects: any[], docs: string[] | undefined): { problems: string[]; unverified: boolean } {
  const exclusions = [...new Set(objects.flatMap(knownFor))];
  if (exclusions.length === 0 && docs !== undefined) {
    const problems: string[] = [];
    for (const version of VERSIONS) {
      docs.forEach((doc, i) => {
        const v = recorded.get(version)!.get(sha256(doc));
        if (v === undefined) problems.push(`${label}: ${where(objects[i])} has no recorded verdict at ${version}; the cases or the verdicts are stale, so run ${REGENERATE}`);
        else if (v.verdict !== 'accepted') problems.push(`${label}: synth passed, but the ${version} API server rejects ${where(objects[i])} (${v.verdict}): ${errorsText(v)}`);
      });
    }
    return { problems, unverified: false };
  }
  if (!live) return { problems: [], unverified: true };
  const texts = objects.map(o => Yaml.stringify(o));
  const problems: string[] = [];
  for (const version of VERSIONS) {
    liveVerdicts(version, texts).forEach((v, i) => {
      const here = exclusions.filter(k => k.versions.includes(version) && k.applies(objects[i]));
      const unexplained = v.errors.filter(e => !here.some(k => k.explains(e)));
      if (v.verdict !== 'accepted' && (unexplained.length > 0 || here.length === 0)) {
        problems.push(`${label}: synth passed, but the ${version} API server rejects ${where(objects[i])} (${v.verdict}): ${errorsText({ ...v, errors: unexplained.length > 0 ? unexplained : v.errors })}`);
      }
      for (const k of here.filter(x => !v.errors.some(e => x.explains(e)))) {
        problems.push(`${label}: the KNOWN exclusion ${k.id} no longer holds at ${version} for ${where(objects[i])} (${v.verdict}); fix its applies() or remove it from test/property/known.ts`);
      }
    });
  }
  return { problems, unverified: false };
}

/** The property for one case, as fc.assert checks it: throws with what is wrong. */
function property(c: PropertyCase): void {
  let outcome: Outcome;
  try {
    outcome = synthCase(c);
  } catch (e) {
    throw new Error(`synth crashed instead of failing with validation errors: ${e instanceof Error ? e.stack : String(e)}`);
  }
  if (!outcome.synth) {
    const bad = malformedErrors(outcome.errors);
    if (bad.length > 0) throw new Error(`synth errors without a construct path or a rule id:\n  ${bad.map(e => e.text).join('\n  ')}`);
    return;
  }
  const index = caseOf.get(JSON.stringify(outcome.objects));
  const { problems } = judge(index === undefined ? 'the case' : `case ${index}`, outcome.objects, index === undefined ? undefined : docsByCase.get(index));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

// ---- The tests -----------------------------------------------------------------------------------

const byKnown = (k: KnownExclusion) => known.filter(r => exclusionsOf(r).includes(k)).length;

describe(`construct property, seed ${SEED}: ${NUM_RUNS} cases, ${synthesized.length} synthesize (${objectCount} objects recorded, ${known.length} KNOWN), ${failed} fail synth with construct-path errors, ${crashed} crash`, () => {
  test(`${CASES_FILE} holds the objects of the cases that synthesize (else: ${REGENERATE})`, () => {
    const file = path.join(ROOT, CASES_FILE);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (committed !== expectedFile) {
      throw new Error(`${CASES_FILE} is ${committed === undefined ? 'missing' : 'stale'}: the arbitraries, the constructs or the rules changed; run ${REGENERATE}`);
    }
  });

  test('no case crashes at synth: a mistake is a validation error, never a stack trace', () => {
    const crashes = results.flatMap((r, i) => ('crash' in r ? [`case ${i}: ${r.crash instanceof Error ? r.crash.stack : String(r.crash)}\n  ${fc.stringify(cases[i])}`] : []));
    expect(crashes).toEqual([]);
  });

  test(`every case that fails synth (${failed}) fails with errors that each name a construct path and a rule id`, () => {
    const bad = results.flatMap((r, i) => ('synth' in r && !r.synth ? malformedErrors(r.errors).map(e => `case ${i}: ${e.text}`) : []));
    expect(bad).toEqual([]);
  });

  test(`every object of a case that synthesizes (${objectCount}) is accepted by the API server at ${VERSIONS.join(' and ')} (recorded verdicts)`, () => {
    const problems: string[] = [];
    results.forEach((r, i) => {
      if (!('synth' in r) || !r.synth || exclusionsOf(r).length > 0) return;
      problems.push(...judge(`case ${i}`, r.objects, docsByCase.get(i) ?? []).problems);
    });
    expect(problems).toEqual([]);
  });

  (live ? test : test.skip)(`the KNOWN cases (${KNOWN.map(k => `${k.id}: ${byKnown(k)}`).join(', ')}) are rejected for their known reason only (judged live by the oracle programs)`, () => {
    for (const version of VERSIONS) liveVerdicts(version, known.flatMap(r => r.objects.map(o => Yaml.stringify(o)))); // one run per version
    const problems = known.flatMap(r => judge(`case ${results.indexOf(r)}`, r.objects, undefined).problems);
    expect(problems).toEqual([]);
  });

  test('fc.assert over the same arbitrary, seed and runs: a failure shrinks to a minimal counterexample', () => {
    fc.assert(fc.property(caseArbitrary, c => property(c)), { seed: SEED, numRuns: NUM_RUNS });
  });

  test('both sides of the property are exercised in substantial numbers', () => {
    expect(objectCount).toBeGreaterThan(NUM_RUNS / 4);
    expect(failed).toBeGreaterThan(NUM_RUNS / 4);
    expect(new Set(synthesized.map(r => cases[results.indexOf(r)].construct)).size).toBe(4);
  });
});
