// lib/lint/files.ts: which files `discover` finds (directories walked in sorted order, node_modules and dot entries
// skipped, `exclude` globs, symbolic links inside and leaving the linted tree, broken links, FIFOs, `-`), and how
// `readDocuments` / `splitText` read them (files read in 1 MiB chunks, BOMs, UTF-16 with and without BOM, invalid
// UTF-8, `---` / `...` boundaries and the lines before them, line numbers, the document size limit). Standard input
// is only read in child processes whose stdin the test provides. Every result is asserted as exact values.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discover, readDocuments, ReadEvent, splitText } from '../../lib/lint/files';

/** The chunk size the reader uses (CHUNK_BYTES in lib/lint/files.ts). */
const CHUNK = 1024 * 1024;
const FILES_TS = path.resolve(__dirname, '../../lib/lint/files.ts');
const SUCRASE = require.resolve('sucrase/register');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) spawnSync('rm', ['-rf', dir]);
});

function tmp(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-files-')));
  made.push(dir);
  return dir;
}

/** Writes files (creating their folders) under `dir`, in the order given. */
function put(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

const doc = (text: string, firstLine: number, index: number): ReadEvent => ({ document: { text, firstLine, index } });
const split = (text: string, file?: string, max?: number) => [...splitText(text, file, max)];
const read = (file: string, max?: number) => [...readDocuments({ file }, max)];

/** Reads a file with a given content through readDocuments. */
function readContent(content: string | Buffer, max?: number): { file: string; events: ReadEvent[] } {
  const file = path.join(tmp(), 'f.yaml');
  fs.writeFileSync(file, content);
  return { file, events: read(file, max) };
}

const FIFO_WARNING = 'not a regular file (a FIFO, socket or device), so it was not read';
const LEAVES = 'a symbolic link that leaves the linted directories, so it was not followed; lint its target by naming it';
const NOT_UTF8 = 'the line has bytes that are not UTF-8, which kubectl rejects; they were read as U+FFFD: save the file as UTF-8';

describe('discover', () => {
  test('walks directories recursively in name order, keeping .yaml/.yml/.json files and skipping node_modules and dot entries', () => {
    // GIVEN: files created out of name order, other extensions, node_modules, a dot directory and a dot file
    const root = tmp();
    put(root, {
      'm.yaml': 'a: 1\n', 'sub/deeper/d.json': '{}', 'b.yaml': '', 'C.JSON': '{}', 'k.yml': '', 'sub/c.yaml': '',
      'notes.txt': '', 'README.md': '', 'z.YML': '', 'a.yaml': '', 'q.yaml': '', 'e.yaml': '', 'x.yaml.': '',
      'node_modules/m.yaml': '', '.hidden/h.yaml': '', '.dot.yaml': '', 'h.yaml': '', 'w.json': '', 'c.yml': '',
      '\uff5a.yaml': '', '\u{1f600}.yaml': '',
    });
    // fs.readdirSync lists names in byte (UTF-8) order; the walk sorts them by UTF-16 code units, which puts
    // U+1F600 (a surrogate pair, D83D DE00) before U+FF5A
    expect(fs.readdirSync(root).slice(-2)).toEqual(['\uff5a.yaml', '\u{1f600}.yaml']);

    // WHEN
    const result = discover([root]);

    // THEN
    expect(result).toEqual({
      sources: ['C.JSON', 'a.yaml', 'b.yaml', 'c.yml', 'e.yaml', 'h.yaml', 'k.yml', 'm.yaml', 'q.yaml',
        'sub/c.yaml', 'sub/deeper/d.json', 'w.json', 'z.YML', '\u{1f600}.yaml', '\uff5a.yaml'].map(f => ({ file: path.join(root, f) })),
      problems: [],
    });
  });

  test('a file named directly is a source whatever its extension; `-` is standard input; a missing path is a problem', () => {
    // GIVEN
    const dir = tmp();
    put(dir, { 'notes.txt': 'a: 1\n' });
    const missing = path.join(dir, 'missing.yaml');

    // WHEN
    const result = discover([path.join(dir, 'notes.txt'), '-', missing]);

    // THEN
    expect(result).toEqual({
      sources: [{ file: path.join(dir, 'notes.txt') }, { file: '-', stdin: true }],
      problems: [{ file: missing, rule: 'io', severity: 'error', message: 'cannot read the file: no such file or directory' }],
    });
  });

  test('exclude globs match base names, paths relative to the directory given, the path as shown, and directories', () => {
    // GIVEN
    const root = tmp();
    put(root, {
      'keep.yaml': '', 'skip-me.yaml': '', 'sub/b.yaml': '', 'sub/keep.yaml': '', 'other/b.yaml': '',
      'gen/x.yaml': '', 'abs.yaml': '',
    });

    // WHEN
    const result = discover([root], { exclude: ['skip-*.yaml', 'sub/b.yaml', path.join(root, 'abs.yaml'), 'gen'] });

    // THEN
    expect(result).toEqual({
      sources: ['keep.yaml', 'other/b.yaml', 'sub/keep.yaml'].map(f => ({ file: path.join(root, f) })),
      problems: [],
    });
  });

  test('an exclude glob with wildcards matches dot directories in the path as shown (a dot directory given directly)', () => {
    // GIVEN: the directory given is itself a dot directory; the glob must cross it with `*`
    const parent = tmp();
    const root = path.join(parent, '.config');
    put(root, { 'drop.yaml': '', 'keep.yaml': '' });

    // WHEN
    const result = discover([root], { exclude: [path.join(parent, '*', 'drop.yaml')] });

    // THEN
    expect(result).toEqual({ sources: [{ file: path.join(root, 'keep.yaml') }], problems: [] });
  });

  test('symbolic links are followed inside the directory given, reported when they leave it or are broken', () => {
    // GIVEN
    const top = tmp();
    const root = path.join(top, 'root');
    put(top, {
      'outside.yaml': 'a: 1\n', 'outside-dir/o.yaml': '',
      'root/real/r.yaml': '', 'root/real/notes.txt': '', 'root/real/nested/n.yaml': '',
    });
    fs.symlinkSync('real/r.yaml', path.join(root, 'a-file-link.yaml'));
    fs.symlinkSync('../outside.yaml', path.join(root, 'b-out.yaml'));
    fs.symlinkSync('nowhere.yaml', path.join(root, 'c-broken.yaml'));
    fs.symlinkSync('nowhere.txt', path.join(root, 'd-broken.txt'));
    fs.symlinkSync('real/notes.txt', path.join(root, 'e-notes.txt'));
    fs.symlinkSync('real/nested', path.join(root, 'f-dirlink'));
    fs.symlinkSync('../outside-dir', path.join(root, 'g-outdir'));
    fs.symlinkSync('.', path.join(root, 'h-self'));
    fs.symlinkSync('i-loop.yaml', path.join(root, 'i-loop.yaml'));

    // WHEN
    const result = discover([root]);

    // THEN: real/nested was walked once, through f-dirlink; a file reached twice is listed twice
    expect(result).toEqual({
      sources: [
        { file: path.join(root, 'a-file-link.yaml') },
        { file: path.join(root, 'f-dirlink', 'n.yaml') },
        { file: path.join(root, 'real', 'r.yaml') },
      ],
      problems: [
        { file: path.join(root, 'b-out.yaml'), rule: 'io', severity: 'warning', message: LEAVES },
        { file: path.join(root, 'c-broken.yaml'), rule: 'io', severity: 'error', message: 'cannot read the file: no such file or directory (a broken symbolic link)' },
        { file: path.join(root, 'g-outdir'), rule: 'io', severity: 'warning', message: LEAVES },
        { file: path.join(root, 'i-loop.yaml'), rule: 'io', severity: 'error', message: 'cannot read the file: a symbolic link loop (a broken symbolic link)' },
      ],
    });
  });

  test('a link from one directory given into another directory given is followed; into a file given directly it is not', () => {
    // GIVEN
    const top = tmp();
    put(top, { 'a/x.yaml': '', 'b/t.yaml': '', 'single.yaml': '' });
    fs.symlinkSync(path.join(top, 'b', 't.yaml'), path.join(top, 'a', 'link-b.yaml'));
    fs.symlinkSync(path.join(top, 'single.yaml'), path.join(top, 'a', 'link-single.yaml'));
    const paths = [path.join(top, 'a'), path.join(top, 'b'), path.join(top, 'single.yaml')];

    // WHEN
    const result = discover(paths);

    // THEN
    expect(result).toEqual({
      sources: [
        { file: path.join(top, 'a', 'link-b.yaml') },
        { file: path.join(top, 'a', 'x.yaml') },
        { file: path.join(top, 'b', 't.yaml') },
        { file: path.join(top, 'single.yaml') },
      ],
      problems: [{ file: path.join(top, 'a', 'link-single.yaml'), rule: 'io', severity: 'warning', message: LEAVES }],
    });
  });

  test('`-` is never a directory to stay inside, even when the working directory has a directory named -', () => {
    // GIVEN: ./- is a directory, and the linted directory links into it
    const top = tmp();
    put(top, { '-/t.yaml': '', 'root/x.yaml': '' });
    fs.symlinkSync(path.join(top, '-', 't.yaml'), path.join(top, 'root', 'link.yaml'));
    const cwd = process.cwd();

    // WHEN
    let result;
    process.chdir(top);
    try {
      result = discover(['-', path.join(top, 'root')]);
    } finally {
      process.chdir(cwd);
    }

    // THEN
    expect(result).toEqual({
      sources: [{ file: '-', stdin: true }, { file: path.join(top, 'root', 'x.yaml') }],
      problems: [{ file: path.join(top, 'root', 'link.yaml'), rule: 'io', severity: 'warning', message: LEAVES }],
    });
  });

  test('FIFOs are never read: named ones are an error, ones found in a directory (or linked to) a warning when named like YAML', () => {
    // GIVEN
    const root = tmp();
    put(root, { 'a.yaml': '' });
    mkfifo(path.join(root, 'pipe.yaml'));
    mkfifo(path.join(root, 'pipe'));
    fs.symlinkSync('pipe.yaml', path.join(root, 'link-pipe.yaml'));
    fs.symlinkSync('pipe', path.join(root, 'link-pipe.txt'));

    // WHEN
    const inDir = discover([root]);
    const named = discover([path.join(root, 'pipe.yaml')]);

    // THEN
    expect(inDir).toEqual({
      sources: [{ file: path.join(root, 'a.yaml') }],
      problems: [
        { file: path.join(root, 'link-pipe.yaml'), rule: 'io', severity: 'warning', message: FIFO_WARNING },
        { file: path.join(root, 'pipe.yaml'), rule: 'io', severity: 'warning', message: FIFO_WARNING },
      ],
    });
    expect(named).toEqual({
      sources: [],
      problems: [{
        file: path.join(root, 'pipe.yaml'), rule: 'io', severity: 'error',
        message: 'not a regular file (a FIFO, socket or device), so it was not read; pipe it to `cdk8s-pods lint -` instead',
      }],
    });
  });

  test('a directory whose path is too long to read is a problem naming it, and the walk goes on', () => {
    // GIVEN: nested directories of 200-character names until the path is over PATH_MAX (4096)
    const root = tmp();
    const name = 'd'.repeat(200);
    const cwd = process.cwd();
    let deepest = root;
    let parentOfDeepest = root;
    try {
      process.chdir(root);
      while (deepest.length < 4096) {
        fs.mkdirSync(name);
        process.chdir(name);
        parentOfDeepest = deepest;
        deepest = path.join(deepest, name);
      }
      fs.writeFileSync('../shallow-enough.yaml', '');
    } finally {
      process.chdir(cwd);
    }
    put(root, { 'z.yaml': '' });

    // WHEN
    const result = discover([root]);

    // THEN
    expect(result).toEqual({
      sources: [{ file: path.join(parentOfDeepest, 'shallow-enough.yaml') }, { file: path.join(root, 'z.yaml') }],
      problems: [{ file: deepest, rule: 'io', severity: 'error', message: 'cannot read the directory: ENAMETOOLONG' }],
    });
  });
});

describe('readDocuments: files that cannot be read', () => {
  test('a missing file, a link loop and a directory are problems, and every file is closed', () => {
    // GIVEN
    const dir = tmp();
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    fs.mkdirSync(path.join(dir, 'dir.yaml'));
    put(dir, { 'ok.yaml': 'a: 1\n' });
    const openFds = () => fs.readdirSync('/proc/self/fd').length;
    const before = openFds();

    // WHEN
    const missing = read(path.join(dir, 'missing.yaml'));
    const loop = read(path.join(dir, 'loop.yaml'));
    const directory = read(path.join(dir, 'dir.yaml'));
    const ok = read(path.join(dir, 'ok.yaml'));
    const after = openFds();

    // THEN
    expect(missing).toEqual([{ problem: { file: path.join(dir, 'missing.yaml'), rule: 'io', severity: 'error', message: 'cannot read the file: no such file or directory' } }]);
    expect(loop).toEqual([{ problem: { file: path.join(dir, 'loop.yaml'), rule: 'io', severity: 'error', message: 'cannot read the file: a symbolic link loop' } }]);
    expect(directory).toEqual([{ problem: { file: path.join(dir, 'dir.yaml'), rule: 'io', severity: 'error', message: FIFO_WARNING } }]);
    expect(ok).toEqual([doc('a: 1\n', 1, 0)]);
    expect(after).toBe(before);
  });

  test('an empty file has no documents', () => {
    // GIVEN / WHEN
    const { events } = readContent('');

    // THEN
    expect(events).toEqual([]);
  });
});

describe('readDocuments: byte-order marks and encodings', () => {
  test('a UTF-8 BOM is dropped; a file that is only a BOM has no documents', () => {
    // GIVEN / WHEN
    const withBom = readContent('\ufeffa: 1\n---\nb: 2\n').events;
    const onlyBom = readContent('\ufeff').events;

    // THEN
    expect(withBom).toEqual([doc('a: 1\n', 1, 0), doc('---\nb: 2\n', 2, 1)]);
    expect(onlyBom).toEqual([]);
  });

  test.each([
    ['a¿ (61 C2 BF)', 'a¿: 1\n'],
    ['ｱ (EF BD B1)', 'ｱ: 1\n'],
    ['U+0EFF (E0 BB BF)', '\u0effa: 1\n'],
    ['U+F03F (EF 80 BF)', '\uf03fa: 1\n'],
    ['U+FEC0 (EF BB 80)', '\ufec0a: 1\n'],
  ])('a file starting with %s, which shares bytes with a BOM, keeps them', (_, text) => {
    // GIVEN / WHEN
    const { events } = readContent(text);

    // THEN
    expect(events).toEqual([doc(text, 1, 0)]);
  });

  test('U+FEFF at the start of a later chunk is text, not a BOM', () => {
    // GIVEN: the first line fills the first chunk exactly
    const first = 'a: ' + 'x'.repeat(CHUNK - 4) + '\n';
    const text = first + '\ufeffb: 2\n';

    // WHEN
    const { events } = readContent(text);

    // THEN
    expect(Buffer.byteLength(first)).toBe(CHUNK);
    expect(events).toEqual([doc(text, 1, 0)]);
  });

  const le = (s: string) => Buffer.from(s, 'utf16le');
  const be = (s: string) => le(s).swap16();

  test.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le('a: 1\n---\nb: 2\n')]), 'the file is UTF-16LE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8', 'warning'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be('a: 1\n---\nb: 2\n')]), 'the file is UTF-16BE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8', 'warning'],
    ['UTF-16LE without a BOM', le('a: 1\n---\nb: 2\n'), 'the file is UTF-16LE without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8', 'error'],
    ['UTF-16BE without a BOM', be('a: 1\n---\nb: 2\n'), 'the file is UTF-16BE without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8', 'error'],
  ])('%s is decoded, flagged on line 1 and split', (_, content, message, severity) => {
    // GIVEN / WHEN
    const { file, events } = readContent(content);

    // THEN
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'encoding', severity, message } },
      doc('a: 1\n', 1, 0),
      doc('---\nb: 2\n', 2, 1),
    ]);
  });

  test('short UTF-16 files: a bare BOM of either order, and four bytes of UTF-16LE text', () => {
    // GIVEN / WHEN
    const bareLe = readContent(Buffer.from([0xff, 0xfe]));
    const bareBe = readContent(Buffer.from([0xfe, 0xff]));
    const four = readContent(le('ab'));

    // THEN
    expect(bareLe.events).toEqual([{ problem: { file: bareLe.file, line: 1, rule: 'encoding', severity: 'warning', message: 'the file is UTF-16LE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8' } }]);
    expect(bareBe.events).toEqual([{ problem: { file: bareBe.file, line: 1, rule: 'encoding', severity: 'warning', message: 'the file is UTF-16BE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8' } }]);
    expect(four.events).toEqual([
      { problem: { file: four.file, line: 1, rule: 'encoding', severity: 'error', message: 'the file is UTF-16LE without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8' } },
      doc('ab', 1, 0),
    ]);
  });

  test('a second BOM after the first is dropped too; U+FEFF inside UTF-16 text is kept', () => {
    // GIVEN / WHEN
    const doubled = readContent(Buffer.concat([Buffer.from([0xff, 0xfe]), le('\ufeffa: 1\n')]));
    const inside = readContent(le('a: \ufeffx\n'));

    // THEN
    expect(doubled.events.slice(1)).toEqual([doc('a: 1\n', 1, 0)]);
    expect(inside.events.slice(1)).toEqual([doc('a: \ufeffx\n', 1, 0)]);
  });

  test.each([
    ['one byte of a BOM, then FE', [0x41, 0xfe, 0x0a], 'A\ufffd\n', true],
    ['FF, then not FE', [0xff, 0x41, 0x0a], '\ufffdA\n', true],
    ['FE, then not FF', [0xfe, 0x41, 0x0a], '\ufffdA\n', true],
    ['not FE, then FF', [0x41, 0xff, 0x0a], 'A\ufffd\n', true],
    ['two bytes, one NUL', [0x61, 0x00], 'a\u0000', false],
    ['NUL in exactly a quarter of the odd bytes', [0x61, 0x00, 0x62, 0x00, 0x63, 0x64, 0x65, 0x66], 'a\u0000b\u0000cdef', false],
    ['NUL in exactly a quarter of the even bytes', [0x00, 0x61, 0x00, 0x62, 0x63, 0x64, 0x65, 0x66], '\u0000a\u0000bcdef', false],
    ['NULs in odd bytes and one even byte', [0x61, 0x00, 0x00, 0x00, 0x62, 0x00, 0x63, 0x00], 'a\u0000\u0000\u0000b\u0000c\u0000', false],
    ['NULs in even bytes and one odd byte', [0x00, 0x61, 0x00, 0x62, 0x00, 0x00, 0x63, 0x64], '\u0000a\u0000b\u0000\u0000cd', false],
  ])('%s is read as UTF-8', (_, bytes, text, invalid) => {
    // GIVEN / WHEN
    const { file, events } = readContent(Buffer.from(bytes));

    // THEN
    expect(events).toEqual([
      ...(invalid ? [{ problem: { file, line: 1, rule: 'encoding', severity: 'error', message: NOT_UTF8 } }] : []),
      doc(text, 1, 0),
    ]);
  });

  test('an odd last byte is not counted when guessing UTF-16', () => {
    // GIVEN: "ab" in UTF-16LE and one more NUL byte
    const { file, events } = readContent(Buffer.from([0x61, 0x00, 0x62, 0x00, 0x00]));

    // THEN
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'encoding', severity: 'error', message: 'the file is UTF-16LE without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8' } },
      doc('ab\ufffd', 1, 0),
    ]);
  });

  test('only the first 256 bytes decide UTF-16: NULs in even bytes later do not matter', () => {
    // GIVEN: 128 UTF-16LE characters, then two NUL bytes
    const content = Buffer.concat([le('a'.repeat(127) + '\n'), Buffer.from([0, 0])]);

    // WHEN
    const { events } = readContent(content);

    // THEN
    expect(events.slice(1)).toEqual([doc('a'.repeat(127) + '\n\u0000', 1, 0)]);
  });

  describe('a UTF-16 file over one chunk', () => {
    // 2 + 2 * 524787 = CHUNK + 1000 bytes: three documents, each under 262394 bytes (a quarter of the file)
    const size = CHUNK + 1000;
    const docs = ['a: ' + 'x'.repeat(174995) + '\n', '---\nb: ' + 'y'.repeat(174991) + '\n'];
    docs.push('---\nc: ' + 'z'.repeat((size - 2) / 2 - docs[0].length - docs[1].length - 9) + 'é\n');
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), le(docs.join(''))]);

    test('is read whole when it is at most four times the document limit', () => {
      // GIVEN / WHEN
      const { file, events } = readContent(content, size / 4);

      // THEN
      expect(content.length).toBe(size);
      expect(events).toEqual([
        { problem: { file, line: 1, rule: 'encoding', severity: 'warning', message: 'the file is UTF-16LE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8' } },
        doc(docs[0], 1, 0), doc(docs[1], 2, 1), doc(docs[2], 4, 2),
      ]);
    });

    test('is one problem when it is over four times the document limit', () => {
      // GIVEN / WHEN
      const { file, events } = readContent(content, size / 4 - 1);

      // THEN
      expect(events).toEqual([{ problem: { file, rule: 'encoding', severity: 'error', message: 'the file is UTF-16 and over 1.0009498596191406 MiB, too large to check; save it as UTF-8' } }]);
    });
  });

  test('bytes that are not UTF-8 are a problem at their line, read as U+FFFD', () => {
    // GIVEN: document 1 starts with a blank line, line 2 has a bad byte; document 2's bad byte is on its last line
    const content = Buffer.concat([
      Buffer.from('\n'), Buffer.from([0xff]), Buffer.from(': 1\n---\nb: caf'), Buffer.from([0xe9]),
    ]);

    // WHEN
    const { file, events } = readContent(content);

    // THEN
    expect(events).toEqual([
      { problem: { file, line: 2, rule: 'encoding', severity: 'error', message: NOT_UTF8 } },
      doc('\n\ufffd: 1\n', 1, 0),
      { problem: { file, line: 4, rule: 'encoding', severity: 'error', message: NOT_UTF8 } },
      doc('---\nb: caf\ufffd', 3, 1),
    ]);
  });
});

