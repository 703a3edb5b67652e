// The formats the API server enforces (lib/rules/formats.ts, after k8s.io/apimachinery validation
// and resource.Quantity): each check returns undefined for a valid value or the phrase the rules put
// in their messages; the to* helpers make the suggestions the messages offer.
import {
  configKeyProblem, dns1035Problem, dnsLabelProblem, dnsSubdomainProblem, envNameProblem, labelValueProblem, localPathProblem,
  parseQuantity, pathSegmentProblem, portNameProblem, qualifiedNameProblem, quantityFix, sysctlNameProblem, toDnsName, toEnvName,
  toLabelValue, toLocalPath,
} from '../../lib/rules/formats';

const a = (n: number) => 'a'.repeat(n);
const NOT_LABEL = "is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit";
const NOT_1035 = "is not a DNS-1035 label: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
const NOT_SUBDOMAIN = "is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
const NOT_NAME_PART = "has a name part that is not alphanumeric with '-', '_' or '.' inside";
const NOT_LABEL_VALUE = "is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
const NOT_PORT_NAME = "is not an IANA service name: use lower-case letters, digits and '-', starting and ending with a letter or digit";
const NOT_ENV = "is not a valid environment variable name: use letters, digits, '_', '-' and '.', not starting with a digit";
const NOT_ENV_RELAXED = "is not a valid environment variable name: use printable ASCII characters other than '='";
const NOT_SYSCTL = "is not a sysctl name: use lower-case segments of letters, digits, '-' and '_', joined by '.' or '/'";
const NOT_KEY = "is not a ConfigMap or Secret key: use letters, digits, '-', '_' and '.'";
const DOTS_KEY = "may not be '.' or '..' or start with '..'";

type Check = (value: string) => string | undefined;

test.each<[string, Check, Array<[string, string | undefined]>]>([
  ['dnsLabelProblem', dnsLabelProblem, [
    [a(63), undefined], [a(64), 'is longer than 63 characters'], ['web-1', undefined], ['1a', undefined], ['a', undefined],
    ['-web', NOT_LABEL], ['web-', NOT_LABEL], ['Web', NOT_LABEL], ['a.b', NOT_LABEL], ['', NOT_LABEL],
  ]],
  ['dns1035Problem', dns1035Problem, [
    [a(63), undefined], [a(64), 'is longer than 63 characters'], ['web-1', undefined], ['a', undefined],
    ['1web', NOT_1035], ['web-', NOT_1035], ['a.b', NOT_1035],
  ]],
  ['dnsSubdomainProblem', dnsSubdomainProblem, [
    [a(253), undefined], [a(254), 'is longer than 253 characters'], ['a.b-c.d', undefined],
    ['a..b', NOT_SUBDOMAIN], ['.a', NOT_SUBDOMAIN], ['a.', NOT_SUBDOMAIN], ['A.b', NOT_SUBDOMAIN], ['-a.b', NOT_SUBDOMAIN], ['a-.b', NOT_SUBDOMAIN],
  ]],
  ['pathSegmentProblem', pathSegmentProblem, [
    ['.', "may not be '.'"], ['..', "may not be '..'"], ['a/b', "may not contain '/' or '%' (it is a segment of the API path)"],
    ['a%b', "may not contain '/' or '%' (it is a segment of the API path)"], ['system:auth-delegator', undefined], ['...', undefined],
  ]],
  ['qualifiedNameProblem', qualifiedNameProblem, [
    ['a/b/c', "has more than one '/'"], ['/b', "has an empty prefix before '/'"],
    ['Bad_/b', `has a prefix 'Bad_' that ${NOT_SUBDOMAIN}`], ['example.com/', 'has an empty name part'], ['', 'has an empty name part'],
    [`example.com/${a(63)}`, undefined], [`example.com/${a(64)}`, 'has a name part longer than 63 characters'],
    ['a_b.c-d', undefined], ['app', undefined], ['example.com/app', undefined], ['_a', NOT_NAME_PART], ['a_', NOT_NAME_PART], ['a b', NOT_NAME_PART],
  ]],
  ['labelValueProblem', labelValueProblem, [
    ['', undefined], [a(63), undefined], [a(64), 'is longer than 63 characters'], ['a_b.c-d', undefined],
    ['_a', NOT_LABEL_VALUE], ['a_', NOT_LABEL_VALUE], ['a b', NOT_LABEL_VALUE],
  ]],
  ['portNameProblem', portNameProblem, [
    ['http', undefined], [a(15), undefined], [a(16), 'is longer than 15 characters'], ['1a', undefined],
    ['HTTP', NOT_PORT_NAME], ['-http', NOT_PORT_NAME], ['http-', NOT_PORT_NAME], ['a_b', NOT_PORT_NAME], ['a--b', "has '--'"], ['123', 'has no letter'],
  ]],
  ['envNameProblem', envNameProblem, [
    ['A_B', undefined], ['-a.b', undefined], ['1A', NOT_ENV], ['a b', NOT_ENV], ['a=b', NOT_ENV], ['', NOT_ENV],
  ]],
  ['envNameProblem, relaxed (1.32 and newer)', v => envNameProblem(v, true), [
    ['1A', undefined], ['a b', undefined], ['~', undefined], [' ', undefined], ['a=b', NOT_ENV_RELAXED], ['', NOT_ENV_RELAXED], ['é', NOT_ENV_RELAXED],
  ]],
  ['sysctlNameProblem', sysctlNameProblem, [
    ['net.core.somaxconn', undefined], ['kernel/shm_rmid_forced', undefined], ['net.c_d-e', undefined], ['a/b.c', undefined],
    [a(254), 'is longer than 253 characters'], ['Net.core', NOT_SYSCTL], ['net..core', NOT_SYSCTL], ['net.', NOT_SYSCTL], ['.net', NOT_SYSCTL], ['net.core-', NOT_SYSCTL],
  ]],
  ['configKeyProblem', configKeyProblem, [
    [a(253), undefined], [a(254), 'is longer than 253 characters'], ['a.b_c-D', undefined], ['.a', undefined], ['a..b', undefined],
    ['a/b', NOT_KEY], ['', NOT_KEY], ['.', DOTS_KEY], ['..', DOTS_KEY], ['..a', DOTS_KEY],
  ]],
  ['localPathProblem', localPathProblem, [
    ['/etc', 'is absolute'], ['a/../b', "contains '..'"], ['a/..', "contains '..'"], ['..a', "starts with '..'"], ['a/b', undefined], ['.a', undefined], ['a/..b', undefined],
  ]],
])('%s', (_name, check, cases) => {
  // GIVEN each value / WHEN checked / THEN the phrase, or undefined when valid
  expect(cases.map(([value]) => [value, check(value)])).toEqual(cases);
});

