// `cdk8s-pods convert`: Kubernetes YAML to one cdk8s program that uses this library's constructs
// and synthesizes the same objects.
import * as path from 'path';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion } from '../rules';
import type { FileFinding } from '../lint/text';
import { humanReport } from '../lint/format';
import { checkLintOptions } from '../lint/text';
import { call, comment, json, printStatements, Stmt, sym, symbolsOf, THIS } from './code';
import { ChartScope, objectStatements, pascal } from './chart';
import { ConvertText, readInput } from './read';
import { MODULES } from './verify';

export type { ConvertText } from './read';

/** Options of a conversion. */
export interface ConvertOptions {
  /**
   * The Kubernetes release the input is linted against and the program's charts check their pods
   * against (`setKubernetesVersion`).
   * @default KubernetesVersion.V1_28
   */
  readonly kubernetesVersion?: KubernetesVersion | `${KubernetesVersion}`;
  /**
   * Keep the fields the API server sets (status, metadata.uid, resourceVersion, creationTimestamp,
   * managedFields, generation, selfLink, the last-applied-configuration annotation).
   * @default false
   */
  readonly keepServerFields?: boolean;
  /**
   * Refuse input with lint errors (`ConvertError` with the findings) instead of converting it with
   * the errors as comments.
   * @default false
   */
  readonly strict?: boolean;
}

/** Why input was not converted: problems reading it, or (with `strict`) its lint errors. */
export class ConvertError extends Error {
  public constructor(
    message: string,
    /** Files or documents that could not be read or parsed. */
    public readonly problems: readonly string[],
    /** Lint errors, when `strict` refused the input. */
    public readonly findings: readonly FileFinding[],
  ) {
    super(message);
    this.name = 'ConvertError';
  }
}

/** What a conversion produced: the program, and how it relates to the input. */
export interface ConvertResult {
  /** The TypeScript program. */
  readonly program: string;
  /** Lint errors of the input, written as comments at their objects. */
  readonly errors: readonly FileFinding[];
  /** How many objects the program defines. */
  readonly objects: number;
  /** Escape-hatch patches in the program (each a `TODO(convert)`). */
  readonly patches: number;
}

/**
 * Converts Kubernetes YAML or JSON (files, directories, `-` for standard input, or texts given
 * as `{ file, text }`) into one TypeScript program: a cdk8s `App` with a `Chart` per file, whose
 * objects are this library's constructs (Pods) and plain `ApiObject`s (every other kind), and
 * which synthesizes the same objects as the input.
 * @throws ConvertError when a file cannot be read or a document does not parse, or, with `strict`, when lint finds errors
 */
export function convert(inputs: ReadonlyArray<string | ConvertText>, options: ConvertOptions = {}): string {
  return convertDetailed(inputs, options).program;
}