describe('readDocuments: documents across chunks', () => {
  test('a --- line and a two-byte character that straddle chunk boundaries are read whole', () => {
    // GIVEN: "--" ends chunk 1 and "-\n" starts chunk 2; "é" is split by the end of chunk 2
    const one = 'a: ' + 'x'.repeat(CHUNK - 6) + '\n';
    const two = '---\nb: ' + 'y'.repeat(CHUNK - 6) + 'é\nc: 3\n';

    // WHEN
    const { events } = readContent(one + two);

    // THEN
    expect(Buffer.byteLength(one)).toBe(CHUNK - 2);
    expect(Buffer.byteLength(one + two.slice(0, 7 + CHUNK - 6))).toBe(2 * CHUNK - 1);
    expect(events).toEqual([doc(one, 1, 0), doc(two, 2, 1)]);
  });

  test('a line over the limit that spans chunks is the problem of its document, and the next documents are read', () => {
    // GIVEN: line 2 is longer than a chunk and than the limit
    const text = 'a: 1\nb: ' + 'x'.repeat(CHUNK + 100) + '\nc: 3\n---\nd: 4\n';

    // WHEN
    const { file, events } = readContent(text, 1000);

    // THEN
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'io', severity: 'error', message: 'document 1 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
      doc('---\nd: 4\n', 4, 1),
    ]);
  });

  test('the rest of a dropped over-long line is not read as a line of its own, even when it starts with ---', () => {
    // GIVEN: line 2 runs 8 bytes past the end of the first chunk, and its rest reads "--- b"
    const text = 'z: 0\na: ' + 'x'.repeat(CHUNK - 8) + '--- b\nc: 1\n---\nd: 2\n';

    // WHEN
    const { file, events } = readContent(text, 1000);

    // THEN: one document too large (lines 1-3), then the one at line 4
    expect(Buffer.byteLength(text.slice(0, text.indexOf('--- b')))).toBe(CHUNK);
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'io', severity: 'error', message: 'document 1 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
      doc('---\nd: 2\n', 4, 1),
    ]);
  });

  test('a dropped over-long line after comments ends the comments\' document at the next ---', () => {
    // GIVEN: a comment, then an over-long line that fills the first chunk (its newline starts the second), then a document
    const text = '# note\n' + 'x'.repeat(CHUNK - 7) + '\n---\nd: 2\n';

    // WHEN
    const { file, events } = readContent(text, 1000);

    // THEN
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'io', severity: 'error', message: 'document 1 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
      doc('---\nd: 2\n', 3, 1),
    ]);
  });

  test('an over-long line across three chunks counts as one line', () => {
    // GIVEN: line 2 runs through all of the second chunk into the third
    const text = 'z: 0\na: ' + 'x'.repeat(2 * CHUNK + 10) + '\n---\nd: 2\n';

    // WHEN
    const { file, events } = readContent(text, 1000);

    // THEN: the document after it starts at line 3
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'io', severity: 'error', message: 'document 1 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
      doc('---\nd: 2\n', 3, 1),
    ]);
  });

  test('after the rest of an over-long line, the lines of later chunks are read as lines again', () => {
    // GIVEN: line 2 ends in the second chunk; a --- line straddles the end of the second chunk
    const head = 'z: 0\na: ' + 'x'.repeat(CHUNK + 100) + '\n';
    const filler = 'b: ' + 'y'.repeat(2 * CHUNK - 2 - Buffer.byteLength(head) - 4) + '\n';
    const text = head + filler + '---\nd: 2\n';

    // WHEN
    const { file, events } = readContent(text, 1000);

    // THEN: '--' ends the second chunk, and the --- line still starts a document
    expect(Buffer.byteLength(head + filler + '--')).toBe(2 * CHUNK);
    expect(events).toEqual([
      { problem: { file, line: 1, rule: 'io', severity: 'error', message: 'document 1 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
      doc('---\nd: 2\n', 4, 1),
    ]);
  });

  test('an over-long line that runs to the end of the file is the problem of its document', () => {
    // GIVEN / WHEN
    const { file, events } = readContent('a: 1\n---\nb: ' + 'x'.repeat(CHUNK + 10), 1000);

    // THEN
    expect(events).toEqual([
      doc('a: 1\n', 1, 0),
      { problem: { file, line: 2, rule: 'io', severity: 'error', message: 'document 2 is over 0.00095367431640625 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents' } },
    ]);
  });
});

