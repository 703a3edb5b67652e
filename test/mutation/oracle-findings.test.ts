// Every document of the oracle's mutation corpus lints, at Kubernetes 1.34, to exactly the findings recorded in
// test/mutation/oracle-findings/<corpus file>.txt: line, severity, rule, path and message.
//
// The corpus (test/oracle/mutations/, scripts/gen-mutations.js) is 5,000-odd single-mistake mutations of valid
// objects, each judged by the API server's own validation code (test/oracle/verdicts-1.34.json). test/oracle.test.ts
// checks that lint agrees with those verdicts (an error on every rejected object, no apiserver-rule error on an
// accepted one), but it lints the whole corpus twice per test (20 s), too slow for the mutation run, and it
// does not look at which rule fired, where, or what it said. This file does, one test per corpus file and kind
// (a mutant of the Service rule runs only the Service tests), so the mutation run knows when a rule stops
// firing, fires elsewhere, or changes its message. Each recorded document starts with its index, kind, the
// oracle's verdict and its `# mutation` line, so a reviewer can read each finding against the mistake it is for.
//
// After an intended change to the rules: `UPDATE_GOLDEN=1 npx jest test/mutation/oracle-findings.test.ts`,
// then review the diff like code.
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../lib';
import type { FileFinding } from '../../lib';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle: {
  readVerdicts(version: string): { objects: Array<{ file: string; doc: number; item: number | null; verdict: string }> };
  yamlDocuments(text: string): string[];
} = require('../../scripts/oracle.js');

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = 'test/oracle/mutations';
const GOLDEN = path.join(__dirname, 'oracle-findings');
const VERSION = '1.34';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The kinds tested apart; documents of any other kind (or none: many mutations break `kind`) are "other". */
const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'Ingress',
  'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim'];

interface Doc {
  readonly index: number;
  readonly kind: string;
  readonly text: string;
  /** `<index> <kind> <verdict>: <mutation line>`, the first line of the document's block */
  readonly header: string;
}

const VERDICTS = new Map<string, string>();
for (const v of oracle.readVerdicts(VERSION).objects) {
  const key = `${v.file}#${v.doc}`;
  VERDICTS.set(key, VERDICTS.has(key) ? `${VERDICTS.get(key)},${v.verdict}` : v.verdict);
}

const FILES = fs.readdirSync(path.join(ROOT, CORPUS)).filter(f => f.endsWith('.yaml')).sort().map(name => {
  const docs: Doc[] = oracle.yamlDocuments(fs.readFileSync(path.join(ROOT, CORPUS, name), 'utf8')).map((text, index) => {
    const raw = /^kind:\s*(\S+)\s*$/m.exec(text)?.[1];
    const kind = raw !== undefined && KINDS.includes(raw) ? raw : 'other';
    const mutation = /^# (mutation \d+: .*)$/m.exec(text)?.[1] ?? '(base object)';
    return { index, kind, text, header: `#${index} ${kind} ${VERDICTS.get(`${CORPUS}/${name}#${index}`) ?? 'not judged'}: ${mutation}` };
  });
  return { name, docs, golden: path.join(GOLDEN, name.replace(/\.yaml$/, '.txt')) };
});

const line = (f: FileFinding) => `  ${f.line ?? '-'} ${f.severity} [${f.rule}] ${f.path || '-'}: ${f.message}`;

/** A document's block: its header, then one line per finding. */
function block(file: string, doc: Doc): string {
  return [doc.header, ...lintText(doc.text, `${CORPUS}/${file}`, { kubernetesVersion: VERSION }).map(line)].join('\n');
}

/** The recorded blocks of a golden file, by document index. */
function recorded(golden: string): Map<number, string> {
  const out = new Map<number, string>();
  if (!fs.existsSync(golden)) return out;
  for (const b of fs.readFileSync(golden, 'utf8').split(/\n(?=#\d+ )/)) out.set(Number(/^#(\d+) /.exec(b)?.[1]), b.replace(/\n$/, ''));
  return out;
}

if (UPDATE) {
  beforeAll(() => {
    fs.mkdirSync(GOLDEN, { recursive: true });
    for (const f of FILES) fs.writeFileSync(f.golden, `${f.docs.map(d => block(f.name, d)).join('\n')}\n`);
  });
}

describe.each(FILES.map(f => [f.name, f] as const))('%s', (_name, file) => {
  const kinds = KINDS.concat('other').filter(k => file.docs.some(d => d.kind === k));
  test.each(kinds)('its %s documents lint to their recorded findings', kind => {
    const golden = recorded(file.golden);
    const docs = file.docs.filter(d => d.kind === kind);
    expect(docs.map(d => block(file.name, d))).toEqual(docs.map(d => golden.get(d.index) ?? `${d.header}\n(not recorded: run UPDATE_GOLDEN=1 npx jest test/mutation/oracle-findings.test.ts)`));
  });
});

test('every document of the corpus is recorded, and nothing else', () => {
  expect(FILES.map(f => [f.name, [...recorded(f.golden).keys()]])).toEqual(FILES.map(f => [f.name, f.docs.map(d => d.index)]));
  expect(fs.readdirSync(GOLDEN).sort()).toEqual(FILES.map(f => path.basename(f.golden)));
});
