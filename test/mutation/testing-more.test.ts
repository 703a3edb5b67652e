// More of cdk8s-pods/testing (lib/testing.ts): every item of a list and every field of an object is
// compared, null is not an object, the 200-character cut, and how validation messages of any shape
// (several lines, blank lines, brackets inside, no rule id) are parsed and compared.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Pod } from '../../lib';
import { expectSynthFails, Manifests, synthErrors } from '../../lib/testing';

/** A chart whose construct 'V' fails validation with these messages (each prefixed '[test/V] ' by cdk8s). */
function failing(...messages: string[]): Chart {
  const chart = Testing.chart();
  const v = new Construct(chart, 'V');
  v.node.addValidation({ validate: () => messages });
  return chart;
}

/** A Pod 'web' with two containers, and a ConfigMap 'settings' with a null value and a value of 198 characters. */
function chart(): Chart {
  const c = Testing.chart();
  new Pod(c, 'Web', { name: 'web', namespace: 'shop', containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'proxy', image: 'envoyproxy/envoy:v1.29.0' }] });
  const cm = new ApiObject(c, 'C', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { edge: 'x'.repeat(198), over: 'x'.repeat(199) } } as any);
  cm.addJsonPatch(JsonPatch.add('/data/gone', null));
  return c;
}

describe('Manifests', () => {
  test('find skips objects without metadata when a plain-JS caller gives no name but a namespace', () => {
    // GIVEN an object with its metadata removed (a List, say)
    const c = Testing.chart();
    new ApiObject(c, 'L', { apiVersion: 'v1', kind: 'List' }).addJsonPatch(JsonPatch.remove('/metadata'));
    const m = Manifests.of(c);
    expect(m.objects).toEqual([{ apiVersion: 'v1', kind: 'List' }]);

    // WHEN / THEN the lookup fails with the usual message, not a TypeError
    expect(() => m.find('List', undefined as any, 'ns')).toThrow(new Error("no List 'undefined' in namespace 'ns' in the chart; the objects are: List/undefined"));
    // and without a namespace the nameless object is the one
    expect(m.find('List', undefined as any)).toEqual({ apiVersion: 'v1', kind: 'List' });
  });

  test('expectFields compares every item of a list, not only the first', () => {
    const m = Manifests.of(chart());
    m.expectFields('Pod', 'web', { spec: { containers: [{ name: 'web' }, { name: 'proxy' }] } });
    expect(() => m.expectFields('Pod', 'web', { spec: { containers: [{ name: 'web' }, { name: 'envoy' }] } }))
      .toThrow(new Error("Pod 'web': spec.containers[1].name is \"proxy\", expected \"envoy\""));
  });

  test('expectFields compares every field of an object, not only the first', () => {
    const m = Manifests.of(chart());
    expect(() => m.expectFields('Pod', 'web', { metadata: { name: 'web', namespace: 'blog' } }))
      .toThrow(new Error("Pod 'web': metadata.namespace is \"shop\", expected \"blog\""));
    expect(() => m.expectFields('Pod', 'web', { kind: 'Pod', apiVersion: 'apps/v1' }))
      .toThrow(new Error("Pod 'web': apiVersion is \"v1\", expected \"apps/v1\""));
  });

  test('expectFields takes null for a value, not an object', () => {
    const m = Manifests.of(chart());
    expect(m.find('ConfigMap', 'settings').data.gone).toBeNull();
    expect(() => m.expectFields('ConfigMap', 'settings', { data: { gone: {} } })).toThrow(new Error("ConfigMap 'settings': data.gone is null, expected an object"));
    expect(() => m.expectFields('ConfigMap', 'settings', { data: { gone: { a: 1 } } })).toThrow(new Error("ConfigMap 'settings': data.gone is null, expected an object"));
    m.expectFields('ConfigMap', 'settings', { data: { gone: null } });
  });

  test('expectFields shows a value of 200 characters whole, and cuts one of 201', () => {
    const m = Manifests.of(chart());
    // JSON text of 198 x's is 200 characters with its quotes
    expect(() => m.expectFields('ConfigMap', 'settings', { data: { edge: 'y' } })).toThrow(new Error(`ConfigMap 'settings': data.edge is "${'x'.repeat(198)}", expected "y"`));
    expect(() => m.expectFields('ConfigMap', 'settings', { data: { over: 'y' } })).toThrow(new Error(`ConfigMap 'settings': data.over is "${'x'.repeat(196)}..., expected "y"`));
  });
});

describe('synthErrors', () => {
  test('skips blank lines of a message of several lines; a line without a leading [path] has path ""', () => {
    expect(synthErrors(failing('first problem [rule-a]\n\nsee [the docs] for more\n   \nsecond line [rule-b]'))).toEqual([
      { path: 'test/V', text: '[test/V] first problem [rule-a]', rule: 'rule-a' },
      { path: '', text: 'see [the docs] for more', rule: undefined },
      { path: '', text: 'second line [rule-b]', rule: 'rule-b' },
    ]);
  });
});

describe('expectSynthFails', () => {
  test('passes whatever the order of the errors and of the rule ids given', () => {
    const errors = [
      { path: 'test/V', text: '[test/V] z [zeta]', rule: 'zeta' },
      { path: 'test/V', text: '[test/V] a [alpha]', rule: 'alpha' },
    ];
    expect(expectSynthFails(failing('z [zeta]', 'a [alpha]'), ['alpha', 'zeta'])).toEqual(errors);
    expect(expectSynthFails(failing('z [zeta]', 'a [alpha]'), ['zeta', 'alpha'])).toEqual(errors);
    expect(expectSynthFails(failing('a [alpha]', 'z [zeta]'), ['zeta', 'alpha'])).toHaveLength(2);
  });

  test('fails when one of the rule ids differs, listing got and wanted sorted, joined with commas, and every error on its own line', () => {
    expect(() => expectSynthFails(failing('z [zeta]', 'a [alpha]'), ['beta', 'alpha']))
      .toThrow(new Error('synth failed with alpha, zeta; expected alpha, beta:\n  [test/V] z [zeta]\n  [test/V] a [alpha]'));
  });

  test('names an error without a rule id as (no rule id)', () => {
    expect(() => expectSynthFails(failing('Something Else'), ['x']))
      .toThrow(new Error('synth failed with (no rule id); expected x:\n  [test/V] Something Else'));
  });

  test('fails when synth passes, listing the rule ids expected joined with commas', () => {
    expect(() => expectSynthFails(Testing.chart(), ['zeta', 'alpha'])).toThrow(new Error('synth passed; expected it to fail with zeta, alpha'));
  });
});