describe('splitText: document boundaries', () => {
  test('lines that only look like markers do not split a document', () => {
    // GIVEN
    const text = 'a: 1\nx--\n-x-\n--x\n---x\n----\nx..\n.x.\n..x\n...x\n....\n--\n..\n';

    // WHEN / THEN
    expect(split(text)).toEqual([doc(text, 1, 0)]);
  });

  test('--- starts a document when followed by the end of the line, a space, a tab, CR or the end of the text', () => {
    // GIVEN
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---\td: 4\n---\r\ne: 5\r\n---';

    // WHEN / THEN
    expect(split(text)).toEqual([
      doc('a: 1\n', 1, 0), doc('---\nb: 2\n', 2, 1), doc('--- # c\nc: 3\n', 4, 2), doc('---\td: 4\n', 6, 3),
      doc('---\r\ne: 5\r\n', 7, 4), doc('---', 9, 5),
    ]);
  });

  test('... ends a document when followed by the end of the line, a space, a tab or CR', () => {
    // GIVEN
    const text = 'a: 1\n...\nb: 2\n... # c\nc: 3\n...\t\nd: 4\n...\r\ne: 5\n...';

    // WHEN / THEN
    expect(split(text)).toEqual([
      doc('a: 1\n...\n', 1, 0), doc('b: 2\n... # c\n', 3, 1), doc('c: 3\n...\t\n', 5, 2), doc('d: 4\n...\r\n', 7, 3),
      doc('e: 5\n...', 9, 4),
    ]);
  });

  test('blank, comment and directive lines before --- belong to the document it starts', () => {
    // GIVEN
    const text = '# head\n%YAML 1.2\n \n\t\n\r\n\n  # indented\n\t%TAG ! x\n---\na: 1\n';

    // WHEN / THEN
    expect(split(text)).toEqual([doc(text, 1, 0)]);
  });

  test('after content, a comment stays with the document before the next ---', () => {
    // GIVEN / WHEN / THEN
    expect(split('a: 1\n# trailing\n---\nb: 2\n')).toEqual([doc('a: 1\n# trailing\n', 1, 0), doc('---\nb: 2\n', 3, 1)]);
  });

  test('after ..., the comments before the next --- belong to the next document', () => {
    // GIVEN / WHEN / THEN
    expect(split('a: 1\n...\n# c\n---\nb: 2\n')).toEqual([doc('a: 1\n...\n', 1, 0), doc('# c\n---\nb: 2\n', 3, 1)]);
  });

  test('a document after ... needs no ---; nothing after a final ... is no document', () => {
    // GIVEN / WHEN / THEN
    expect(split('a: 1\n...\nb: 2\n')).toEqual([doc('a: 1\n...\n', 1, 0), doc('b: 2\n', 3, 1)]);
    expect(split('a: 1\n...\n')).toEqual([doc('a: 1\n...\n', 1, 0)]);
    expect(split('')).toEqual([]);
  });

  test('a text starting with a blank line is split into lines from its start', () => {
    // GIVEN / WHEN / THEN
    expect(split('\na: 1\n---\nb: 2\n')).toEqual([doc('\na: 1\n', 1, 0), doc('---\nb: 2\n', 3, 1)]);
  });
});

