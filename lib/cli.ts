import { Command, Option } from 'commander';
import { FileFinding, lintFiles } from './lint';
import { RULES } from './rules';

/** Output of one lint run, as `--format json` prints it. */
export interface LintReport {
  readonly findings: Array<{ file: string; line?: number; kind?: string; name?: string; path: string; rule: string; severity: string; message: string }>;
}

function human(findings: FileFinding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
    const object = f.kind || f.name ? ` ${f.kind ?? '?'}/${f.name ?? '?'}` : '';
    const field = f.path ? ` ${f.path}` : '';
    out.push(`${where}${object}${field}\n  ${f.severity} [${f.rule}] ${f.message}`);
  }
  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.length - errors;
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return out.join('\n');
}

/**
 * Runs the `cdk8s-pods` command line and returns its exit code.
 * @param argv the arguments after the program name
 */
export function main(argv: string[], write: (text: string) => void = t => process.stdout.write(t)): number {
  let code = 0;
  const program = new Command('cdk8s-pods')
    .description('Typed Kubernetes pods for cdk8s, and a linter for the pod mistakes the API server misses')
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: t => process.stderr.write(t) });

  program.command('lint')
    .description('check Kubernetes YAML: Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs')
    .argument('<paths...>', 'YAML or JSON files, or directories to search for them')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--strict', 'fail on warnings too', false)
    .addOption(new Option('--pod-security <level>', 'enforce a Pod Security Standard: its checks become errors').choices(['baseline', 'restricted']))
    .action((paths: string[], opts: { format: string; strict: boolean; podSecurity?: string }) => {
      const findings = lintFiles(paths, { podSecurityStandard: opts.podSecurity });
      if (opts.format === 'json') {
        const report: LintReport = {
          findings: findings.map(f => ({ file: f.file, line: f.line, kind: f.kind, name: f.name, path: f.path, rule: f.rule, severity: f.severity, message: f.message })),
        };
        write(JSON.stringify(report, undefined, 2) + '\n');
      } else {
        write(human(findings) + '\n');
      }
      const failing = findings.some(f => f.severity === 'error' || opts.strict);
      code = failing ? 1 : 0;
    });

  program.command('rules')
    .description('list the rules')
    .action(() => {
      write(RULES.map(r => `${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.description}`).join('\n') + '\n');
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e: any) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (typeof e.exitCode === 'number') return e.exitCode === 0 ? 0 : 2;
    process.stderr.write(`cdk8s-pods: ${e.message}\n`);
    return 2;
  }
  return code;
}
