import { CheckOptions } from './rules';
import { lintFiles } from './lint';

/** Properties of the cdk8s validation plugin, given under `properties:` in cdk8s.yaml. */
export interface PodValidationProps {
  /**
   * Enforce a Pod Security Standard (`baseline` or `restricted`): its checks become errors.
   * @default - baseline checks are warnings
   */
  readonly podSecurityStandard?: string;
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

  public constructor(props: PodValidationProps = {}) {
    this.props = props;
  }

  public async validate(context: ValidationContext): Promise<void> {
    const options: CheckOptions = { podSecurityStandard: this.props.podSecurityStandard };
    const findings = lintFiles([...context.manifests], options);
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
