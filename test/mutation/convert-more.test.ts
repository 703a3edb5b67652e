// Code of lib/convert/ that no golden program of test/convert-programs.test.ts reaches, because a golden program is
// the conversion of one text that reads and lints cleanly: reading files (a path that is missing, bytes that are not
// UTF-8, a UTF-16 file with a byte-order mark, a symbolic link that leaves the directory), files that are not
// manifests (skipped, named in the header), `convert()` itself, `strict`, and verify.ts's synthesize and equal on
// inputs no candidate gives them (statements that throw, two different numbers).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convert, convertDetailed, ConvertError } from '../../lib/convert';
import { call, json, print, ref } from '../../lib/convert/code';
import { podCandidates } from '../../lib/convert/pod';
import { readInput } from '../../lib/convert/read';
import { diff, equal, synthesize } from '../../lib/convert/verify';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-more-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What readInput made of the inputs, with the scratch folder written as <dir>. */
function read(inputs: Array<string | { file: string; text: string }>) {
  const input = readInput(inputs);
  const shown = (s: string) => s.split(dir).join('<dir>');
  return {
    files: input.files.map(f => ({ file: shown(f.file), objects: f.objects.map(o => o.value.metadata?.name), notes: f.notes })),
    skipped: input.skipped.map(s => ({ file: shown(s.file), reason: s.reason })),
    problems: input.problems.map(shown),
  };
}

