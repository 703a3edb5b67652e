// More of the formats (lib/rules/formats.ts): the edges the first file left to chance — anchors of
// the suggestion patterns, runs of characters replaced as one, and the exact bounds of the checks.
import { isPortNumber, quantityFix, sysctlNameProblem, toDnsName, toEnvName, toLabelValue, toLocalPath } from '../../lib/rules/formats';

test('toEnvName prefixes a leading digit only, never a digit inside the name', () => {
  // GIVEN names with digits after the first character / WHEN made valid / THEN only a leading digit gets '_'
  expect(['a1', 'ab12', 'a-9', '1a1'].map(v => toEnvName(v))).toEqual(['a1', 'ab12', 'a-9', '_1a1']);
});

test('sysctlNameProblem takes a name of exactly 253 characters and rejects 254', () => {
  expect(sysctlNameProblem('a'.repeat(253))).toBeUndefined();
  expect(sysctlNameProblem(`net.${'a'.repeat(249)}`)).toBeUndefined();
  expect(sysctlNameProblem('a'.repeat(254))).toEqual('is longer than 253 characters');
});

test('toLocalPath drops dots only at the start of the path, keeping dots inside a name', () => {
  expect(['a.b', 'dir/file.txt', '..a.b', 'x/..y'].map(toLocalPath)).toEqual(['a.b', 'dir/file.txt', 'a.b', 'x/..y']);
});

test('toLabelValue turns each run of other characters into one dash', () => {
  expect(['a  b', 'a!@#b', 'x y z', 'a/:b'].map(toLabelValue)).toEqual(['a-b', 'a-b', 'x-y-z', 'a-b']);
});

test('toDnsName turns each run of other characters into one dash', () => {
  expect(['a__b', 'a_.!b', 'My App', 'x..y'].map(v => toDnsName(v, 63))).toEqual(['a-b', 'a-b', 'my-app', 'x-y']);
});

test('quantityFix reads byte units only as the whole value, anchored at both ends', () => {
  const cases: Array<[string, string | undefined]> = [
    // /^([0-9.]+)([KMGTPE])i?B$/i: text before the number, or after the B, is not a unit typo
    ['x512MB', undefined], ['-512MB', undefined], ['512MBx', undefined], ['512MiBs', undefined], ['512MB', '512Mi'], ['2GiB', '2Gi'],
    // /^([0-9.]+)([kmgtpe])i$/: the same for lower-case binary suffixes, with a number of several digits
    ['x2gi', undefined], ['-2gi', undefined], ['2gix', undefined], ['2gib2', undefined], ['12gi', '12Gi'], ['1.25mi', '1.25Mi'], ['512ki', '512Ki'],
  ];
  expect(cases.map(([raw]) => [raw, quantityFix(raw)])).toEqual(cases);
});

test('isPortNumber takes 1 and 65535, the ends of the range, and nothing outside it', () => {
  expect([0, 1, 2, 65534, 65535, 65536, 1.5, '80'].map(n => [n, isPortNumber(n)])).toEqual([
    [0, false], [1, true], [2, true], [65534, true], [65535, true], [65536, false], [1.5, false], ['80', false],
  ]);
});
