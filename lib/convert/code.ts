// The code model of `cdk8s-pods convert`: TypeScript expressions and statements that can be both
// printed (the generated program) and evaluated in-process against the library itself, so the
// converter checks what a statement synthesizes before it prints it.
import { escapeControl } from '../lint/format';

/** A TypeScript expression of the generated program. */
export type Expr =
  /** A JSON value written as a literal (objects and arrays included). */
  | { readonly t: 'json'; readonly value: unknown }
  /** An object literal whose values are expressions; a key is a string or a computed member such as `NodeLabel.OS`. */
  | { readonly t: 'obj'; readonly props: ReadonlyArray<readonly [Key, Expr]> }
  | { readonly t: 'arr'; readonly items: readonly Expr[] }
  /** An imported symbol or one of its members: `Cpu`, `ImagePullPolicy.ALWAYS`, `Size.gibibytes`. */
  | { readonly t: 'sym'; readonly path: string }
  /** A local variable. */
  | { readonly t: 'var'; readonly name: string }
  /** The chart under construction (`this`). */
  | { readonly t: 'this' }
  | { readonly t: 'call'; readonly fn: Expr; readonly args: readonly Expr[] }
  | { readonly t: 'new'; readonly cls: Expr; readonly args: readonly Expr[] }
  /** `target.name` */
  | { readonly t: 'get'; readonly target: Expr; readonly name: string };

/** An object key: a plain string, or a computed member of an imported symbol (`[NodeLabel.OS]`). */
export type Key = string | { readonly sym: string };

/** One statement: comments above it, then `const name = expr;` or `expr;`. */
export interface Stmt {
  readonly comments?: readonly string[];
  readonly declare?: string;
  readonly expr: Expr;
}

export const json = (value: unknown): Expr => ({ t: 'json', value });
export const sym = (path: string): Expr => ({ t: 'sym', path });
export const ref = (name: string): Expr => ({ t: 'var', name });
export const THIS: Expr = { t: 'this' };
export const call = (fn: string | Expr, ...args: Expr[]): Expr => ({ t: 'call', fn: typeof fn === 'string' ? sym(fn) : fn, args });
export const construct = (cls: string, ...args: Expr[]): Expr => ({ t: 'new', cls: sym(cls), args });
export const arr = (items: readonly Expr[]): Expr => ({ t: 'arr', items });
export const method = (target: Expr, name: string, ...args: Expr[]): Expr => ({ t: 'call', fn: { t: 'get', target, name }, args });

/** Whether an expression is an empty object literal. */
export function isEmptyObject(e: Expr): boolean {
  return e.t === 'obj' && e.props.length === 0;
}

/** An object literal from entries, leaving out those whose value is undefined. */
export function obj(entries: ReadonlyArray<readonly [Key, Expr | undefined]>): Expr {
  return { t: 'obj', props: entries.filter((e): e is readonly [Key, Expr] => e[1] !== undefined) };
}

// ---- Evaluation ----------------------------------------------------------------------------------

/** The runtime values of the imported symbols, and of the local variables and `this`. */
export interface Scope {
  readonly symbols: { readonly [name: string]: any };
  readonly vars: Map<string, unknown>;
  readonly self: unknown;
}

/** Evaluates an expression as the generated program would. */
export function evaluate(e: Expr, scope: Scope): any {
  switch (e.t) {
    case 'json': return clone(e.value);
    case 'obj': {
      const out: { [key: string]: unknown } = {};
      for (const [k, v] of e.props) out[typeof k === 'string' ? k : evaluate(sym(k.sym), scope)] = evaluate(v, scope);
      return out;
    }
    case 'arr': return e.items.map(i => evaluate(i, scope));
    case 'sym': {
      const [head, ...rest] = e.path.split('.');
      let value = scope.symbols[head];
      if (value === undefined) throw new Error(`convert: unknown symbol ${head}`);
      for (const part of rest) value = value[part];
      return value;
    }
    case 'var': {
      if (!scope.vars.has(e.name)) throw new Error(`convert: unknown variable ${e.name}`);
      return scope.vars.get(e.name);
    }
    case 'this': return scope.self;
    case 'get': return evaluate(e.target, scope)[e.name];
    case 'call': {
      if (e.fn.t === 'get') {
        const target = evaluate(e.fn.target, scope);
        return target[e.fn.name](...e.args.map(a => evaluate(a, scope)));
      }
      if (e.fn.t === 'sym' && e.fn.path.includes('.')) {
        const dot = e.fn.path.lastIndexOf('.');
        const target = evaluate(sym(e.fn.path.slice(0, dot)), scope);
        return target[e.fn.path.slice(dot + 1)](...e.args.map(a => evaluate(a, scope)));
      }
      return evaluate(e.fn, scope)(...e.args.map(a => evaluate(a, scope)));
    }
    case 'new': {
      const Cls = evaluate(e.cls, scope);
      return new Cls(...e.args.map(a => evaluate(a, scope)));
    }
  }
}

/** Runs statements in order, binding declared variables. */
export function run(stmts: readonly Stmt[], scope: Scope): void {
  for (const s of stmts) {
    const value = evaluate(s.expr, scope);
    if (s.declare !== undefined) scope.vars.set(s.declare, value);
  }
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
}

// ---- Imports ---------------------------------------------------------------------------------------

