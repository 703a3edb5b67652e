// The lint corpus (test/corpus), linted in-process, for the mutation run: test/corpus.test.ts holds
// the same checks, but its CLI describe builds the package and spawns the compiled CLI, which cannot
// run in Stryker's sandbox (it compiles the instrumented lib/) and kills nothing there, so
// stryker.config.mjs leaves test/corpus.test.ts out and runs this file instead.
//
// Each file's `# expect:` lines are the exhaustive list of its findings (severity, rule, path and a
// fragment of the message); a file with `# known-issue:` is skipped, as in test/corpus.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../lib';
import type { CheckOptions, FileFinding } from '../../lib';

const CORPUS = path.join(__dirname, '..', 'corpus');
const EXPECT = /^#\s*expect:\s*(error|warning)\s+([a-z0-9-]+)\s+(.+?)\s+("(?:[^"\\]|\\.)*")\s*$/;

interface Case {
  readonly file: string;
  readonly text: string;
  readonly expects: Array<{ severity: string; rule: string; path: string; text: string }>;
  readonly options: CheckOptions;
}

function load(dir: 'valid' | 'invalid'): Case[] {
  return fs.readdirSync(path.join(CORPUS, dir)).filter(name => name.endsWith('.yaml')).sort().flatMap(name => {
    const file = `${dir}/${name}`;
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const lines: string[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('#')) break;
      lines.push(line);
    }
    const field = (key: string) => lines.map(l => new RegExp(`^#\\s*${key}:\\s*(.*?)\\s*$`).exec(l)?.[1]).find(v => v !== undefined);
    if (field('known-issue') !== undefined) return [];
    const expects = lines.flatMap(l => {
      const m = EXPECT.exec(l);
      return m ? [{ severity: m[1], rule: m[2], path: m[3] === '-' ? '' : m[3], text: JSON.parse(m[4]) as string }] : [];
    });
    const options: CheckOptions = {
      podSecurityStandard: field('pod-security') as CheckOptions['podSecurityStandard'],
      kubernetesVersion: field('kubernetes-version') as CheckOptions['kubernetesVersion'],
    };
    return [{ file, text, expects, options }];
  });
}

const show = (f: FileFinding) => `${f.severity} ${f.rule} ${f.path || '-'} ${JSON.stringify(f.message)}`;

test.each([...load('invalid'), ...load('valid')].map(c => [c.file, c] as const))('%s lints to exactly its # expect: findings', (_file, c) => {
  // GIVEN a corpus file and its expectations
  // WHEN it is linted in-process
  const findings = lintText(c.text, c.file, c.options);

  // THEN every finding is expected and every expectation is found
  const matches = (e: Case['expects'][number], f: FileFinding) =>
    f.severity === e.severity && f.rule === e.rule && (f.path ?? '') === e.path && f.message.includes(e.text);
  expect(findings.filter(f => !c.expects.some(e => matches(e, f))).map(show)).toEqual([]);
  expect(c.expects.filter(e => !findings.some(f => matches(e, f)))).toEqual([]);
});
