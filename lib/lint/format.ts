import * as path from 'path';
import { pathToFileURL } from 'url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import { IGNORE_ANNOTATION, RULES } from '../rules';
import type { LintResult } from './index';
import type { FileFinding } from './text';

/** One finding as `--format json` prints it. */
export interface ReportFinding {
  readonly file: string;
  readonly line?: number;
  readonly kind?: string;
  readonly name?: string;
  readonly path: string;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  /** Why the finding does not count: the annotation that suppressed it and its reason. */
  readonly suppressed?: { readonly annotation: string; readonly reason?: string };
}

/** Output of one lint run, as `--format json` prints it. */
export interface LintReport {
  /** Findings that count, sorted by file and line. */
  readonly findings: ReportFinding[];
  /** Findings turned off by an object's `cdk8s-pods.io/ignore` annotation, with the reason. */
  readonly suppressed: ReportFinding[];
  readonly summary: {
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
    readonly skipped: Array<{ readonly file: string; readonly reason: string }>;
  };
}

function toReport(f: FileFinding): ReportFinding {
  return { file: f.file, line: f.line, kind: f.kind, name: f.name, path: f.path, rule: f.rule, severity: f.severity, message: f.message, suppressed: f.suppressed };
}

/** The JSON report of a run. */
export function jsonReport(result: LintResult): LintReport {
  const active = result.findings.filter(f => !f.suppressed);
  const errors = active.filter(f => f.severity === 'error').length;
  return {
    findings: active.map(toReport),
    suppressed: result.findings.filter(f => f.suppressed).map(toReport),
    summary: { files: result.files, errors, warnings: active.length - errors, skipped: result.skipped },
  };
}

/**
 * Text from files and objects made safe for a terminal: control characters (ANSI escapes
 * included) are written as `\x1b`-style escapes instead of being sent raw.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, c => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The human report: each finding on two lines, then a summary. */
export function humanReport(result: LintResult): string {
  const out: string[] = [];
  const report = jsonReport(result);
  for (const f of report.findings) {
    const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
    const object = f.kind || f.name ? ` ${f.kind ?? '?'}/${f.name ?? '?'}` : '';
    const field = f.path ? ` ${f.path}` : '';
    out.push(escapeControl(`${where}${object}${field}`) + `\n  ${f.severity} [${f.rule}] ${escapeControl(f.message)}`);
  }
  const s = report.summary;
  let summary = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} in ${plural(s.files - s.skipped.length, 'file')}`;
  if (s.skipped.length > 0) summary += `; ${plural(s.skipped.length, 'file')} skipped as not Kubernetes manifests`;
  if (report.suppressed.length > 0) summary += `; ${report.suppressed.length} suppressed by ${IGNORE_ANNOTATION}`;
  out.push(summary);
  return out.join('\n');
}

/** The SARIF 2.1.0 log of a run, for code scanning (GitHub, GitLab, Azure DevOps). */
export function sarifReport(result: LintResult, version: string, cwd = process.cwd()): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'cdk8s-pods', toolDriverVersion: version });
  for (const rule of RULES) {
    run.addRule(new SarifRuleBuilder().initSimple({ ruleId: rule.id, shortDescriptionText: rule.description }));
  }
  for (const f of result.findings) {
    // Paths under the working directory stay relative (code scanning resolves them against the checkout); others become file URIs.
    const relative = path.relative(cwd, path.resolve(cwd, f.file));
    const uri = f.file === '-' ? 'stdin' : relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(path.resolve(cwd, f.file)).href : relative.split(path.sep).join('/');
    const sarif = new SarifResultBuilder().initSimple({
      level: f.severity === 'error' ? 'error' : 'warning',
      messageText: f.path ? `${f.path}: ${f.message}` : f.message,
      ruleId: f.rule,
      fileUri: uri,
      startLine: f.line ?? 1,
    });
    if (f.suppressed) {
      sarif.result.suppressions = [{ kind: 'inSource', justification: f.suppressed.reason ?? `${f.suppressed.annotation} annotation` }];
    }
    run.addResult(sarif);
  }
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
