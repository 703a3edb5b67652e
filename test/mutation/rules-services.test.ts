// The Ingress backend-port checks of lib/rules/services.ts, one shape of `backend.service.port` at a time, with the
// exact findings: a port of the wrong type is a field-type error at its field and nothing more (it is given, just
// wrong), a port left out or set to the API's "not set" values (0, '') is a missing port.
import { lintText } from '../../lib';

function findings(port: unknown): Array<[string, string, string]> {
  const ingress = {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
    spec: { defaultBackend: { service: { name: 'web', port } } },
  };
  return lintText(JSON.stringify(ingress), 'ingress.json').map(f => [f.rule, f.path, f.message]);
}

const AT = 'spec.defaultBackend.service.port';
const MISSING: [string, string, string] = ['ingress', AT, 'the backend service has no port; set port.number (such as 80) or port.name (such as http)'];

test.each([
  ['no port object', undefined],
  ['an empty port', {}],
  ['number 0 and name \'\'', { number: 0, name: '' }],
  ['null number and name', { number: null, name: null }],
])('%s: the backend has no port', (_what, port) => {
  expect(findings(port)).toEqual([MISSING]);
});

test('a quoted number is a field-type error only, not also a missing port', () => {
  expect(findings({ number: '80' })).toEqual([
    ['field-type', `${AT}.number`, "number is the string '80' but must be an integer; write 80 without quotes"],
  ]);
});

test('a name that is no string is a field-type error only, not also a missing port', () => {
  expect(findings({ name: 8080 }).map(f => [f[0], f[1]])).toEqual([['field-type', `${AT}.name`]]);
});

test('a name and a number, an invalid name, a number out of range', () => {
  expect(findings({ name: 'http', number: 80 })).toEqual([['ingress', AT, "the backend port has a name 'http' and a number 80; keep one of them"]]);
  expect(findings({ name: 'HTTP_port' }).map(f => [f[0], f[1]])).toEqual([['ingress', `${AT}.name`]]);
  expect(findings({ number: 70000 })).toEqual([['ingress', `${AT}.number`, 'backend port 70000 is outside 1-65535; use a port of the Service, such as 80']]);
  expect(findings({ number: 80 })).toEqual([]);
  expect(findings({ name: 'http' })).toEqual([]);
});
