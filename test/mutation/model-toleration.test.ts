// Tolerations as they are rendered (lib/model/toleration.ts): the Toleration fields in the order
// Kubernetes documents them, whatever order the props were written in, nothing else; a plain-JS
// caller's value that is not an object is rendered as it is, for the rules to report.
import { Testing } from 'cdk8s';
import { Pod, TaintEffect, TolerationOperator } from '../../lib';
import { _renderToleration } from '../../lib/model/toleration';
import { synthErrors, synthOne } from '../util';

test('a toleration is rendered in the documented field order, not in the order it was written', () => {
  // GIVEN a toleration written back to front
  const chart = Testing.chart();
  new Pod(chart, 'P', {
    containers: [{ name: 'app', image: 'busybox:1.36' }],
    tolerations: [{ tolerationSeconds: 30, effect: TaintEffect.NO_EXECUTE, value: 'x', operator: TolerationOperator.EQUAL, key: 'k' }],
  });

  // WHEN
  const [toleration] = synthOne(chart).spec.tolerations;

  // THEN
  expect(toleration).toEqual({ key: 'k', operator: 'Equal', value: 'x', effect: 'NoExecute', tolerationSeconds: 30 });
  expect(Object.keys(toleration)).toEqual(['key', 'operator', 'value', 'effect', 'tolerationSeconds']);
});

test('_renderToleration makes a new object of the Toleration fields only, without those left undefined', () => {
  const given = { effect: TaintEffect.NO_SCHEDULE, extra: 'dropped', key: 'gpu', value: undefined } as any;
  const rendered = _renderToleration(given) as object;
  expect(rendered).not.toBe(given);
  expect(Object.entries(rendered)).toEqual([['key', 'gpu'], ['effect', 'NoSchedule']]);
});

test.each<[string, unknown]>([['a string', 'gpu'], ['a number', 7], ['a boolean', true], ['undefined', undefined], ['null', null]])(
  '_renderToleration returns %s as it is', (_name, value) => {
    expect(_renderToleration(value as any)).toBe(value);
  });

test('_renderToleration returns a list as it is (the same list)', () => {
  const list = [{ key: 'gpu' }] as any;
  expect(_renderToleration(list)).toBe(list);
});

test('a toleration that is a string or a number is reported by the rules as it is', () => {
  // GIVEN a plain-JS caller's odd tolerations
  const chart = Testing.chart();
  new Pod(chart, 'P', { containers: [{ name: 'app', image: 'busybox:1.36' }], tolerations: ['gpu' as any, 7 as any] });

  // THEN the rules see the string and the number, not an empty toleration made of them
  expect(synthErrors(chart)).toEqual([
    "[test/P] spec.tolerations[0]: tolerations[0] is the string 'gpu' but must be an object (Toleration); write the fields of Toleration as 'key: value' pairs [field-type]",
    "[test/P] spec.tolerations[1]: tolerations[1] is the number 7 but must be an object (Toleration); write the fields of Toleration as 'key: value' pairs [field-type]",
  ]);
});
