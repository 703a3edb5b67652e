import { CheckOptions } from '../rules';
import { discover, DiscoverOptions, readDocuments } from './files';
import { checkLintOptions, crossObjectFindings, DocumentResult, duplicateObjects, FileFinding, lintDocument, ObjectIdentity, skippedReason, sortFindings } from './text';

export { checkLintOptions, lintText, sortFindings } from './text';
export type { FileFinding } from './text';

/** Options of a lint run. */
export interface LintOptions extends CheckOptions, DiscoverOptions {}

/** A file passed over because it is not a Kubernetes manifest. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** What a lint run found. */
export interface LintResult {
  /** Findings sorted by file and line; those an object suppresses are marked `suppressed` (with `keepSuppressed`). */
  readonly findings: FileFinding[];
  /** How many files were read. */
  readonly files: number;
  /** Files passed over: YAML of other tools. */
  readonly skipped: SkippedFile[];
}

/**
 * Lints files, directories (searched for .yaml, .yml and .json) and `-` (standard input). Every
 * problem is a finding at its file and line: a file that cannot be read, decoded or parsed never
 * stops the others. Files that are not Kubernetes manifests are skipped and listed.
 */
export function lintPaths(paths: readonly string[], options: LintOptions = {}): LintResult {
  checkLintOptions(options);
  const { sources, problems } = discover(paths, options);
  const findings: FileFinding[] = problems.map(p => ({ ...p, path: '', segments: [] }));
  const skipped: SkippedFile[] = [];
  const objects: ObjectIdentity[] = [];
  for (const source of sources) {
    const fileFindings: FileFinding[] = [];
    const fileObjects: ObjectIdentity[] = [];
    const results: DocumentResult[] = [];
    for (const event of readDocuments(source)) {
      if ('problem' in event) {
        fileFindings.push({ ...event.problem, path: '', segments: [] });
      } else {
        const result = lintDocument(event.document, source.file, options);
        // Keep only what decides whether the file is a manifest: the findings are collected once, below.
        results.push({ looks: result.looks, reason: result.reason, findings: [] });
        fileFindings.push(...result.findings);
        fileObjects.push(...result.objects ?? []);
      }
    }
    const reason = skippedReason(results, source.file);
    if (reason !== undefined && !fileFindings.some(f => f.rule === 'io')) {
      skipped.push({ file: source.file, reason });
      continue;
    }
    for (const f of fileFindings) findings.push(f);
    for (const o of fileObjects) objects.push(o);
  }
  // Objects defined twice, and how objects refer to each other (Services, Ingresses, StatefulSets),
  // within a file or across the files. (A loop, not push(...list): a list can be too long for the stack.)
  const across = [...(options.disable?.includes('duplicate-object') ? [] : duplicateObjects(objects)), ...crossObjectFindings(objects, options)];
  for (const f of across) findings.push(f);
  return { findings: sortFindings(findings), files: sources.length, skipped };
}

/** Checks every file and returns the findings, sorted by file and line. */
export function lintFiles(paths: string[], options: LintOptions = {}): FileFinding[] {
  return lintPaths(paths, options).findings;
}
