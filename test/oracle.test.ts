// Agreement of the rule set with the real API server, on the recorded verdicts of the oracle
// (oracle/, npm run oracle; test/oracle/verdicts-<version>.json). Node-only: the verdicts are
// committed, and `npm run oracle -- --check` (CI, where Go is installed) keeps them fresh.
//
// For every object of the corpus (test/corpus, dist/):
//   recall     the oracle rejects it  -> lint reports at least one error
//   precision  the oracle accepts it  -> lint reports no error of an `apiserver`-basis rule
//              (`runtime` and `policy` rules may: the server accepts what they are about)
// The disagreements that remain are listed below, each with its reason; the test fails when one
// is fixed (remove it from the list) or a new one appears.
import * as fs from 'fs';
import * as path from 'path';
import { lintText, RULES } from '../lib';
import type { FileFinding } from '../lib';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle: {
  VERSIONS: string[];
  readVerdicts(version: string): { kubernetes: string; files: { [file: string]: string }; objects: Verdict[] };
  staleFiles(version: string): string[];
  yamlDocuments(text: string): string[];
} = require('../scripts/oracle.js');

interface Verdict {
  readonly file: string;
  readonly doc: number;
  readonly item: number | null;
  readonly kind: string;
  readonly name: string;
  readonly verdict: 'accepted' | 'rejected' | 'unparsable' | 'unsupported';
  readonly errors: Array<{ field: string; type: string; detail: string }>;
}

const ROOT = path.join(__dirname, '..');
const BASIS = new Map(RULES.map(r => [r.id, r.basis]));

/** Disagreements known today, by version: `file#doc` and the rule or `missed`, with the reason. */
const KNOWN: { [version: string]: { [object: string]: string } } = {
  '1.28': {
    // The lint schema is 1.28 but does not yet model the SidecarContainers gate (off in 1.28): the
    // server drops the init container's restartPolicy and then forbids its probes. Issue 8 (versions).
    'test/corpus/valid/native-sidecar-log-shipper.yaml#0 missed': 'native sidecars need the SidecarContainers gate in 1.28',
    // 1.28 does not validate a StatefulSet's pod template beyond labels and annotations (a TODO in
    // ValidatePodTemplateSpecForStatefulSet): the StatefulSet is accepted and its pods then fail to
    // be created, a run-time failure. 1.34 rejects both.
    'test/corpus/invalid/enum-value-image-pull-policy-if-not-present.yaml#0 enum-value': '1.28 does not validate StatefulSet pod templates',
    'test/corpus/invalid/mount-undeclared-no-volumes.yaml#0 mount-undeclared': '1.28 does not validate StatefulSet pod templates',
  },
  '1.34': {
    // RelaxedEnvironmentVariableValidation is on by default from 1.32: any printable ASCII but '='.
    // The rules know 1.28 only until --kubernetes-version lands (issue 8).
    'test/corpus/invalid/env-name-leading-digit.yaml#0 env-name': 'relaxed env var names from 1.32',
    'test/corpus/invalid/env-name-space.yaml#0 env-name': 'relaxed env var names from 1.32',
  },
};

/** The errors lint reports for the object a verdict is about. */
function lintErrors(v: Verdict, documents: Map<string, { docs: string[]; podSecurity?: 'baseline' | 'restricted' }>): FileFinding[] {
  let file = documents.get(v.file);
  if (!file) {
    const text = fs.readFileSync(path.join(ROOT, v.file), 'utf8');
    const level = /^#\s*pod-security:\s*(baseline|restricted)\s*$/m.exec(text)?.[1] as 'baseline' | 'restricted' | undefined;
    file = { docs: oracle.yamlDocuments(text), podSecurity: level };
    documents.set(v.file, file);
  }
  const errors = lintText(file.docs[v.doc], v.file, file.podSecurity ? { podSecurityStandard: file.podSecurity } : {}).filter(f => f.severity === 'error');
  return v.item === null ? errors : errors.filter(f => f.path === '' || f.path.startsWith(`items[${v.item}]`));
}

/** The agreement of lint with one version's verdicts. */
function agreement(version: string) {
  const documents = new Map<string, { docs: string[]; podSecurity?: 'baseline' | 'restricted' }>();
  const disagreements: string[] = [];
  const counts = { rejected: 0, caught: 0, accepted: 0, clean: 0 };
  for (const v of oracle.readVerdicts(version).objects) {
    if (v.verdict === 'unsupported') continue;
    const id = `${v.file}#${v.doc}${v.item !== null ? `/${v.item}` : ''}`;
    const errors = lintErrors(v, documents);
    if (v.verdict === 'accepted') {
      counts.accepted++;
      const wrong = [...new Set(errors.filter(f => BASIS.get(f.rule) === 'apiserver').map(f => f.rule))];
      if (wrong.length === 0) counts.clean++;
      disagreements.push(...wrong.map(rule => `${id} ${rule}`));
    } else {
      counts.rejected++;
      if (errors.length > 0) counts.caught++;
      else disagreements.push(`${id} missed`);
    }
  }
  return { counts, disagreements: disagreements.sort() };
}

describe.each(oracle.VERSIONS)('agreement with the API server of Kubernetes %s', version => {
  let result: ReturnType<typeof agreement>;
  beforeAll(() => {
    result = agreement(version);
  });

  test('the recorded verdicts match the corpus (else: npm run oracle, which needs Go)', () => {
    expect(oracle.staleFiles(version)).toEqual([]);
  });

  test('every rejected object gets a lint error, and no apiserver rule fires on an accepted one, but for the known cases', () => {
    expect(result.disagreements).toEqual(Object.keys(KNOWN[version] ?? {}).sort());
  });

  test('the corpus exercises both sides', () => {
    expect(result.counts.rejected).toBeGreaterThan(100);
    expect(result.counts.accepted).toBeGreaterThan(50);
  });
});

test('every rule declares its basis', () => {
  expect(RULES.filter(r => !['apiserver', 'runtime', 'policy'].includes(r.basis)).map(r => r.id)).toEqual([]);
  expect(RULES.filter(r => r.podSecurityLevel !== undefined && r.basis !== 'policy').map(r => r.id)).toEqual([]);
});
