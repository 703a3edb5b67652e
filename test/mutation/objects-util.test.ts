// Survivors of lib/model/_util.ts, lib/constructs/service.ts and lib/constructs/ingress.ts (test/mutation/SURVIVORS.md):
// quantities of sizes that are not whole in a unit, shared and cyclic props, plain-JS odd values, and what a Service
// does with a `selects` that selects nothing it can use.
import { Size, Testing } from 'cdk8s';
import { Deployment, Ingress, PathType, Pod, Service } from '../../lib';
import { _isPlainObject, _nonEmpty, _refName, _sizeToQuantity, _snapshot } from '../../lib/model/_util';
import { synthErrors, synthValid } from '../util';

describe('_sizeToQuantity', () => {
  test('a size that is not whole in MiB is written in KiB; one not whole in KiB as a decimal of KiB', () => {
    expect(_sizeToQuantity(Size.kibibytes(1536))).toBe('1536Ki');
    expect(_sizeToQuantity(Size.mebibytes(1536))).toBe('1536Mi');
    expect(_sizeToQuantity(Size.kibibytes(0.5))).toBe('0.5Ki');
  });

  test('each unit from Pi down to Ki, the largest that keeps the size whole', () => {
    expect(_sizeToQuantity(Size.pebibyte(2))).toBe('2Pi');
    expect(_sizeToQuantity(Size.tebibytes(3))).toBe('3Ti');
    expect(_sizeToQuantity(Size.gibibytes(8))).toBe('8Gi');
    expect(_sizeToQuantity(Size.mebibytes(3))).toBe('3Mi');
    expect(_sizeToQuantity(Size.kibibytes(3))).toBe('3Ki');
    expect(_sizeToQuantity(Size.gibibytes(1.5))).toBe('1536Mi');
  });

  test('zero is 0Ki, not 0 of the largest unit', () => {
    expect(_sizeToQuantity(Size.kibibytes(0))).toBe('0Ki');
  });
});

describe('_snapshot', () => {
  test('an object given twice is copied once, and a cycle is copied as a cycle', () => {
    const shared = { v: 1 };
    const copy = _snapshot({ a: shared, b: shared });
    expect(copy.a).toBe(copy.b);
    expect(copy.a).not.toBe(shared);
    expect(copy.a).toEqual({ v: 1 });
    const cyclic: { name: string; self?: unknown } = { name: 'c' };
    cyclic.self = cyclic;
    const c = _snapshot(cyclic);
    expect(c).not.toBe(cyclic);
    expect(c.self).toBe(c);
  });
});

describe('_nonEmpty and _refName on a plain-JS caller\'s values', () => {
  test('_nonEmpty: an empty list, null and undefined are left out; a value that is no list is kept as it is', () => {
    expect(_nonEmpty([])).toBeUndefined();
    expect(_nonEmpty(null as unknown as string[])).toBeUndefined();
    expect(_nonEmpty(undefined)).toBeUndefined();
    expect(_nonEmpty('ab' as unknown as string[])).toBe('ab');
    expect(_nonEmpty(5 as unknown as string[])).toBe(5);
    const list = ['x'];
    expect(_nonEmpty(list)).toEqual(['x']);
    expect(_nonEmpty(list)).not.toBe(list);
  });

  test('_isPlainObject: an object literal, or one without a prototype; not a list, null or a class instance', () => {
    expect(_isPlainObject({ a: 1 })).toBe(true);
    expect(_isPlainObject(Object.create(null))).toBe(true);
    expect(_isPlainObject([])).toBe(false);
    expect(_isPlainObject(null)).toBe(false);
    expect(_isPlainObject(Size.gibibytes(1))).toBe(false);
  });

  test('_refName: null is kept as it is, for the rules', () => {
    expect(_refName(null as unknown as string)).toBeNull();
    expect(_refName({ name: 'cm' })).toBe('cm');
    expect(_refName('cm')).toBe('cm');
  });
});

