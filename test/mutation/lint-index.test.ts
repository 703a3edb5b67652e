// lintPaths (lib/lint/index.ts): the findings of files that cannot be read, which files are skipped, and the
// duplicate-object switch across files, asserted field by field on the result object.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPaths } from '../../lib';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';

function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-index-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('a path that does not exist is one io finding with an empty path and no segments', () => {
  // GIVEN
  const missing = path.join(os.tmpdir(), 'lint-index-no-such-dir', 'pod.yaml');

  // WHEN
  const result = lintPaths([missing]);

  // THEN
  expect(result.findings).toHaveLength(1);
  expect(result.findings[0]).toEqual({
    file: missing, rule: 'io', severity: 'error', path: '', segments: [],
    message: expect.stringMatching(/^cannot read the file: /),
  });
  expect(result).toMatchObject({ files: 0, skipped: [] });
});

test('a file of other YAML whose next document is too large is reported, not skipped: an io problem keeps it', () => {
  // GIVEN: the first document is not a manifest; the second (from its --- line, 2) is over the 8 MiB limit
  const dir = folder({ 'values.yaml': `replicas: 2\n---\nblob: "${'x'.repeat(9 * 1024 * 1024)}"\n` });

  // WHEN
  const result = lintPaths([dir]);

  // THEN
  expect(result.skipped).toEqual([]);
  expect(result.findings).toEqual([{
    file: path.join(dir, 'values.yaml'), line: 2, rule: 'io', severity: 'error', path: '', segments: [],
    message: 'document 2 is over 8 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents',
  }]);
});

test('a file of other YAML with bytes that are not UTF-8 is still skipped: only io problems keep a skipped file', () => {
  // GIVEN: no document looks like a Kubernetes object; one line has a Latin-1 byte
  const dir = folder({ 'values.yaml': Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\nreplicas: 2\n')]) });

  // WHEN
  const result = lintPaths([dir]);

  // THEN
  expect(result.findings).toEqual([]);
  expect(result.skipped).toEqual([{ file: path.join(dir, 'values.yaml'), reason: 'no document has apiVersion, kind, metadata or spec' }]);
});

test('the same Pod in two files is a duplicate-object finding, unless duplicate-object is disabled', () => {
  // GIVEN
  const dir = folder({ 'a.yaml': POD, 'b.yaml': POD });

  // WHEN
  const rules = (disable?: string[]) => lintPaths([dir], { disable }).findings.map(f => `${path.basename(f.file)}:${f.line} ${f.rule}`);

  // THEN
  expect(rules().filter(r => r.endsWith('duplicate-object'))).toEqual(['b.yaml:4 duplicate-object']);
  expect(rules(['duplicate-object']).filter(r => r.endsWith('duplicate-object'))).toEqual([]);
});
