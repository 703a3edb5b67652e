import { KubernetesVersion, kubernetesVersionProblem, podSecurityStandardProblem, PodSecurityStandard } from '../rules';
import { lintPaths } from './index';

/** Properties of the cdk8s validation plugin, given under `properties:` in cdk8s.yaml. */
export interface PodValidationProps {
  /**
   * Check a Pod Security Standard (`baseline` or `restricted`): its checks run, as errors.
   * @default - Pod Security checks do not run
   */
  readonly podSecurityStandard?: PodSecurityStandard | `${PodSecurityStandard}`;
  /**
   * Fail on warnings too.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The Kubernetes release to check against, `'1.28'` to `'1.34'` (quote it in YAML: 1.30 unquoted is the number 1.3).
   * @default '1.28'
   */
  readonly kubernetesVersion?: KubernetesVersion | `${KubernetesVersion}`;
}

const PROPERTIES = ['podSecurityStandard', 'strict', 'kubernetesVersion'];

// The parts of cdk8s-cli's validation plugin contract (cdk8s-cli/plugins) this plugin uses.
interface ValidationReport {
  addViolation(violation: {
    ruleName: string;
    recommendation: string;
    fix: string;
    violatingResources: Array<{ resourceName: string; manifestPath: string; locations: string[] }>;
  }): void;
  submit(status: 'success' | 'failure', metadata?: { [key: string]: string }): void;
}
interface ValidationContext {
  readonly manifests: readonly string[];
  readonly report: ValidationReport;
}

/**
 * A cdk8s-cli validation plugin: `cdk8s synth` then checks every synthesized manifest, whether
 * or not it was built with these constructs, with the same rules as `cdk8s-pods lint`.
 *
 * ```yaml
 * # cdk8s.yaml of an app repo
 * validations:
 *   - package: ./node_modules/cdk8s-pods
 *     class: PodValidation
 *     version: 0.1.0
 *     properties:
 *       podSecurityStandard: baseline
 * ```
 */
export class PodValidation {
  private readonly props: PodValidationProps;

  /**
   * @throws when a property is unknown or has the wrong type or value: a misspelt option must not
   * silently check less than asked
   */
  public constructor(props: PodValidationProps = {}) {
    const problems: string[] = [];
    if (typeof props !== 'object' || props === null) {
      problems.push(`properties must be a mapping, got ${JSON.stringify(props)}`);
    } else {
      for (const key of Object.keys(props)) {
        if (!PROPERTIES.includes(key)) problems.push(`unknown property '${key}'; the properties are ${PROPERTIES.join(', ')}`);
      }
      const pss = podSecurityStandardProblem(props.podSecurityStandard);
      if (pss) problems.push(pss);
      const version = kubernetesVersionProblem(props.kubernetesVersion);
      if (version) problems.push(typeof props.kubernetesVersion === 'number' ? `${version} (quote it: '${props.kubernetesVersion}' unquoted is a number)` : version);
      if (props.strict !== undefined && typeof props.strict !== 'boolean') {
        problems.push(`strict must be true or false (a YAML boolean, unquoted), got ${JSON.stringify(props.strict)}`);
      }
    }
    if (problems.length > 0) throw new Error(`cdk8s-pods PodValidation in cdk8s.yaml: ${problems.join('; ')}`);
    this.props = props;
  }

  public async validate(context: ValidationContext): Promise<void> {
    const { findings } = lintPaths([...context.manifests], { podSecurityStandard: this.props.podSecurityStandard, kubernetesVersion: this.props.kubernetesVersion });
    let failed = false;
    for (const f of findings) {
      if (f.severity === 'error' || this.props.strict) failed = true;
      context.report.addViolation({
        ruleName: `${f.rule} (${f.severity})`,
        recommendation: f.message,
        fix: `see \`npx cdk8s-pods rules\` for ${f.rule}`,
        violatingResources: [{ resourceName: f.name ?? '', manifestPath: f.file, locations: [f.path || `line ${f.line}`] }],
      });
    }
    context.report.submit(failed ? 'failure' : 'success', { findings: String(findings.length) });
  }
}
