// The layout of lib/ (README "Layout"): data flows one way, constructs -> model -> rules, and lint and convert
// sit beside the constructs. A relative import that goes against that flow fails here, with the file and the import.
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', 'lib');

/** The layer of a file of lib/: its first folder, or 'top' for lib/index.ts and lib/testing.ts. */
function layerOf(file: string): string {
  const rel = path.relative(LIB, file).split(path.sep);
  return rel.length === 1 ? 'top' : rel[0];
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** The layers of lib/ that each layer may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  rules: [],
  model: ['rules'],
  constructs: ['model', 'rules'],
  lint: ['rules'],
  convert: ['constructs', 'model', 'rules', 'lint'],
  top: ['constructs', 'model', 'rules', 'lint', 'convert'],
};
/** The one exception: the package's single CLI (bin/cdk8s-pods) runs both `lint` and `convert`. */
const ALLOWED_FILE: Record<string, string[]> = { [path.join('lint', 'cli.ts')]: ['convert'] };

/** Every relative import of lib/ as `file -> layer of the import`. */
function imports(): { from: string; layer: string; to: string; spec: string }[] {
  return tsFiles(LIB).flatMap(file => {
    const src = fs.readFileSync(file, 'utf8');
    return [...src.matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']*)'/g)].map(m => {
      const target = path.resolve(path.dirname(file), m[1]);
      const resolved = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : `${target}.ts`;
      return { from: path.relative(LIB, file), layer: layerOf(file), to: layerOf(resolved), spec: m[1] };
    });
  });
}

test('lib/ has exactly the folders of the layout', () => {
  const dirs = fs.readdirSync(LIB, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();
  expect(dirs).toEqual(['constructs', 'convert', 'lint', 'model', 'rules']);
  const top = fs.readdirSync(LIB, { withFileTypes: true }).filter(e => e.isFile()).map(e => e.name).sort();
  expect(top).toEqual(['index.ts', 'testing.ts']);
});

test('no import goes against the flow constructs -> model -> rules', () => {
  const all = imports();
  // the check sees the imports it must judge: model reaches rules, constructs reach model
  expect(all).toEqual(expect.arrayContaining([
    expect.objectContaining({ from: path.join('model', 'container.ts'), to: 'rules' }),
    expect.objectContaining({ from: path.join('constructs', 'pod.ts'), to: 'model' }),
  ]));
  const against = all.filter(i => i.to !== i.layer && !ALLOWED[i.layer].includes(i.to) && !(ALLOWED_FILE[i.from] ?? []).includes(i.to)).map(i => `${i.from} imports '${i.spec}' (${i.to})`);
  expect(against).toEqual([]);
});
