// Survivors of lib/convert/fields.ts (test/mutation/SURVIVORS.md): JSON pointers and dotted paths of field names
// that need escapes or are numbers, the type guards on mixed lists and maps, a skipped field that is absent, enum
// members named otherwise than in CONSTANT_CASE, and the quantities that have an exact typed form or do not.
import { print } from '../../lib/convert/code';
import { cpuExpr, dotted, enumMember, Fields, isStringList, isStringMap, Notes, pointer, secondsExpr, sizeExpr } from '../../lib/convert/fields';

const printed = (e: ReturnType<typeof sizeExpr>) => (e === undefined ? undefined : print(e, ''));

describe('paths', () => {
  test('a JSON pointer escapes ~ and / in field names', () => {
    expect(pointer(['metadata', 'annotations', 'example.com/a~b', 0])).toBe('/metadata/annotations/example.com~1a~0b/0');
  });

  test('a dotted path unescapes them, and writes indexes, names and other keys each its way', () => {
    expect(dotted('/metadata/annotations/example.com~1a~0b')).toBe('metadata.annotations["example.com/a~b"]');
    expect(dotted('/spec/a~0b')).toBe('spec["a~b"]');
    expect(dotted('/spec/containers/12/ports/0')).toBe('spec.containers[12].ports[0]');
    expect(dotted('/spec/http2')).toBe('spec.http2');
    expect(dotted('/spec/2fa')).toBe('spec["2fa"]');
  });
});

describe('type guards', () => {
  test('a list or map with one value that is no string is no string list or map', () => {
    expect(isStringList(['a', 'b'])).toBe(true);
    expect(isStringList(['a', 1])).toBe(false);
    expect(isStringMap({ a: 'x', b: 'y' })).toBe(true);
    expect(isStringMap({ a: 'x', b: 1 })).toBe(false);
  });
});

describe('Fields', () => {
  test('a skipped field gets its note only when the object has it', () => {
    const notes: Notes = new Map();
    const f = new Fields({ present: 1 }, ['spec'], 'PodProps', notes);
    f.skip('absent', 'not here');
    f.skip('present', 'carried by the escape hatch');
    f.done();
    expect([...notes]).toEqual([['/spec/present', 'carried by the escape hatch']]);
  });
});

describe('enumMember', () => {
  test('only a member named in CONSTANT_CASE is written (not a member merely ending or starting with capitals)', () => {
    expect(printed(enumMember('Mode', { FAST_1: 'fast' }, 'fast'))).toBe('Mode.FAST_1');
    expect(enumMember('Mode', { fastMODE: 'fast' }, 'fast')).toBeUndefined();
    expect(enumMember('Mode', { Fast: 'fast' }, 'fast')).toBeUndefined();
  });
});

describe('quantities', () => {
  test('sizes with up to six decimals that Size writes back exactly', () => {
    expect(printed(sizeExpr('1.5Ki'))).toBe('Size.kibibytes(1.5)');
    expect(printed(sizeExpr('1.25Ki'))).toBe('Size.kibibytes(1.25)');
    expect(printed(sizeExpr('0.123456Ki'))).toBe('Size.kibibytes(0.123456)');
    expect(printed(sizeExpr('512Mi'))).toBe('Size.mebibytes(512)');
  });

  test('sizes Size writes otherwise have none', () => {
    expect(sizeExpr('1.5Gi')).toBeUndefined(); // Size.gibibytes(1.5) is '1536Mi'
    expect(sizeExpr('0Gi')).toBeUndefined(); // Size.gibibytes(0) is '0Ki'
    expect(sizeExpr('1024Mi')).toBeUndefined(); // Size.mebibytes(1024) is '1Gi'
  });

  test('CPU in millis and in units, only in the form Cpu writes back', () => {
    expect(printed(cpuExpr('250m'))).toBe('Cpu.millis(250)');
    expect(printed(cpuExpr('0.25'))).toBe('Cpu.units(0.25)');
    expect(printed(cpuExpr('0.5'))).toBe('Cpu.units(0.5)');
    expect(cpuExpr('1.0')).toBeUndefined();
    expect(cpuExpr('0.5m')).toBeUndefined();
    expect(cpuExpr('100m5')).toBeUndefined();
    expect(cpuExpr('1e-7')).toBeUndefined();
    expect(cpuExpr('1e+21')).toBeUndefined();
  });

  test('seconds: zero and up, whole', () => {
    expect(printed(secondsExpr(0))).toBe('Duration.seconds(0)');
    expect(printed(secondsExpr(30))).toBe('Duration.seconds(30)');
    expect(secondsExpr(-1)).toBeUndefined();
    expect(secondsExpr(1.5)).toBeUndefined();
  });
});