describe('reading files', () => {
  test('a path that does not exist is a problem that names it, and convert refuses with it', () => {
    const missing = path.join(dir, 'deployment.yaml');
    expect(read([missing])).toEqual({ files: [], skipped: [], problems: ['<dir>/deployment.yaml: cannot read the file: no such file or directory'] });

    let error: unknown;
    try {
      convertDetailed([missing, { file: 'config.yaml', text: CONFIG_MAP }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvertError);
    const e = error as ConvertError;
    expect(e.message).toBe(`cannot convert:\n  ${missing}: cannot read the file: no such file or directory`);
    expect(e.problems).toEqual([`${missing}: cannot read the file: no such file or directory`]);
    expect(e.findings).toEqual([]);
  });

  test('a symbolic link that leaves the directory given is only a warning: no problem, nothing read', () => {
    // GIVEN manifests/ holding a link to a file beside it (outside manifests/)
    fs.mkdirSync(path.join(dir, 'manifests'));
    fs.writeFileSync(path.join(dir, 'shared.yaml'), CONFIG_MAP);
    fs.symlinkSync(path.join(dir, 'shared.yaml'), path.join(dir, 'manifests', 'shared.yaml'));

    // WHEN / THEN lint warns about the link; convert neither reads it nor refuses
    expect(read([path.join(dir, 'manifests')])).toEqual({ files: [], skipped: [], problems: [] });
  });

  test('bytes that are not UTF-8 are a problem at their line', () => {
    const file = path.join(dir, 'latin1.yaml');
    // "café" saved as Latin-1: the é is the single byte 0xE9
    fs.writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\ndata: {}\n')]));
    expect(read([file]).problems).toEqual(['<dir>/latin1.yaml:4: the line has bytes that are not UTF-8, which kubectl rejects; they were read as U+FFFD: save the file as UTF-8']);
    expect(() => convert([file])).toThrow(new ConvertError(`cannot convert:\n  ${file}:4: the line has bytes that are not UTF-8, which kubectl rejects; they were read as U+FFFD: save the file as UTF-8`, [], []));
  });

  test('a UTF-16 file with a byte-order mark is only a warning: it is read and converted', () => {
    // GIVEN a manifest saved by an editor as UTF-16 LE with a BOM
    const file = path.join(dir, 'utf16.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CONFIG_MAP, 'utf16le')]));

    // WHEN / THEN no problem, and its ConfigMap is converted
    expect(read([file])).toEqual({ files: [{ file: '<dir>/utf16.yaml', objects: ['app-config'], notes: [] }], skipped: [], problems: [] });
    expect(convertDetailed([file]).objects).toBe(1);
  });
});

describe('files that are not manifests', () => {
  const compose = { file: 'docker-compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' };
  const kustomization = { file: 'kustomization.yaml', text: 'resources:\n  - config.yaml\n' };

  test('are skipped with the reason, and their documents are not converted', () => {
    expect(read([compose, kustomization, { file: 'config.yaml', text: CONFIG_MAP }])).toEqual({
      files: [{ file: 'config.yaml', objects: ['app-config'], notes: [] }],
      skipped: [
        { file: 'docker-compose.yaml', reason: 'no document has apiVersion, kind, metadata or spec' },
        { file: 'kustomization.yaml', reason: 'a Kustomization file' },
      ],
      problems: [],
    });
  });

  test('the program names them in its header, and has a chart only for the manifests', () => {
    const r = convertDetailed([compose, { file: 'config.yaml', text: CONFIG_MAP }]);
    expect(r.objects).toBe(1);
    expect(r.program.split('\n').slice(0, 2)).toEqual([
      '// Generated by `cdk8s-pods convert` from config.yaml: 1 object.',
      '// Skipped docker-compose.yaml: no document has apiVersion, kind, metadata or spec.',
    ]);
    expect(r.program).toContain('class ConfigChart extends Chart {');
    expect(r.program).not.toContain('DockerCompose');
  });
});

describe('convert() and strict', () => {
  const pod = (container: string) => ({ file: 'pod.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: ${container}\n      image: nginx:1.27\n` });

  test('convert() is the program of convertDetailed()', () => {
    const inputs = [{ file: '01-config.yaml', text: CONFIG_MAP }];
    const program = convert(inputs, { kubernetesVersion: '1.30' });
    expect(program).toBe(convertDetailed(inputs, { kubernetesVersion: '1.30' }).program);
    // a file name that starts with a digit makes a class name that starts with Manifest
    expect(program).toContain('class Manifest01ConfigChart extends Chart {');
    expect(program).toContain("new Manifest01ConfigChart(app, '01-config');");
    expect(program).toContain('setKubernetesVersion(this, KubernetesVersion.V1_30);');
  });

  test('strict refuses lint errors with the lint report, the findings attached', () => {
    let error: unknown;
    try {
      convertDetailed([pod('web_app'), { file: 'kustomization.yaml', text: 'resources:\n  - pod.yaml\n' }], { strict: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvertError);
    const e = error as ConvertError;
    expect(e.name).toBe('ConvertError');
    expect(e.message).toBe([
      'not converted: lint found 1 error, and strict conversion refuses them; fix them or convert without strict to get them as comments:',
      'pod.yaml:7 Pod/web spec.containers[0].name',
      "  error [container-name] container name 'web_app' is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit; use 'web-app'",
      '1 error, 0 warnings in 1 file; 1 file skipped as not Kubernetes manifests',
    ].join('\n'));
    expect(e.problems).toEqual([]);
    expect(e.findings.map(f => [f.rule, f.path, f.line])).toEqual([['container-name', 'spec.containers[0].name', 7]]);
  });

  test('strict counts the errors in its message; without errors it converts', () => {
    const second = { file: 'worker.yaml', text: pod('Worker').text.replace('name: web\n', 'name: worker\n') };
    expect(() => convert([pod('web_app'), second], { strict: true }))
      .toThrow(/^not converted: lint found 2 errors, and strict conversion refuses them;/);
    expect(convert([pod('web')], { strict: true })).toContain("new Pod(this, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.27' }] });");
  });

  test('without strict, lint errors do not stop the conversion', () => {
    const r = convertDetailed([pod('web_app')]);
    expect(r.errors.map(f => f.rule)).toEqual(['container-name']);
    expect(r.program).toContain('// Lint found 1 error, written as comments at its object: cdk8s synth fails on them until they are fixed.');
  });
});

describe('pod candidates', () => {
  test('two containers whose first is no object (a stray `-` line) are no SidecarPod: its app must be a container', () => {
    // GIVEN a spec whose containers list starts with an empty item, then the real container
    const spec = { containers: [null, { name: 'app', image: 'nginx:1.27' }] };

    // WHEN / THEN only Pods are proposed (inline volumes, then declared), the empty item written as a container without name or image
    const candidates = podCandidates({ name: 'web' }, spec, { metadata: ['metadata'], spec: ['spec'] }, base => base);
    expect(candidates.map(c => c.cls)).toEqual(['Pod', 'Pod']);
    expect(print(candidates[0].props, '')).toBe("{ name: 'web', containers: [{ name: '', image: '' }, { name: 'app', image: 'nginx:1.27' }] }");
  });
});

describe('verify', () => {
  test('statements that throw synthesize nothing (undefined), so the candidate is passed over', () => {
    expect(synthesize([{ declare: 'pod', expr: call('NoSuchConstruct.of', json(1)) }], 'pod', 'chart')).toBeUndefined();
    expect(synthesize([{ declare: 'pod', expr: ref('undeclared') }], 'pod', 'chart')).toBeUndefined();
  });

  test('numbers are equal when they are the same number, or both NaN; never equal to their string', () => {
    expect(equal(80, 80)).toBe(true);
    expect(equal(80, 8080)).toBe(false);
    expect(equal(NaN, NaN)).toBe(true);
    expect(equal(NaN, 1)).toBe(false);
    expect(equal(1, NaN)).toBe(false);
    expect(equal(80, '80')).toBe(false);
    expect(equal('80', 80)).toBe(false);
  });

  test('a different number is replaced where it is; a missing one is added', () => {
    expect(diff({ port: 80, ports: [80, 443] }, { port: 8080, ports: [80, 8443] })).toEqual([
      { op: 'replace', path: '/port', value: 8080 },
      { op: 'replace', path: '/ports/1', value: 8443 },
    ]);
    expect(diff(undefined, 3)).toEqual([{ op: 'add', path: '', value: 3 }]);
  });
});
