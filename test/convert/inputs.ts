// The inputs of convert's tests, in one place: the round trip (test/convert.test.ts) proves the programs convert
// writes for them, and the golden programs (test/convert-programs.test.ts) hold those programs fixed.
import * as fs from 'fs';
import * as path from 'path';
import { KubernetesVersion, lintText } from '../../lib';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(file, 'utf8');

export interface ConvertCase {
  readonly set: 'lint corpus (valid)' | 'lint corpus (invalid)' | 'mutation bases' | 'dist/' | 'seed notes' | 'fixtures' | 'convert cases';
  readonly name: string;
  readonly text: string;
  readonly kubernetesVersion?: string;
}

/** The release a corpus file is checked against (its `# kubernetes-version:` line). */
const versionOf = (text: string) => /^# kubernetes-version: (\S+)$/m.exec(text)?.[1];

/**
 * The release a dist/ file was written for (its example chart may set one, such as 1.30 for native
 * sidecars): the first from 1.28 on that lints it without errors.
 */
function distVersion(text: string): string | undefined {
  const releases = Object.values(KubernetesVersion);
  return releases.find(v => lintText(text, 'dist.yaml', { kubernetesVersion: v }).every(f => f.severity !== 'error'));
}

const yamlIn = (dir: string) => fs.readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.yaml')).sort();

/** The YAML files of a folder whose files name their release with a `# kubernetes-version:` line. */
function versionedFiles<S extends ConvertCase['set']>(dir: string, set: S): Array<ConvertCase & { set: S }> {
  return yamlIn(dir).map(name => {
    const text = read(path.join(ROOT, dir, name));
    return { set, name, text, kubernetesVersion: versionOf(text) };
  });
}

/** The fixtures of test/convert/ that are round-trip inputs (port-clash.yaml has tests of its own). */
export const ROUND_TRIP_FIXTURES = ['gpu-training-pod.yaml', 'sidecar-pod.yaml', 'kubectl-get-list.yaml', 'pod.json'];

/**
 * The inputs that are in this repository: the lint corpus, the oracle's mutation bases, dist/, `fixtures` of
 * test/convert/, and the cases of test/convert/cases/ (small inputs, each aimed at shapes of the converter's
 * input that the other sets do not have; a case may name its release with a `# kubernetes-version:` line).
 */
export function repositoryCases(fixtures: readonly string[] = ROUND_TRIP_FIXTURES): ConvertCase[] {
  return [
    ...versionedFiles('test/corpus/valid', 'lint corpus (valid)'),
    ...versionedFiles('test/corpus/invalid', 'lint corpus (invalid)'),
    { set: 'mutation bases', name: 'bases.yaml', text: read(path.join(ROOT, 'test', 'oracle', 'mutations', 'bases.yaml')) },
    ...yamlIn('dist').map(name => {
      const text = read(path.join(ROOT, 'dist', name));
      return { set: 'dist/' as const, name, text, kubernetesVersion: distVersion(text) };
    }),
    ...fixtures.map(name => ({
      set: 'fixtures' as const, name, text: read(path.join(ROOT, 'test', 'convert', name)), kubernetesVersion: name === 'sidecar-pod.yaml' ? '1.30' : undefined,
    })),
    ...versionedFiles('test/convert/cases', 'convert cases'),
  ];
}