/** The imported symbols an expression or statement uses, by their first segment. */
export function symbolsOf(e: Expr | readonly Stmt[], out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(e)) {
    for (const s of e as readonly Stmt[]) symbolsOf(s.expr, out);
    return out;
  }
  const x = e as Expr;
  switch (x.t) {
    case 'sym': out.add(x.path.split('.')[0]); break;
    case 'obj': for (const [k, v] of x.props) { if (typeof k !== 'string') out.add(k.sym.split('.')[0]); symbolsOf(v, out); } break;
    case 'arr': for (const i of x.items) symbolsOf(i, out); break;
    case 'call': symbolsOf(x.fn, out); for (const a of x.args) symbolsOf(a, out); break;
    case 'new': symbolsOf(x.cls, out); for (const a of x.args) symbolsOf(a, out); break;
    case 'get': symbolsOf(x.target, out); break;
    default: break;
  }
  return out;
}

// ---- Printing ----------------------------------------------------------------------------------------

/** Lines wider than this are broken over several lines. */
const WIDTH = 120;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys written as mode bits: printed in octal (`0o644`), as the Kubernetes docs write them. */
const OCTAL_KEYS = new Set(['defaultMode', 'mode']);

/** A string as a single-quoted TypeScript literal. */
export function quote(s: string): string {
  // A string with single quotes and no double quotes is written in double quotes, as people write it.
  const mark = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = mark;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === mark) out += `\\${mark}`;
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 || (code >= 0x80 && code <= 0x9f)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + mark;
}

function printKey(k: Key): string {
  if (typeof k !== 'string') return `[${k.sym}]`;
  // In an object literal `__proto__: x` sets the prototype; a computed key makes it a field.
  if (k === '__proto__') return "['__proto__']";
  return IDENTIFIER.test(k) ? k : quote(k);
}

function printNumber(n: number, key?: string): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (key !== undefined && OCTAL_KEYS.has(key) && Number.isInteger(n) && n > 0 && n <= 0o7777) return `0o${n.toString(8)}`;
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** JSON values as expressions, so the printer has one shape to lay out. */
function fromJson(value: unknown): Expr {
  if (Array.isArray(value)) return arr(value.map(fromJson));
  if (typeof value === 'object' && value !== null) return { t: 'obj', props: Object.entries(value).map(([k, v]) => [k, fromJson(v)] as const) };
  return { t: 'json', value };
}

/** Prints an expression at an indent; `key` is the object key it is the value of (for octal modes). */
export function print(e: Expr, indent: string, key?: string, lead = 0): string {
  const fits = (text: string) => !text.includes('\n') && indent.length + lead + text.length < WIDTH;
  if (e.t === 'json') {
    const v = e.value;
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number') return printNumber(v, key);
    if (typeof v === 'boolean') return String(v);
    return print(fromJson(v), indent, key, lead);
  }
  switch (e.t) {
    case 'sym': return e.path;
    case 'var': return e.name;
    case 'this': return 'this';
    case 'get': return `${print(e.target, indent)}.${e.name}`;
    case 'obj': {
      if (e.props.length === 0) return '{}';
      const flat = `{ ${e.props.map(([k, v]) => `${printKey(k)}: ${print(v, indent, typeof k === 'string' ? k : undefined)}`).join(', ')} }`;
      if (fits(flat)) return flat;
      const inner = indent + '  ';
      return `{\n${e.props.map(([k, v]) => `${inner}${printKey(k)}: ${print(v, inner, typeof k === 'string' ? k : undefined, printKey(k).length + 2)},`).join('\n')}\n${indent}}`;
    }
    case 'arr': {
      if (e.items.length === 0) return '[]';
      const flat = `[${e.items.map(i => print(i, indent, key)).join(', ')}]`;
      if (fits(flat)) return flat;
      // One object in a list hugs the brackets: `[{ ... }]`, as people write a single container.
      if (e.items.length === 1 && e.items[0].t === 'obj') {
        return `[${print(e.items[0], indent, key, lead + 1)}]`;
      }
      const inner = indent + '  ';
      return `[\n${e.items.map(i => `${inner}${print(i, inner, key)},`).join('\n')}\n${indent}]`;
    }
    case 'call':
    case 'new': {
      const head = e.t === 'new' ? `new ${print(e.cls, indent)}` : print(e.fn, indent);
      const args = e.args;
      const flat = `${head}(${args.map(a => print(a, indent)).join(', ')})`;
      if (fits(flat)) return flat;
      // The last argument (props) opens on the same line: `new Pod(this, 'Web', {`.
      const leading = args.slice(0, -1).map(a => print(a, indent));
      const given = args[args.length - 1];
      const last = given?.t === 'json' && typeof given.value === 'object' && given.value !== null ? fromJson(given.value) : given;
      const leadText = leading.length > 0 ? `${leading.join(', ')}, ` : '';
      if (last !== undefined && (last.t === 'obj' || last.t === 'arr' || last.t === 'call' || last.t === 'new') && fits(`${head}(${leadText}{`)) {
        return `${head}(${leadText}${print(last, indent, undefined, lead + head.length + 1 + leadText.length)})`;
      }
      const inner = indent + '  ';
      return `${head}(\n${args.map(a => `${inner}${print(a, inner)},`).join('\n')}\n${indent})`;
    }
  }
}

/**
 * Text made safe for a `//` comment: line breaks (JavaScript's included: U+2028, U+2029) and other
 * control characters from file names or values are written as escapes, so nothing ends the comment.
 */
export function comment(text: string): string {
  return escapeControl(text);
}

/** Prints statements at an indent, each with its comments. */
export function printStatements(stmts: readonly Stmt[], indent: string): string {
  const out: string[] = [];
  for (const s of stmts) {
    for (const c of s.comments ?? []) out.push(`${indent}// ${comment(c)}`.trimEnd());
    const lhs = s.declare !== undefined ? `const ${s.declare} = ` : '';
    out.push(`${indent}${lhs}${print(s.expr, indent, undefined, lhs.length)};`);
  }
  return out.join('\n');
}
