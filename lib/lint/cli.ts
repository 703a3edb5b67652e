import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, RULES } from '../rules';
import { convertDetailed, ConvertError } from '../convert';
import { jsonReport, humanReport, sarifReport } from './format';
import { lintPaths } from './index';

/** The package's version, from the package.json above this file (in the sources and in the compiled package alike). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'cdk8s-pods') return pkg.version;
    }
  }
  return 'unknown';
}

/** Splits repeated and comma-separated option values: `--disable a,b --disable c`. */
const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map(v => v.trim()).filter(v => v !== '')];

/**
 * Runs the `cdk8s-pods` command line and returns its exit code: 0 when no finding counts, 1 when
 * an error (or, with `--strict`, a warning) was found, 2 for a usage error.
 * @param argv the arguments after the program name
 */
export function main(argv: string[], write: (text: string) => void = t => process.stdout.write(t), writeErr: (text: string) => void = t => process.stderr.write(t)): number {
  let code = 0;
  const VERSION = packageVersion();
  const program = new Command('cdk8s-pods')
    .description('Typed Kubernetes pods for cdk8s, and a linter for the pod mistakes the API server rejects or that break at run time')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr });

  program.command('lint')
    .description('check Kubernetes YAML: every object\'s shape, and Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs in depth')
    .argument('<paths...>', 'YAML or JSON files, directories to search for them, or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'sarif']).default('human'))
    .option('--strict', 'fail on warnings too', false)
    .addOption(new Option('--pod-security <level>', 'check a Pod Security Standard: its checks run, as errors').choices(['baseline', 'restricted']))
    .addOption(new Option('--kubernetes-version <version>', 'the Kubernetes release to check against: its schema, served API versions and behaviour').choices(Object.values(KubernetesVersion)).default(DEFAULT_KUBERNETES_VERSION))
    .option('--exclude <glob>', 'leave out files and directories matching the glob (repeatable; a glob without / matches base names)', collect, [])
    .option('--disable <rule>', 'do not run a rule (repeatable, or comma-separated)', collect, [])
    .action((paths: string[], opts: { format: string; strict: boolean; podSecurity?: 'baseline' | 'restricted'; kubernetesVersion: KubernetesVersion; exclude: string[]; disable: string[] }) => {
      // A TypeError (an unknown rule in --disable) reaches the catch of program.parse below: a usage error.
      const result = lintPaths(paths, { podSecurityStandard: opts.podSecurity, kubernetesVersion: opts.kubernetesVersion, exclude: opts.exclude, disable: opts.disable, keepSuppressed: true });
      if (opts.format === 'json') write(JSON.stringify(jsonReport(result), undefined, 2) + '\n');
      else if (opts.format === 'sarif') write(sarifReport(result, VERSION) + '\n');
      else write(humanReport(result) + '\n');
      const counting = result.findings.filter(f => !f.suppressed);
      code = counting.some(f => f.severity === 'error' || opts.strict) ? 1 : 0;
    });

  program.command('convert')
    .description('write a cdk8s program (TypeScript) that uses these constructs and synthesizes the same objects as the input; lint errors become comments at their objects')
    .argument('<paths...>', 'YAML or JSON files, directories to search for them, or - for standard input')
    .option('--out <file>', 'write the program to this file instead of standard output')
    .option('--strict', 'refuse input with lint errors (exit 1 with the findings)', false)
    .option('--keep-server-fields', 'keep status, metadata.uid, resourceVersion, creationTimestamp, managedFields, generation, selfLink and the last-applied-configuration annotation', false)
    .addOption(new Option('--kubernetes-version <version>', 'the Kubernetes release to lint against and to check the pods against (setKubernetesVersion)').choices(Object.values(KubernetesVersion)))
    .action((paths: string[], opts: { out?: string; strict: boolean; keepServerFields: boolean; kubernetesVersion?: KubernetesVersion }) => {
      let result;
      try {
        result = convertDetailed(paths, { strict: opts.strict, keepServerFields: opts.keepServerFields, kubernetesVersion: opts.kubernetesVersion });
      } catch (e) {
        if (e instanceof ConvertError) {
          writeErr(`cdk8s-pods convert: ${e.message}\n`);
          code = 1;
          return;
        }
        throw e; // a TypeError is a usage error, reported by the catch of program.parse below
      }
      if (opts.out !== undefined) {
        try {
          fs.writeFileSync(opts.out, result.program);
        } catch (e) {
          writeErr(`cdk8s-pods convert: cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
          code = 1;
          return;
        }
        writeErr(`wrote ${opts.out}: ${result.objects} object${result.objects === 1 ? '' : 's'}${result.patches > 0 ? `, ${result.patches} escape-hatch patch${result.patches === 1 ? '' : 'es'} (TODO(convert))` : ''}\n`);
      } else {
        write(result.program);
      }
      if (result.errors.length > 0) {
        writeErr(`cdk8s-pods convert: the input has ${result.errors.length} lint error${result.errors.length === 1 ? '' : 's'}, written as comments at their objects; cdk8s synth fails on them until they are fixed (--strict refuses such input)\n`);
      }
    });

  program.command('rules')
    .description('list the rules')
    .action(() => {
      write(RULES.map(r => `${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.description}`).join('\n') + '\n');
    });

  if (argv.length === 0) {
    writeErr(program.helpInformation());
    return 2;
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (e: any) {
    // commander's exits: 0 for --help, help and --version; 1 for a usage error, also when it prints the help
    // for one (`cdk8s-pods --`, `cdk8s-pods help <no such command>`), which is exit code 2 here as without arguments.
    if (typeof e.exitCode === 'number') return e.exitCode === 0 ? 0 : 2;
    writeErr(`cdk8s-pods: ${e.message}\n`);
    return 2;
  }
  return code;
}
