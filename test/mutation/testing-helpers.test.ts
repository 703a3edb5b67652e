// cdk8s-pods/testing (lib/testing.ts): the messages app repos read when an assertion fails.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Pod } from '../../lib';
import { expectSynthFails, Manifests } from '../../lib/testing';

/** Two pods named 'web' in two namespaces, and a ConfigMap. */
function twoNamespaces(): Chart {
  const chart = Testing.chart();
  new Pod(chart, 'A', { name: 'web', namespace: 'shop', containers: [{ name: 'web', image: 'nginx:1.25' }] });
  new Pod(chart, 'B', { name: 'web', namespace: 'blog', containers: [{ name: 'web', image: 'nginx:1.25' }] });
  new ApiObject(chart, 'C', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { list: 'a', long: 'x'.repeat(300) } } as any);
  return chart;
}

test('ofKind returns the objects of a kind, in order', () => {
  const m = Manifests.of(twoNamespaces());
  expect(m.ofKind('Pod').map(o => o.metadata?.namespace)).toEqual(['shop', 'blog']);
  expect(m.ofKind('ConfigMap').map(o => o.metadata?.name)).toEqual(['settings']);
  expect(m.ofKind('Service')).toEqual([]);
});

test('find tells objects of the same name apart by namespace', () => {
  const m = Manifests.of(twoNamespaces());
  expect(m.find('Pod', 'web', 'blog').metadata?.namespace).toEqual('blog');
  expect(m.find('ConfigMap', 'settings').kind).toEqual('ConfigMap');
});

test('fails when two objects have the kind and name, asking for the namespace', () => {
  expect(() => Manifests.of(twoNamespaces()).find('Pod', 'web')).toThrow("2 objects are Pod 'web'; give the namespace to tell them apart");
});

test('fails when no object is in the namespace, naming it', () => {
  expect(() => Manifests.of(twoNamespaces()).find('Pod', 'web', 'docs'))
    .toThrow("no Pod 'web' in namespace 'docs' in the chart; the objects are: Pod/web, Pod/web, ConfigMap/settings");
});

test('fails when the chart has no objects at all', () => {
  expect(() => Manifests.of(Testing.chart()).find('Pod', 'web')).toThrow("no Pod 'web' in the chart; the objects are: none");
});

test('expectFields names the kind of difference: a list, an object, a value, and cuts long values', () => {
  // GIVEN
  const m = Manifests.of(twoNamespaces());

  // WHEN / THEN
  expect(() => m.expectFields('ConfigMap', 'settings', { data: { list: ['a'] } })).toThrow("ConfigMap 'settings': data.list is \"a\", expected a list of 1");
  expect(() => m.expectFields('ConfigMap', 'settings', { data: { list: { a: 1 } } })).toThrow("ConfigMap 'settings': data.list is \"a\", expected an object");
  expect(() => m.expectFields('ConfigMap', 'settings', { data: { missing: { a: 1 } } })).toThrow("ConfigMap 'settings': data.missing is missing, expected an object");
  expect(() => m.expectFields('ConfigMap', 'settings', { data: { long: 'y' } })).toThrow(`ConfigMap 'settings': data.long is "${'x'.repeat(196)}..., expected "y"`);
  expect(() => m.expectFields('Pod', 'web', { spec: { containers: { name: 'web' } } }, 'shop'))
    .toThrow('Pod \'web\': spec.containers is [{"name":"web","image":"nginx:1.25"}], expected an object');
  expect(() => m.expectFields('Pod', 'web', { spec: { containers: [{ image: 'nginx:1.26' }] } }, 'blog')).toThrow("Pod 'web': spec.containers[0].image is \"nginx:1.25\", expected \"nginx:1.26\"");
});

test('expectFields compares the whole object at the root', () => {
  const m = Manifests.of(twoNamespaces());
  expect(() => m.expectFields('Pod', 'web', [] as any, 'shop')).toThrow(/^Pod 'web': the object is \{.*\}, expected a list of 0$/);
  m.expectFields('Pod', 'web', { metadata: { name: 'web', namespace: 'shop' } }, 'shop');
});

test('fails when synth fails with the same number of rules but other ones', () => {
  // GIVEN: a pod with one port-clash error
  const chart = Testing.chart();
  new Pod(chart, 'Web', { containers: [{ name: 'a', image: 'nginx:1.25', port: 80 }, { name: 'b', image: 'nginx:1.25', port: 80 }] });

  // WHEN / THEN
  expect(() => expectSynthFails(chart, ['env-reference'])).toThrow(/^synth failed with port-clash; expected env-reference:/);
  expect(() => expectSynthFails(chart, ['port-clash', 'port-clash'])).toThrow(/^synth failed with port-clash; expected port-clash, port-clash:/);
  expect(expectSynthFails(chart, ['port-clash']).map(e => e.rule)).toEqual(['port-clash']);
});
