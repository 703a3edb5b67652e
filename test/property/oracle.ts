// The oracle's verdicts for the objects of the property cases: recorded (test/oracle/verdicts-<v>.json,
// by the sha256 of each document's text) or, for objects of no recorded case (while fast-check
// shrinks a counterexample, or to check a KNOWN exclusion), judged live by the oracle programs
// that `node scripts/oracle.js` builds, when they are there.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OracleError } from './known';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oracle: {
  VERSIONS: string[];
  readVerdicts(version: string): { objects: Verdict[] };
  yamlDocuments(text: string): string[];
  sha256(data: string): string;
} = require('../../scripts/oracle.js');

export const VERSIONS: readonly string[] = oracle.VERSIONS;
export const yamlDocuments = oracle.yamlDocuments;
export const sha256 = oracle.sha256;

export interface Verdict {
  readonly file: string;
  readonly doc: number;
  readonly kind: string;
  readonly name: string;
  readonly sha256: string;
  readonly verdict: 'accepted' | 'rejected' | 'unparsable' | 'unsupported' | 'error';
  readonly errors: OracleError[];
}

/** The recorded verdicts of one version, by the sha256 of the document. */
export function recordedVerdicts(version: string): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const v of oracle.readVerdicts(version).objects) if (!out.has(v.sha256)) out.set(v.sha256, v);
  return out;
}

const BIN = path.join(__dirname, '..', '..', 'oracle', '.oracle-bin');

/** Whether the oracle programs are built (by node scripts/oracle.js), so objects can be judged live. */
export function liveOracleAvailable(): boolean {
  return VERSIONS.every(v => fs.existsSync(path.join(BIN, `oracle-${v}`)));
}

/** Judges YAML documents live with the oracle program of a version: one verdict per document, in order. */
export function judgeLive(version: string, docs: readonly string[]): Verdict[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'property-oracle-'));
  try {
    const file = path.join(dir, 'case.yaml');
    fs.writeFileSync(file, docs.join('---\n'));
    const res = spawnSync(path.join(BIN, `oracle-${version}`), [file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (res.error || res.status !== 0) throw new Error(`the ${version} oracle failed: ${res.error ?? res.stderr}`);
    return JSON.parse(res.stdout).objects;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
