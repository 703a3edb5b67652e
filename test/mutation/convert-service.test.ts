// Survivors of lib/convert/service.ts (test/mutation/SURVIVORS.md) that no program shows: the notes
// kubeObjectCandidate records for fields a TODO(convert) comment can never name. The programs of
// test/convert/cases/service-*.yaml and ingress-*.yaml cover the rest.
import { print } from '../../lib/convert/code';
import { kubeObjectCandidate } from '../../lib/convert/service';

const convert = (value: { [key: string]: unknown }) => {
  const c = kubeObjectCandidate(value, 'Web', 'web');
  if (!c) throw new Error('no candidate');
  return { code: c.stmts.map(s => `${s.declare} = ${print(s.expr, '')}`), notes: c.notes };
};

test('a top-level field named "" is one ServiceProps has no, like any other unknown field', () => {
  // GIVEN a Service with a field whose name is empty (YAML allows it; the API server does not)
  const value = { 'apiVersion': 'v1', 'kind': 'Service', 'metadata': { name: 'web' }, 'spec': { ports: [{ port: 80 }] }, '': 1, 'note': 'x' };

  // WHEN / THEN the empty name is noted at the JSON pointer '/', the known fields are not noted
  expect(convert(value)).toEqual({
    code: ["web = new Service(this, 'Web', { name: 'web', ports: [{ port: 80 }] })"],
    notes: new Map([['/', 'ServiceProps has no '], ['/note', 'ServiceProps has no note']]),
  });
});

test('a headless Service (clusterIP: None) is written with headless: true and no note', () => {
  expect(convert({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ port: 5432 }] } })).toEqual({
    code: ["web = new Service(this, 'Web', { name: 'db', headless: true, ports: [{ port: 5432 }] })"],
    notes: new Map(),
  });
});