test.each<[string, (value: string) => string, Array<[string, string]>]>([
  ['toEnvName', v => toEnvName(v), [['9', '_9'], ['1a b', '_1a_b'], ['a=b', 'a_b'], ['é', '_'], ['a1', 'a1']]],
  ['toEnvName, relaxed', v => toEnvName(v, true), [['a=b', 'a_b'], ['é x', '_ x'], ['1a', '1a']]],
  ['toLocalPath', toLocalPath, [['/etc/passwd', 'etc/passwd'], ['../a/./b', 'a/b'], ['..x', 'x'], ['/', 'file'], ['...a/b', 'a/b'], ['a//b', 'a/b'], ['a..b', 'a..b']]],
  ['toLabelValue', toLabelValue, [['hello world!', 'hello-world'], ['-a-', 'a'], ['__x__', 'x'], [a(70), a(63)], ['ok', 'ok'], ['!!!', ''], ['a..b', 'a..b'], ['a  b', 'a-b']]],
  ['toDnsName, at most 10 characters', v => toDnsName(v, 10), [['kube_Basic', 'kube-basic'], ['--A--', 'a'], ['abcdefghijklmnop', 'abcdefghij'], ['!!!', 'name'], ['a.b', 'a-b'], ['a  b', 'a-b']]],
])('%s suggests a valid value', (_name, fix, cases) => {
  expect(cases.map(([value]) => [value, fix(value)])).toEqual(cases);
});

test('parseQuantity reads every suffix form, and numbers', () => {
  const cases: Array<[string, number, string]> = [
    ['2', 2, ''], ['500m', 0.5, 'm'], ['1Gi', 2 ** 30, 'Gi'], ['1e3', 1000, 'e3'], ['1E-3', 0.001, 'E-3'], ['1e+2', 100, 'e+2'],
    ['+1.5k', 1500, 'k'], ['-2Mi', -2 * 2 ** 20, 'Mi'], ['.5', 0.5, ''], ['5.', 5, ''],
    ['1Ki', 2 ** 10, 'Ki'], ['1Ti', 2 ** 40, 'Ti'], ['1Pi', 2 ** 50, 'Pi'], ['1Ei', 2 ** 60, 'Ei'],
    ['1n', 1e-9, 'n'], ['1u', 1e-6, 'u'], ['1M', 1e6, 'M'], ['1G', 1e9, 'G'], ['1T', 1e12, 'T'], ['1P', 1e15, 'P'], ['1E', 1e18, 'E'],
  ];
  expect(cases.map(([raw]) => [raw, parseQuantity(raw)])).toEqual(cases.map(([raw, value, suffix]) => [raw, { value, suffix }]));
  expect(parseQuantity(5)).toEqual({ value: 5, suffix: '' });
});

test.each<[string, unknown]>([
  ['x', 'x'], ['a space', '1 Gi'], ['empty', ''], ['two dots', '1.2.3'], ['lower-case binary', '1mi'],
  ['NaN', NaN], ['Infinity', Infinity], ['null', null], ['a boolean', true],
])('parseQuantity rejects %s', (_name, raw) => {
  expect(parseQuantity(raw)).toBeUndefined();
});

test('quantityFix suggests the quantity meant, or nothing', () => {
  const cases: Array<[string, string | undefined]> = [
    ['512MB', '512Mi'], ['512mb', '512Mi'], ['1KB', '1Ki'], ['1.5GiB', '1.5Gi'], ['2 Gi', '2Gi'], [' 5 ', '5'],
    ['1kib', '1Ki'], ['1gi', '1Gi'], ['1 x', undefined], ['512Mi', undefined], ['512MBx', undefined], ['x512MB', undefined], ['1gix', undefined], ['x1gi', undefined], ['12gi', '12Gi'],
  ];
  expect(cases.map(([raw]) => [raw, quantityFix(raw)])).toEqual(cases);
});
