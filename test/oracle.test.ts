// Agreement of the rule set with the real API server, on the recorded verdicts of the oracle
// (oracle/, npm run oracle; test/oracle/verdicts-<version>.json). Node-only: the verdicts are
// committed, and `npm run oracle -- --check` (CI, where Go is installed) keeps them fresh.
//
// Two corpora, reported apart:
//   corpus     the lint corpus (test/corpus) and the example app's dist/
//   mutations  the generated mutation corpus (test/oracle/mutations, scripts/gen-mutations.js):
//              single-mistake mutations of valid objects, named by their `# mutation <n>` line
// For every object of each (scripts/agreement.ts: lint runs at the oracle's release):
//   recall     the oracle rejects it  -> lint reports at least one error
//   precision  the oracle accepts it  -> lint reports no error of an `apiserver`-basis rule
//              (`runtime` and `policy` rules may: the server accepts what they are about; and
//              before 1.34 a StatefulSet's pod template is checked only when its pods are made)
// The disagreements that remain are listed below, each with its reason; the test fails when one
// is fixed (remove it from the list) or a new one appears.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { lintText, RULES } from '../lib';
import { agreement, agreementTables, renderAgreement } from '../scripts/agreement';
import type { Agreement, Counts } from '../scripts/agreement';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle: {
  VERSIONS: string[];
  readVerdicts(version: string): { objects: Array<{ file: string; kind: string; name: string; verdict: string }> };
  staleFiles(version: string): string[];
  yamlDocuments(text: string): string[];
} = require('../scripts/oracle.js');

/** The options of lintText, whatever they hold (kubernetesVersion among them). */
type LintTextOptions = NonNullable<Parameters<typeof lintText>[2]>;

const ROOT = path.join(__dirname, '..');
const MUTATIONS_DIR = 'test/oracle/mutations/';

const CORPORA = [
  { id: 'corpus', title: 'the lint corpus and dist/', holds: (file: string) => file.startsWith('test/corpus/') || file.startsWith('dist/') },
  { id: 'mutations', title: 'the mutation corpus', holds: (file: string) => file.startsWith(MUTATIONS_DIR) },
  { id: 'property', title: 'the construct property cases', holds: (file: string) => file.startsWith('test/oracle/property/') },
] as const;
type CorpusId = typeof CORPORA[number]['id'];

/** Disagreements known today on the lint corpus and dist/, by version: `file#doc` and the rule or `missed`, with the reason. */
const KNOWN: { [version: string]: { [object: string]: string } } = {
  '1.28': {},
  '1.34': {},
};

/**
 * Disagreements known today on the mutation corpus, grouped by reason: `<n> <rule>` (an apiserver
 * rule fired on an object the server accepts) or `<n> missed` (no lint error on an object it rejects),
 * <n> the number of the `# mutation <n>` line. `schema/version: lead` marks what needs the schema
 * walk (lib/rules/schema.ts) or the per-release behaviour of the rules.
 */
const KNOWN_MUTATIONS: Array<{ reason: string; '1.28'?: string[]; '1.34'?: string[] }> = [
  {
    reason: 'schema/version: lead — spec.resources (pod-level resources, beta and on by default in 1.34) is a PodSpec field at 1.34, so container resources moved there are judged as pod resources; the 1.28 schema of lint has no such field',
    '1.34': [
      '3978 missed', '4008 missed',
    ],
  },
  {
    reason: "cluster configuration: the oracle allocates cluster IPs from kubeadm's 10.96.0.0/12 service range, which lint cannot know",
    '1.28': [
      '2515 missed',
    ],
    '1.34': [
      '2515 missed',
    ],
  },
  {
    reason: 'oracle: no admission plugins run; the ServiceAccount plugin sets serviceAccountName: default before validation, which then accepts the projected token',
    '1.28': [
      '4363 missed',
    ],
    '1.34': [
      '4363 missed',
    ],
  },
];

/** `test/oracle/mutations/<file>#<doc>` -> the number of its `# mutation <n>` line. */
function mutationNumbers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(path.join(ROOT, MUTATIONS_DIR)).filter(f => f.endsWith('.yaml'))) {
    oracle.yamlDocuments(fs.readFileSync(path.join(ROOT, MUTATIONS_DIR, file), 'utf8')).forEach((doc, i) => {
      const n = /^# mutation (\d+):/m.exec(doc)?.[1];
      if (n !== undefined) out.set(`${MUTATIONS_DIR}${file}#${i}`, n);
    });
  }
  return out;
}