describe('Service and Ingress props from a plain-JS caller', () => {
  test('null props are no props: the Service is reported for what it lacks, not a crash', () => {
    const chart = Testing.chart();
    new Service(chart, 'Svc', null as never);
    expect(synthErrors(chart)).toEqual(['[test/Svc] spec.ports: a ClusterIP Service needs ports; list the ports it serves, such as [{ name: http, port: 80, targetPort: 8080 }] [service]']);
  });

  test('null props are no props: the Ingress is reported for what it lacks, not a crash', () => {
    const chart = Testing.chart();
    new Ingress(chart, 'Ing', null as never);
    expect(synthErrors(chart)).toEqual(['[test/Ing] spec.rules: the Ingress has no rules and no defaultBackend, so it routes nothing; add rules, or a defaultBackend [ingress]']);
  });

  test('an Ingress backend that is no object is kept as given and reported as such (not spread into an object)', () => {
    const chart = Testing.chart();
    new Ingress(chart, 'Ing', { defaultBackend: 'web' as never, rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: 'web' as never }] }] });
    expect(synthErrors(chart)).toEqual([
      "[test/Ing] spec.defaultBackend: defaultBackend is the string 'web' but must be an object (IngressBackend); write the fields of IngressBackend as 'key: value' pairs [field-type]",
      "[test/Ing] spec.rules[0].http.paths[0].backend: backend is the string 'web' but must be an object (IngressBackend); write the fields of IngressBackend as 'key: value' pairs [field-type]",
    ]);
  });
});

describe('Service selects', () => {
  const ports = [{ port: 80 }];

  test('selects: null with a selector is just the selector', () => {
    const chart = Testing.chart();
    new Service(chart, 'Svc', { name: 'web', selects: null as never, selector: { app: 'web' }, ports });
    expect(synthValid(chart)[0].spec).toEqual({ selector: { app: 'web' }, ports });
  });

  test('selects that is no construct, with a selector: both given, and the message says "the workload"', () => {
    const chart = Testing.chart();
    new Service(chart, 'Svc', { name: 'web', selects: {} as never, selector: { app: 'web' }, ports });
    expect(synthErrors(chart)).toEqual(['[test/Svc] spec.selector: the Service has both selects and selector; give one: selects takes the selector from the workload [field-type]']);
  });

  test('selects that is neither a workload nor a pod, without a selector, is reported as such', () => {
    const chart = Testing.chart();
    new Service(chart, 'Svc', { name: 'web', selects: { kind: 'Deployment' } as never, ports });
    expect(synthErrors(chart)).toEqual(['[test/Svc] spec.selector: selects is {"kind":"Deployment"} but must be a workload (Deployment, StatefulSet, ...) or a pod of this library; give one, or give selector [field-type]']);
  });

  test('a pod without labels, or with an empty labels map, cannot be selected', () => {
    for (const labels of [undefined, {}]) {
      const chart = Testing.chart();
      const pod = new Pod(chart, 'Web', { labels, containers: [{ name: 'web', image: 'nginx:1.25' }] });
      new Service(chart, 'Svc', { name: 'web', selects: pod, ports });
      expect(synthErrors(chart)).toEqual(["[test/Svc] spec.selector: the Service selects pod 'web', which has no labels; add labels to the pod (labels: { 'app.kubernetes.io/name': 'web' }), or give selector [field-type]"]);
    }
  });

  test('a workload whose pods have no labels cannot be selected', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const dep = new Deployment(chart, 'Dep', { name: 'web', template: pod, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' as never }] } });
    new Service(chart, 'Svc', { name: 'web', selects: dep, ports });
    expect(synthErrors(chart)).toEqual([
      '[test/Dep] spec.template.metadata.labels: the selector of the Deployment does not select its pod template, which has no labels; the Deployment would never find its pods, so make selector.matchLabels a subset of the template labels [selector]',
      "[test/Svc] spec.selector: the Service selects Deployment 'web', whose pods have no labels a Service can select (a Service selects by labels, not by matchExpressions); add labels to its pod template, or give selector [field-type]",
    ]);
  });
});
