// The agreement of the rule set with the real API server, on the oracle's recorded verdicts
// (test/oracle/verdicts-<version>.json): computed here once, enforced by test/oracle.test.ts, and
// written into the README between the agreement markers by `npm run docs`.
//
// For every object the oracle judged (unsupported kinds aside), lint runs at the oracle's release:
//   recall     the oracle rejects it  -> lint reports at least one error
//   precision  the oracle accepts it  -> lint reports no error of an `apiserver`-basis rule
import * as fs from 'fs';
import * as path from 'path';
import { lintText, RULES } from '../lib';
import type { CheckOptions, FileFinding } from '../lib';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle: {
  VERSIONS: string[];
  readVerdicts(version: string): { kubernetes: string; files: { [file: string]: string }; objects: Verdict[] };
  yamlDocuments(text: string): string[];
} = require('./oracle.js');

export interface Verdict {
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

/** The corpora, by where their files are. */
export const CORPORA: Array<{ name: string; test: (file: string) => boolean }> = [
  { name: 'lint corpus', test: f => f.startsWith('test/corpus/') },
  { name: 'example app (dist/)', test: f => f.startsWith('dist/') },
  { name: 'mutations', test: f => f.startsWith('test/oracle/mutations/') },
  { name: 'construct properties', test: f => f.startsWith('test/oracle/property/') },
];

export interface Counts {
  rejected: number;
  caught: number;
  accepted: number;
  clean: number;
}

export interface Agreement {
  readonly version: string;
  /** The exact release the oracle was built from, `1.34.4`. */
  readonly kubernetes: string;
  readonly byCorpus: Map<string, Counts>;
  /**
   * Rule id -> objects it reported an error on, among the rejected and among the accepted ones, and
   * apart, accepted StatefulSets whose pods or claims the server then rejects (podsRejected).
   */
  readonly byRule: Map<string, { rejected: number; accepted: number; podsRejected: number }>;
  /** `file#doc[/item] missed` or `file#doc[/item] <rule>`: objects where lint and the server disagree. */
  readonly disagreements: string[];
}

/** The header options of a corpus file that are not the release: `# pod-security: <level>`. */
function fileOptions(text: string): CheckOptions {
  const level = /^#\s*pod-security:\s*(baseline|restricted)\s*$/m.exec(text)?.[1] as 'baseline' | 'restricted' | undefined;
  return level ? { podSecurityStandard: level } : {};
}

/** The agreement of lint, run at the oracle's release, with one release's verdicts. */
export function agreement(version: string): Agreement {
  const recorded = oracle.readVerdicts(version);
  const files = new Map<string, { docs: string[]; options: CheckOptions }>();
  const byCorpus = new Map<string, Counts>(CORPORA.map(c => [c.name, { rejected: 0, caught: 0, accepted: 0, clean: 0 }]));
  const byRule = new Map<string, { rejected: number; accepted: number; podsRejected: number }>();
  const disagreements: string[] = [];
  const linted = new Map<string, FileFinding[]>();
  for (const v of recorded.objects) {
    if (v.verdict === 'unsupported') continue;
    let file = files.get(v.file);
    if (!file) {
      const text = fs.readFileSync(path.join(ROOT, v.file), 'utf8');
      file = { docs: oracle.yamlDocuments(text), options: { ...fileOptions(text), kubernetesVersion: version as CheckOptions['kubernetesVersion'] } };
      files.set(v.file, file);
    }
    const key = `${v.file}#${v.doc}`;
    let findings = linted.get(key);
    if (!findings) {
      findings = lintText(file.docs[v.doc], v.file, file.options).filter(f => f.severity === 'error');
      linted.set(key, findings);
    }
    const errors = v.item === null ? findings : findings.filter(f => f.path === '' || f.path.startsWith(`items[${v.item}]`));
    const id = `${v.file}#${v.doc}${v.item !== null ? `/${v.item}` : ''}`;
    const corpus = CORPORA.find(c => c.test(v.file));
    if (!corpus) throw new Error(`${v.file} belongs to no corpus of scripts/agreement.ts`);
    const counts = byCorpus.get(corpus.name)!;
    const accepted = v.verdict === 'accepted';
    for (const rule of new Set(errors.map(f => f.rule))) {
      const row = byRule.get(rule) ?? { rejected: 0, accepted: 0, podsRejected: 0 };
      // On an accepted StatefulSet whose pods the server then rejects, counted apart.
      if (accepted && errors.every(f => f.rule !== rule || podsRejected(v, f, version))) row.podsRejected++;
      else if (accepted) row.accepted++;
      else row.rejected++;
      byRule.set(rule, row);
    }
    if (accepted) {
      counts.accepted++;
      const wrong = [...new Set(errors.filter(f => BASIS.get(f.rule) === 'apiserver' && !podsRejected(v, f, version)).map(f => f.rule))];
      if (wrong.length === 0) counts.clean++;
      disagreements.push(...wrong.map(rule => `${id} ${rule}`));
    } else {
      counts.rejected++;
      if (errors.length > 0) counts.caught++;
      else disagreements.push(`${id} missed`);
    }
  }
  return { version, kubernetes: recorded.kubernetes, byCorpus, byRule, disagreements: disagreements.sort() };
}

/**
 * Before 1.34 the API server does not validate a StatefulSet's pod template beyond labels and
 * annotations (a TODO in ValidatePodTemplateSpecForStatefulSet), nor its volumeClaimTemplates: the
 * StatefulSet is accepted, and the controller's pod and claim creates are then rejected by the same
 * validation. An `apiserver` rule there reports a run-time failure, not a disagreement.
 */
export function podsRejected(v: Verdict, f: FileFinding, version: string): boolean {
  const at = v.item === null ? f.path : f.path.replace(/^items\[\d+\]\./, '');
  return v.kind === 'StatefulSet' && Number(version.split('.')[1]) < 34 && (at.startsWith('spec.template.') || at.startsWith('spec.volumeClaimTemplates'));
}

const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${(Math.floor((1000 * part) / whole) / 10).toFixed(1)}%`);

/** The README's agreement tables: overall per corpus and release, then per rule. */
export function agreementTables(results: Agreement[] = oracle.VERSIONS.map(agreement)): string {
  const lines = [
    '| Kubernetes | corpus | rejected by the server | of those, lint errors (recall) | accepted by the server | of those, no `apiserver` error |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const total: Counts = { rejected: 0, caught: 0, accepted: 0, clean: 0 };
    for (const [name, c] of r.byCorpus) {
      if (c.rejected + c.accepted === 0) continue;
      lines.push(`| ${r.kubernetes} | ${name} | ${c.rejected} | ${c.caught} (${pct(c.caught, c.rejected)}) | ${c.accepted} | ${c.clean} (${pct(c.clean, c.accepted)}) |`);
      for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
    }
    lines.push(`| ${r.kubernetes} | **all** | ${total.rejected} | ${total.caught} (${pct(total.caught, total.rejected)}) | ${total.accepted} | ${total.clean} (${pct(total.clean, total.accepted)}) |`);
  }
  lines.push('', 'Per rule: the objects each rule reported an error on, among those the server rejected and those it accepted (an `apiserver` rule must have 0 accepted); after a +, accepted StatefulSets whose pods or claims the server then rejects (before 1.34).', '');
  lines.push(`| rule | basis | ${results.map(r => `${r.version}: rejected | ${r.version}: accepted`).join(' | ')} |`);
  lines.push(`| --- | --- | ${results.map(() => '--- | ---').join(' | ')} |`);
  for (const rule of RULES) {
    const cells = results.map(r => r.byRule.get(rule.id) ?? { rejected: 0, accepted: 0, podsRejected: 0 });
    if (cells.every(c => c.rejected + c.accepted + c.podsRejected === 0)) continue;
    lines.push(`| \`${rule.id}\` | ${rule.basis} | ${cells.map(c => `${c.rejected} | ${c.accepted}${c.podsRejected > 0 ? ` + ${c.podsRejected}` : ''}`).join(' | ')} |`);
  }
  return lines.join('\n');
}

export const AGREEMENT_BEGIN = '<!-- agreement:begin (generated by npm run docs) -->';
export const AGREEMENT_END = '<!-- agreement:end -->';

/** The README with its agreement tables replaced by `tables`. */
export function renderAgreement(text: string, tables: string): string {
  const start = text.indexOf(AGREEMENT_BEGIN);
  const end = text.indexOf(AGREEMENT_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${AGREEMENT_BEGIN} ... ${AGREEMENT_END} section`);
  return `${text.slice(0, start + AGREEMENT_BEGIN.length)}\n${tables}\n${text.slice(end)}`;
}