interface Result {
  readonly counts: Counts;
  readonly disagreements: string[];
}

/**
 * The agreement of lint with one version's verdicts (scripts/agreement.ts, which the README's tables
 * come from: each object linted once, at the oracle's release), per corpus; a mutation is named by
 * its number.
 */
function agreementByCorpus(version: string): { [corpus in CorpusId]: Result } {
  const result = agreementAt(version);
  const numbers = mutationNumbers();
  const sum = (names: string[]): Counts => {
    const total: Counts = { rejected: 0, caught: 0, accepted: 0, clean: 0 };
    for (const name of names) {
      const c = result.byCorpus.get(name)!;
      for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
    }
    return total;
  };
  const named = (d: string) => {
    const space = d.lastIndexOf(' ');
    const id = d.slice(0, space);
    return `${numbers.get(id.replace(/\/\d+$/, '')) ?? id} ${d.slice(space + 1)}`;
  };
  const of = (corpus: CorpusId) => result.disagreements.filter(d => CORPORA.find(c => c.id === corpus)!.holds(d)).map(named).sort();
  return {
    corpus: { counts: sum(['lint corpus', 'example app (dist/)']), disagreements: of('corpus') },
    mutations: { counts: sum(['mutations']), disagreements: of('mutations') },
    property: { counts: sum(['construct properties']), disagreements: of('property') },
  };
}

/** The known disagreements of a corpus at a version. */
function known(corpus: CorpusId, version: string): string[] {
  if (corpus === 'corpus') return Object.keys(KNOWN[version] ?? {}).sort();
  if (corpus === 'property') return [];
  return KNOWN_MUTATIONS.flatMap(k => k[version as '1.28' | '1.34'] ?? []).sort();
}

const RESULTS = new Map<string, Agreement>();
/** One lint of the whole corpus per release, shared by the tests below. */
function agreementAt(version: string): Agreement {
  if (!RESULTS.has(version)) RESULTS.set(version, agreement(version));
  return RESULTS.get(version)!;
}

test("the README's agreement tables are those of the recorded verdicts (npm run docs)", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  expect(readme).toEqual(renderAgreement(readme, agreementTables(oracle.VERSIONS.map(agreementAt))));
});

describe.each(oracle.VERSIONS)('agreement with the API server of Kubernetes %s', version => {
  let result: ReturnType<typeof agreementByCorpus>;
  beforeAll(() => {
    result = agreementByCorpus(version);
  });

  test('the recorded verdicts match the corpus (else: npm run oracle, which needs Go)', () => {
    expect(oracle.staleFiles(version)).toEqual([]);
  });

  describe.each(CORPORA.map(c => [c.title, c.id] as const))('on %s', (_title, corpus) => {
    test('every rejected object gets a lint error, and no apiserver rule fires on an accepted one, but for the known cases', () => {
      expect(result[corpus].disagreements).toEqual(known(corpus, version));
    });

    test('the corpus exercises both sides', () => {
      const { counts } = result[corpus];
      // The property cases are what synthesized without errors: all of them are meant to be accepted.
      expect(counts.rejected).toBeGreaterThan(corpus === 'mutations' ? 3500 : corpus === 'property' ? -1 : 100);
      expect(counts.accepted).toBeGreaterThan(corpus === 'mutations' ? 1000 : corpus === 'property' ? 300 : 50);
    });
  });
});