/** `convert()`, with what it found. */
export function convertDetailed(inputs: ReadonlyArray<string | ConvertText>, options: ConvertOptions = {}): ConvertResult {
  const version = options.kubernetesVersion as KubernetesVersion | undefined;
  checkLintOptions({ kubernetesVersion: version });
  const input = readInput(inputs, { kubernetesVersion: version, keepServerFields: options.keepServerFields });
  if (input.problems.length > 0) {
    throw new ConvertError(`cannot convert:\n${input.problems.map(p => `  ${p}`).join('\n')}`, input.problems, []);
  }
  const errors = input.findings.filter(f => f.severity === 'error');
  if (options.strict && errors.length > 0) {
    const report = humanReport({ findings: errors, files: input.files.length + input.skipped.length, skipped: input.skipped });
    throw new ConvertError(`not converted: lint found ${errors.length} error${errors.length === 1 ? '' : 's'}, and strict conversion refuses them; fix them or convert without strict to get them as comments:\n${report}`, [], errors);
  }
  const chartVersion = version !== undefined && version !== DEFAULT_KUBERNETES_VERSION ? version : undefined;
  const chartIds = new Set<string>();
  const classNames = new Set<string>();
  const charts: Array<{ comments: string[]; className: string; id: string; body: Stmt[][] }> = [];
  let objects = 0;
  let patches = 0;
  for (const file of input.files) {
    const id = unique(chartId(file.file), chartIds, '-');
    const className = unique(`${/^[A-Za-z]/.test(pascal(id)) ? pascal(id) : `Manifest${pascal(id)}`}Chart`, classNames, '');
    const scope = new ChartScope(id, chartVersion);
    const body = file.objects.map(o => objectStatements(o, scope));
    objects += file.objects.length;
    patches += body.flat().filter(s => s.comments?.some(c => c.startsWith('TODO(convert)'))).length;
    const count = `${file.objects.length} object${file.objects.length === 1 ? '' : 's'}`;
    charts.push({ comments: [`${file.file === '-' ? 'standard input' : file.file} (${count})`, ...file.notes], className, id, body });
  }
  if (chartVersion !== undefined) {
    for (const c of charts) c.body.unshift([{ expr: call('setKubernetesVersion', THIS, sym(`KubernetesVersion.V${chartVersion.replace('.', '_')}`)) }]);
  }

  // Header, imports, charts, app.
  const header: string[] = [];
  const sources = input.files.map(f => (f.file === '-' ? 'standard input' : f.file));
  header.push(`// Generated by \`cdk8s-pods convert\` from ${sources.length === 1 ? sources[0] : `${sources.length} files`}: ${objects} object${objects === 1 ? '' : 's'}${patches > 0 ? `, ${patches} field${patches === 1 ? '' : 's'} carried by the escape hatch (TODO(convert))` : ''}.`);
  if (input.dropped.size > 0) {
    header.push(`// Fields the API server sets were dropped (--keep-server-fields keeps them): ${[...input.dropped].map(([f, n]) => `${f} (${n})`).join(', ')}.`);
  }
  if (errors.length > 0) {
    header.push(`// Lint found ${errors.length} error${errors.length === 1 ? '' : 's'}, written as comments at ${errors.length === 1 ? 'its object' : 'their objects'}: cdk8s synth fails on them until they are fixed.`);
  }
  for (const s of input.skipped) header.push(`// Skipped ${s.file}: ${s.reason}.`);

  const used = new Set<string>(['App', 'Chart', 'Construct']);
  for (const c of charts) for (const stmts of c.body) symbolsOf(stmts, used);
  const imports: string[] = [];
  for (const [module, symbols] of Object.entries(MODULES)) {
    const names = Object.keys(symbols).filter(n => used.has(n)).sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
    if (names.length === 0) continue;
    const line = `import { ${names.join(', ')} } from '${module}';`;
    if (line.length <= 120) {
      imports.push(line);
      continue;
    }
    // Long imports wrap, as in the examples: names filled to the line width.
    const rows: string[] = [];
    for (const n of names) {
      if (rows.length > 0 && `  ${rows[rows.length - 1]} ${n},`.length <= 120) rows[rows.length - 1] += ` ${n},`;
      else rows.push(`${n},`);
    }
    imports.push(`import {\n${rows.map(r => `  ${r}`).join('\n')}\n} from '${module}';`);
  }

  const parts: string[] = [header.map(comment).join('\n'), imports.join('\n')];
  for (const c of charts) {
    const lines = c.comments.map(x => `// ${comment(x)}`);
    lines.push(`class ${c.className} extends Chart {`);
    lines.push('  public constructor(scope: Construct, id: string) {');
    lines.push('    super(scope, id);');
    for (const stmts of c.body) {
      lines.push('');
      lines.push(printStatements(stmts, '    '));
    }
    lines.push('  }');
    lines.push('}');
    parts.push(lines.join('\n'));
  }
  parts.push(['const app = new App();', ...charts.map(c => `new ${c.className}(app, ${printStatements([{ expr: json(c.id) }], '').slice(0, -1)});`), 'app.synth();'].join('\n'));
  return { program: parts.join('\n\n') + '\n', errors, objects, patches };
}

/** The chart id of a file: its base name without `.k8s.yaml`, `.yaml`, `.yml` or `.json`. */
function chartId(file: string): string {
  if (file === '-') return 'stdin';
  const base = path.basename(file).replace(/\.(ya?ml|json)$/i, '').replace(/\.k8s$/, '');
  return base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'manifest';
}

function unique(base: string, taken: Set<string>, sep: string): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${sep}${n}`;
  taken.add(name);
  return name;
}
