import { podSecurityStandardProblem, PodSecurityStandard } from '../rules';
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
}

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
        if (key !== 'podSecurityStandard' && key !== 'strict') problems.push(`unknown property '${key}'; the properties are podSecurityStandard and strict`);
      }
      const pss = podSecurityStandardProblem(props.podSecurityStandard);
      if (pss) problems.push(pss);
      if (props.strict !== undefined && typeof props.strict !== 'boolean') {
        problems.push(`strict must be true or false (a YAML boolean, unquoted), got ${JSON.stringify(props.strict)}`);
      }
    }
    if (problems.length > 0) throw new Error(`cdk8s-pods PodValidation in cdk8s.yaml: ${problems.join('; ')}`);
    this.props = props;
  }

  public async validate(context: ValidationContext): Promise<void> {
    const { findings } = lintPaths([...context.manifests], { podSecurityStandard: this.props.podSecurityStandard });
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