describe('the mutation corpus', () => {
  test('is what scripts/gen-mutations.js makes from its seed (node scripts/gen-mutations.js --check)', () => {
    const r = spawnSync(process.execPath, [path.join('scripts', 'gen-mutations.js'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: r.status, output: r.status === 0 ? '' : `${r.stdout}${r.stderr}` }).toEqual({ status: 0, output: '' });
  });

  test('has at least 5,000 mutations, each after its # mutation line, in files under 2 MB', () => {
    const files = fs.readdirSync(path.join(ROOT, MUTATIONS_DIR)).filter(f => f.endsWith('.yaml') && f !== 'bases.yaml');
    let count = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(ROOT, MUTATIONS_DIR, f), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThan(2 * 1024 * 1024);
      const docs = oracle.yamlDocuments(text);
      expect(docs.filter(d => !/^# mutation \d+: \S+ \S.*: .+$/m.test(d)).length).toBe(0);
      count += docs.length;
    }
    expect(count).toBeGreaterThanOrEqual(5000);
  });

  test.each(oracle.VERSIONS)('starts from base objects that the API server of %s accepts', version => {
    const bases = oracle.readVerdicts(version).objects.filter(v => v.file === `${MUTATIONS_DIR}bases.yaml`);
    expect(bases.length).toBeGreaterThanOrEqual(12);
    expect(bases.filter(v => v.verdict !== 'accepted').map(v => `${v.kind} ${v.name}: ${v.verdict}`)).toEqual([]);
  });

  test('every known disagreement has a reason and is listed once', () => {
    const all = KNOWN_MUTATIONS.flatMap(k => oracle.VERSIONS.flatMap(v => (k[v as '1.28' | '1.34'] ?? []).map(id => `${v} ${id}`)));
    expect(KNOWN_MUTATIONS.filter(k => k.reason.trim() === '')).toEqual([]);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });
});

test('every rule declares its basis', () => {
  expect(RULES.filter(r => !['apiserver', 'runtime', 'policy'].includes(r.basis)).map(r => r.id)).toEqual([]);
  expect(RULES.filter(r => r.podSecurityLevel !== undefined && r.basis !== 'policy').map(r => r.id)).toEqual([]);
});

// The rules fixed or added for disagreements the mutation corpus showed, with their exact messages.
describe('rules fixed on the mutation corpus', () => {
  const errors = (yaml: string, version = '1.28') => {
    const options: LintTextOptions = { kubernetesVersion: version as LintTextOptions['kubernetesVersion'] };
    return lintText(yaml, 'fix.yaml', options).filter(f => f.severity === 'error').map(f => `${f.rule} ${f.path}: ${f.message}`);
  };
  const deployment = (spec: string, template = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
${spec}  template:
    metadata:
      labels:
        app: api
    spec:
${template}      containers:
        - name: api
          image: registry.example.com/api:1.4.0
`;

  test('image: spaces around the image fail a Pod, but not a pod template, which the API server lets through', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: " nginx:1.25"\n';
    expect(errors(pod)).toEqual(["image spec.containers[0].image: image ' nginx:1.25' of container 'c' has leading or trailing spaces; use 'nginx:1.25'"]);
    expect(errors(deployment('').replace('image: registry.example.com/api:1.4.0', 'image: "registry.example.com/api:1.4.0 "'))).toEqual([]);
  });

  test('item-path: a projected service account token may share its path with a file of another source', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: app
  containers:
    - name: c
      image: nginx:1.25
  volumes:
    - name: token
      projected:
        sources:
          - serviceAccountToken:
              path: token
          - secret:
              name: extra
              items:
                - key: token
                  path: token
`;
    expect(errors(pod)).toEqual([]);
  });

  test('scheduling: maxSkew at least 1, while a topology spread topologyKey is only required, not checked as a label key', () => {
    const template = '      topologySpreadConstraints:\n        - maxSkew: 0\n          topologyKey: topology.example_x/zone\n          whenUnsatisfiable: ScheduleAnyway\n';
    expect(errors(deployment('', template))).toEqual([
      'scheduling spec.template.spec.topologySpreadConstraints[0].maxSkew: topology spread maxSkew 0 must be at least 1 (1 spreads pods evenly); use 1 or more',
    ]);
  });

  test('selector: a workload whose template lost its labels', () => {
    expect(errors(deployment('').replace('      labels:\n        app: api\n', ''))).toEqual([
      'selector spec.template.metadata.labels: the selector of the Deployment does not select its pod template, which has no labels; the Deployment would never find its pods, so make selector.matchLabels a subset of the template labels',
    ]);
  });

  test('selector: a Job selector is generated unless manualSelector is true (not in the oracle corpus: the server quotes a random uid then)', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  selector:\n    matchLabels:\n      app: j\n  template:\n    metadata:\n      labels:\n        app: j\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: c\n          image: busybox:1.36\n';
    expect(errors(job)).toEqual(["selector spec.selector: a Job's selector is generated by Kubernetes unless manualSelector is true; remove selector, or set manualSelector: true if you really manage the pod labels yourself"]);
    expect(errors(job.replace('spec:\n  selector:', 'spec:\n  manualSelector: true\n  selector:'))).toEqual([]);
  });

  test('workload-spec: activeDeadlineSeconds in the pod template of a Deployment, and a DaemonSet that surges and takes pods down at once', () => {
    expect(errors(deployment('', '      activeDeadlineSeconds: 600\n'))).toEqual([
      'workload-spec spec.template.spec.activeDeadlineSeconds: activeDeadlineSeconds in the pod template of a Deployment would kill pods that are meant to keep running; remove it (use a Job for work with a deadline)',
    ]);
    const ds = deployment('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n').replace('kind: Deployment', 'kind: DaemonSet');
    expect(errors(ds)).toEqual([
      'workload-spec spec.updateStrategy.rollingUpdate.maxSurge: maxSurge 1 and maxUnavailable 1 of the DaemonSet are both set; a DaemonSet rolls out either by surging or by taking pods down, so set maxUnavailable: 0 to surge, or remove maxSurge',
    ]);
  });

  test('service: a sessionAffinityConfig with sessionAffinity None is dropped, not rejected; a targetPort out of range is', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: None\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n  ports:\n    - port: 80\n      targetPort: 70000\n';
    expect(errors(svc)).toEqual(['service spec.ports[0].targetPort: targetPort 70000 is outside 1-65535; use the port the pods listen on, or the name of a container port']);
  });

  test('volume-claim: a storage limit below the request is accepted, a claim without a request is not', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    limits:\n      storage: 1Gi\n';
    expect(errors(pvc)).toEqual(['volume-claim spec.resources.requests.storage: the PersistentVolumeClaim requests no storage; set resources.requests.storage, such as 10Gi']);
    expect(errors(pvc.replace('    limits:\n      storage: 1Gi\n', '    requests:\n      storage: 5Gi\n    limits:\n      storage: 1Gi\n'))).toEqual([]);
  });

  test('probe-handler: a handler set to null counts as none', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      readinessProbe:\n        httpGet:\n        periodSeconds: 5\n';
    expect(errors(pod)).toEqual(["probe-handler spec.containers[0].readinessProbe: readinessProbe of container 'c' has no handler; give exactly one of exec, httpGet, tcpSocket, grpc"]);
  });

  test('grace-period: activeDeadlineSeconds above 2147483647', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  activeDeadlineSeconds: 2147483648\n  restartPolicy: Never\n  containers:\n    - name: c\n      image: busybox:1.36\n';
    expect(errors(pod)).toEqual(['grace-period spec.activeDeadlineSeconds: activeDeadlineSeconds 2147483648 is more than 2147483647 (about 68 years), the most Kubernetes takes; use a smaller number, or remove it for no deadline']);
  });

  test('hostname: a StatefulSet name with dots', () => {
    const sts = deployment('  serviceName: db\n').replace('kind: Deployment', 'kind: StatefulSet').replace('name: api\n', 'name: db.primary\n');
    expect(errors(sts)).toEqual(["hostname metadata.name: StatefulSet name 'db.primary' contains dots, and its pods take the name as their hostname, a DNS-1123 label; use 'db-primary'"]);
  });

  test('enum-value: object fields are checked too, and an empty value (the default) is left alone', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  completionMode: indexed\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: c\n          image: busybox:1.36\n          terminationMessagePolicy: ""\n';
    expect(errors(job)).toEqual(["enum-value spec.completionMode: completionMode 'indexed' is not one of NonIndexed, Indexed (values are case-sensitive); did you mean 'Indexed'?"]);
  });

  test('workload-spec: cron schedules as the CronJob controller parses them', () => {
    const cron = (schedule: string) => `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "${schedule}"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: c\n              image: busybox:1.36\n`;
    for (const ok of ['*/5 * * * *', '0 3 * * MON-FRI', '@daily', '@every 1h30m', '5 4 1,15 * ?', 'CRON_TZ=Europe/Berlin 0 6 * * *']) expect([ok, errors(cron(ok))]).toEqual([ok, []]);
    expect(errors(cron('0 24 * * *'))).toEqual(["workload-spec spec.schedule: schedule '0 24 * * *' has 24 in the hour field, above its maximum 23; write five fields such as '30 2 * * *' (02:30 every day)"]);
    expect(errors(cron('*/0 * * * *'))).toEqual(["workload-spec spec.schedule: schedule '*/0 * * * *' has the step 0 in the minute field; a step is a positive number; write five fields such as '30 2 * * *' (02:30 every day)"]);
  });
});
