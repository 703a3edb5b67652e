// The code model of convert (lib/convert/code.ts), tested on its own: the printer's literals (strings with
// control characters, odd numbers, octal modes, `__proto__` keys), the layout of long calls, and the
// evaluator's errors and member calls. The golden programs reach only the shapes real manifests have.
import { arr, call, construct, evaluate, json, method, obj, print, printStatements, quote, ref, run, Scope, sym, THIS } from '../../lib/convert/code';

const scope = (symbols: { [name: string]: any } = {}, self: unknown = undefined): Scope => ({ symbols, vars: new Map(), self });

describe('quote', () => {
  test('single quotes, or double quotes for text with single quotes and no double quotes', () => {
    expect(quote('plain')).toBe("'plain'");
    expect(quote("it's")).toBe('"it\'s"');
    expect(quote(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(quote('say "hi"')).toBe(`'say "hi"'`);
  });

  test('escapes the quote mark, backslashes and line breaks', () => {
    expect(quote('a\\b')).toBe("'a\\\\b'");
    expect(quote('a\nb')).toBe("'a\\nb'");
    expect(quote('a\rb')).toBe("'a\\rb'");
    expect(quote('a\tb')).toBe("'a\\tb'");
  });

  test('writes control characters and the JavaScript line separators as \\u escapes, and nothing else', () => {
    expect(quote('\u0000\u0001\u001f')).toBe("'\\u0000\\u0001\\u001f'");
    expect(quote('\u007f')).toBe("'\\u007f'");
    expect(quote('\u2028\u2029')).toBe("'\\u2028\\u2029'");
    expect(quote('\u0080\u0085\u009f')).toBe("'\\u0080\\u0085\\u009f'");
    // Just outside the ranges: written as they are.
    expect(quote(' ~\u00a0\u2027\u202a한')).toBe("' ~\u00a0\u2027\u202a한'");
  });
});

describe('print: literals', () => {
  test('numbers: NaN, the infinities, -0, and modes in octal only for positive whole modes up to 0o7777', () => {
    expect(print(json(NaN), '')).toBe('NaN');
    expect(print(json(Infinity), '')).toBe('Infinity');
    expect(print(json(-Infinity), '')).toBe('-Infinity');
    expect(print(json(-0), '')).toBe('-0');
    expect(print(json(0), '')).toBe('0');
    expect(print(json(420), '', 'defaultMode')).toBe('0o644');
    expect(print(json(1), '', 'mode')).toBe('0o1');
    expect(print(json(0o7777), '', 'mode')).toBe('0o7777');
    expect(print(json(0o7777 + 1), '', 'mode')).toBe('4096');
    expect(print(json(0), '', 'mode')).toBe('0');
    expect(print(json(-1), '', 'mode')).toBe('-1');
    expect(print(json(1.5), '', 'mode')).toBe('1.5');
    expect(print(json(420), '', 'port')).toBe('420');
    expect(print(obj([['defaultMode', json(384)], ['items', json([{ mode: 256 }])]]), '')).toBe('{ defaultMode: 0o600, items: [{ mode: 0o400 }] }');
  });

  test('null, undefined, booleans, and keys that are not identifiers', () => {
    expect(print(json(null), '')).toBe('null');
    expect(print(json(undefined), '')).toBe('undefined');
    expect(print(json(false), '')).toBe('false');
    // As YAML or JSON input has it: an own field named __proto__ (an object literal would set the prototype).
    expect(print(json(JSON.parse('{"__proto__": 1, "a-b": 2, "c": 3}')), '')).toBe("{ ['__proto__']: 1, 'a-b': 2, c: 3 }");
    expect(print(obj([['__proto__', json('x')], [{ sym: 'NodeLabel.OS' }, json('linux')]]), '')).toBe("{ ['__proto__']: 'x', [NodeLabel.OS]: 'linux' }");
    expect(print(json([]), '')).toBe('[]');
    // Empty at any depth: never broken over lines, even where nothing fits.
    expect(print(arr([]), ' '.repeat(130))).toBe('[]');
    expect(print(obj([]), ' '.repeat(130))).toBe('{}');
    expect(print(json({}), '')).toBe('{}');
  });
});

describe('print: layout', () => {
  const long = 'x'.repeat(60);

  test('a call whose last argument is a JSON object opens that object on the call line', () => {
    expect(print(construct('Pod', THIS, json('Web'), json({ a: long, b: long })), '')).toBe([
      "new Pod(this, 'Web', {",
      `  a: '${long}',`,
      `  b: '${long}',`,
      '})',
    ].join('\n'));
  });

  test('a call whose last argument is a long string puts every argument on its own line', () => {
    expect(print(call('f', json(long), json(long)), '')).toBe(`f(\n  '${long}',\n  '${long}',\n)`);
  });

  test('a call whose last argument is a new or a call opens it on the call line', () => {
    expect(print(call('f', construct('G', json(long), json(long))), '')).toBe(`f(new G(\n  '${long}',\n  '${long}',\n))`);
  });

  test('a long call with no arguments left to open stays one line', () => {
    const name = `f${'x'.repeat(130)}`;
    expect(print(call(name), '')).toBe(`${name}(\n\n)`);
  });

  test('a long list of several objects puts each on its own line; of one object, the object hugs the brackets', () => {
    const o = obj([['name', json(long)]]);
    expect(print(arr([o, o]), '')).toBe(`[\n  { name: '${long}' },\n  { name: '${long}' },\n]`);
    expect(print(arr([obj([['a', json(long)], ['b', json(long)]])]), '')).toBe(`[{\n  a: '${long}',\n  b: '${long}',\n}]`);
  });

  test('statements with comments and declarations', () => {
    expect(printStatements([{ comments: ['why', ''], declare: 'x', expr: json(1) }, { expr: call('f') }], '  ')).toBe('  // why\n  //\n  const x = 1;\n  f();');
    expect(printStatements([{ comments: ['a\u2028b'], expr: call('f') }], '')).toBe('// a\\u2028b\nf();');
  });
});

describe('evaluate', () => {
  test('unknown symbols and variables are errors that name them', () => {
    expect(() => evaluate(sym('Nope.X'), scope())).toThrow(new Error('convert: unknown symbol Nope'));
    expect(() => evaluate(ref('pod'), scope())).toThrow(new Error('convert: unknown variable pod'));
  });

  test('a symbol whose value is falsy but defined is a value, not an unknown symbol', () => {
    expect(evaluate(sym('Zero'), scope({ Zero: 0 }))).toBe(0);
  });

  test('member calls keep their receiver: `Size.gibibytes(2)`, `x.add(1)` and a plain function call', () => {
    const Size = { unit: 1024, gibibytes(n: number) { return n * this.unit; } };
    expect(evaluate(call('Size.gibibytes', json(2)), scope({ Size }))).toBe(2048);
    const s = scope();
    const counter = { n: 0, add(k: number) { this.n += k; return this.n; } };
    s.vars.set('c', counter);
    expect(evaluate(method(ref('c'), 'add', json(5)), s)).toBe(5);
    expect(evaluate(call('twice', json(4)), scope({ twice: (n: number) => 2 * n }))).toBe(8);
  });

  test('a nested member call evaluates its receiver through every part of the path', () => {
    const Lib = { Size: { unit: 3, of(n: number) { return n * this.unit; } } };
    expect(evaluate(call('Lib.Size.of', json(2)), scope({ Lib }))).toBe(6);
  });

  test('`new` passes evaluated arguments; `this` is the scope\'s self; JSON values are copies, non-finite numbers as strings', () => {
    class Box { public constructor(public readonly a: unknown, public readonly b: unknown) {} }
    const self = { chart: true };
    const made = evaluate(construct('Box', THIS, arr([json(1), json(undefined)])), scope({ Box }, self));
    expect(made).toBeInstanceOf(Box);
    expect(made.a).toBe(self);
    expect(made.b).toEqual([1, undefined]);
    const value = { a: [1] };
    const copy = evaluate(json(value), scope());
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(evaluate(json({ n: Infinity, m: NaN }), scope())).toEqual({ n: 'Infinity', m: 'NaN' });
    expect(evaluate(json(undefined), scope())).toBeUndefined();
  });

  test('run binds declared variables in order', () => {
    const s = scope({ f: (n: number) => n + 1 });
    run([{ declare: 'a', expr: json(1) }, { declare: 'b', expr: call('f', ref('a')) }, { expr: call('f', ref('b')) }], s);
    expect([...s.vars.entries()]).toEqual([['a', 1], ['b', 2]]);
  });
});