describe('splitText: the document size limit', () => {
  const over = (file: string, line: number, n: number, mib: string) =>
    ({ problem: { file, line, rule: 'io', severity: 'error', message: `document ${n} is over ${mib} MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents` } });

  test('a document of exactly the limit is read; one byte more is a problem, and the document count goes on', () => {
    // GIVEN: documents of 16, 17 and 9 bytes
    const text = 'a: 1\nb: 2\nc: 34\n' + '---\nd: 123\ne: 45\n' + '---\nf: 6\n';

    // WHEN
    const exact = split('a: 1\nb: 2\nc: 34\n', 'f.yaml', 16);
    const events = split(text, 'f.yaml', 16);

    // THEN
    expect(exact).toEqual([doc('a: 1\nb: 2\nc: 34\n', 1, 0)]);
    expect(events).toEqual([
      doc('a: 1\nb: 2\nc: 34\n', 1, 0),
      over('f.yaml', 4, 2, '0.0000152587890625'),
      doc('---\nf: 6\n', 7, 2),
    ]);
  });

  test('a last line without a newline over the limit is a problem at the line its document starts on', () => {
    // GIVEN / WHEN / THEN
    expect(split('x'.repeat(20), 'f.yaml', 16)).toEqual([over('f.yaml', 1, 1, '0.0000152587890625')]);
    expect(split('a: 1\n' + 'x'.repeat(20), 'f.yaml', 16)).toEqual([over('f.yaml', 1, 1, '0.0000152587890625')]);
    expect(split('a: 1\n---\n' + 'x'.repeat(20), 'f.yaml', 16)).toEqual([doc('a: 1\n', 1, 0), over('f.yaml', 2, 2, '0.0000152587890625')]);
    expect(split('x'.repeat(16), 'f.yaml', 16)).toEqual([doc('x'.repeat(16), 1, 0)]);
  });

  test('without a file name, problems name the empty file', () => {
    // GIVEN / WHEN / THEN
    expect(split('a: 12345678901234567890\n', undefined, 16)).toEqual([over('', 1, 1, '0.0000152587890625')]);
  });
});

