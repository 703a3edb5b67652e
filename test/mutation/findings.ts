// The findings of a manifest, one line each as `severity rule path: message`, for the rule tests of
// test/mutation/, which assert every finding of a manifest. It imports lib/ only, which every test loads anyway,
// so a mutation run that loads a rule test loads nothing more.
import { KubernetesVersion, lintText } from '../../lib';

/** Every finding of `manifest` (written as JSON, which is YAML), at `kubernetesVersion` (1.34 unless given). */
export function lint(manifest: object, kubernetesVersion: `${KubernetesVersion}` = '1.34', podSecurityStandard?: 'baseline' | 'restricted'): string[] {
  return lintText(JSON.stringify(manifest), 'manifest.yaml', { kubernetesVersion, podSecurityStandard })
    .map(f => `${f.severity} ${f.rule} ${f.path}: ${f.message}`);
}