describe('standard input, read in a child process', () => {
  // The child reads its stdin with readDocuments and prints the events and whether fd 0 is still open.
  const CHILD = `
    const fs = require('fs');
    const { readDocuments } = require(${JSON.stringify(FILES_TS)});
    const mode = process.argv[1];
    const events = mode === 'file'
      ? [...readDocuments({ file: process.argv[2] })]
      : [...readDocuments({ file: '-', stdin: true })];
    let open = true;
    try { fs.fstatSync(0); } catch { open = false; }
    process.stdout.write(JSON.stringify({ events, open }));
  `;
  const args = (mode: string, ...rest: string[]) => ['-r', SUCRASE, '-e', CHILD, mode, ...rest];

  test('a pipe is read and left open', () => {
    // GIVEN / WHEN
    const r = spawnSync(process.execPath, args('plain'), { input: 'a: 1\n---\nb: 2\n', encoding: 'utf8', timeout: 20000 });

    // THEN
    expect({ status: r.status, ...JSON.parse(r.stdout) }).toEqual({
      status: 0, open: true, events: [doc('a: 1\n', 1, 0), doc('---\nb: 2\n', 2, 1)],
    });
  });

  test('a directory as standard input is a problem', () => {
    // GIVEN
    const fd = fs.openSync(tmp(), 'r');

    // WHEN
    const r = spawnSync(process.execPath, args('plain'), { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 20000 });
    fs.closeSync(fd);

    // THEN
    expect({ status: r.status, ...JSON.parse(r.stdout) }).toEqual({
      status: 0, open: true, events: [{ problem: { file: '-', rule: 'io', severity: 'error', message: 'cannot read the file: is a directory' } }],
    });
  });

  test('a regular file whose first read fails is a problem', () => {
    // GIVEN: /proc/self/mem is a regular file; reading it from offset 0 fails with EIO (in a child: a reader that
    // retried every error would never end)
    // WHEN
    const r = spawnSync(process.execPath, args('file', '/proc/self/mem'), { input: '', encoding: 'utf8', timeout: 20000 });

    // THEN
    expect({ status: r.status, ...JSON.parse(r.stdout || '{}') }).toEqual({
      status: 0, open: true, events: [{ problem: { file: '/proc/self/mem', rule: 'io', severity: 'error', message: 'cannot read the file: EIO' } }],
    });
  });

  test('a FIFO named as a file is not waited for: no writer needs to open it', () => {
    // GIVEN
    const fifo = path.join(tmp(), 'pipe.yaml');
    mkfifo(fifo);

    // WHEN: a blocking open would wait for a writer forever; the child is killed after 20 s
    const r = spawnSync(process.execPath, args('file', fifo), { input: '', encoding: 'utf8', timeout: 20000 });

    // THEN
    expect({ status: r.status, ...JSON.parse(r.stdout || '{}') }).toEqual({
      status: 0, open: true, events: [{ problem: { file: fifo, rule: 'io', severity: 'error', message: FIFO_WARNING } }],
    });
  });
});
