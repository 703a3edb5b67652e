// cdk8s-pods/testing: the helpers app repos use in their own tests.
import { Testing } from 'cdk8s';
import { GpuPod, Pod, SidecarPod } from '../lib';
import { expectSynthFails, Manifests, synthErrors } from '../lib/testing';
import { synthErrors as testSynthErrors } from './util';

function chart() {
  const c = Testing.chart();
  new GpuPod(c, 'Trainer', { container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime' }, gpuCount: 2, nodeSelector: { gpu: 'true' } });
  new Pod(c, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25', port: 80 }] });
  return c;
}

describe('Manifests', () => {
  test('find returns the object by kind and name', () => {
    expect(Manifests.of(chart()).find('Pod', 'trainer').spec.containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': 2 } });
  });

  test('fails when no object has the kind and name, listing the objects there are', () => {
    expect(() => Manifests.of(chart()).find('Pod', 'trainr')).toThrow("no Pod 'trainr' in the chart; the objects are: Pod/trainer, Pod/web");
  });

  test('expectFields passes on a subset and names the first difference', () => {
    const m = Manifests.of(chart());
    m.expectFields('Pod', 'trainer', { spec: { nodeSelector: { gpu: 'true' }, containers: [{ name: 'trainer' }] } });
    expect(() => m.expectFields('Pod', 'trainer', { spec: { nodeSelector: { gpu: true } } }))
      .toThrow("Pod 'trainer': spec.nodeSelector.gpu is \"true\", expected true");
    expect(() => m.expectFields('Pod', 'web', { spec: { containers: [{ name: 'web' }, { name: 'proxy' }] } }))
      .toThrow("Pod 'web': spec.containers has 1 items, expected 2");
    expect(() => m.expectFields('Pod', 'web', { spec: { hostNetwork: true } })).toThrow("Pod 'web': spec.hostNetwork is missing, expected true");
  });

  test('yaml keeps the field order of the manifests', () => {
    const yaml = Manifests.of(chart()).yaml();
    expect(yaml.indexOf('name: web')).toBeLessThan(yaml.indexOf('image: nginx:1.25'));
    expect(yaml.indexOf('image: nginx:1.25')).toBeLessThan(yaml.indexOf('containerPort: 80'));
    expect(yaml.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  name: trainer\n')).toBe(true);
  });
});

describe('synthErrors and expectSynthFails', () => {
  function clash() {
    const c = Testing.chart();
    new SidecarPod(c, 'Web', { app: { name: 'web', image: 'nginx:1.25', port: 80 }, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 80 }] });
    return c;
  }

  test('synthErrors parses path, text and rule id, and is empty for a valid chart', () => {
    expect(synthErrors(chart())).toEqual([]);
    expect(synthErrors(clash())).toEqual([{
      path: 'test/Web',
      rule: 'port-clash',
      text: "[test/Web] spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
    }]);
  });

  test('expectSynthFails passes on the rule ids and fails with the errors there were', () => {
    expect(expectSynthFails(clash(), ['port-clash'])).toHaveLength(1);
    expect(() => expectSynthFails(clash(), ['env-reference'])).toThrow(/^synth failed with port-clash; expected env-reference:\n {2}\[test\/Web\]/);
    expect(() => expectSynthFails(chart(), ['port-clash'])).toThrow('synth passed; expected it to fail with port-clash');
  });
});

describe('synthErrors never passes a crash for a validation error', () => {
  /** A chart whose synth throws `error` from a validation, as a bug in a construct would. */
  function crashing(error: unknown) {
    const c = chart();
    c.node.addValidation({ validate: () => { throw error; } });
    return c;
  }

  /** A chart with a pod whose render throws: the pod reports it as an error of its own. */
  function exploding() {
    const c = Testing.chart();
    const boom = { _toJson: () => { throw new Error('boom'); } };
    new Pod(c, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25', liveness: boom as any }] });
    return c;
  }

  test('the shipped synthErrors rethrows what is not a cdk8s validation error', () => {
    expect(() => synthErrors(crashing(new TypeError("cannot read properties of undefined (reading 'name')")))).toThrow(TypeError);
    expect(() => synthErrors(crashing(new Error('Validation failed, but not the way cdk8s says it')))).toThrow('Validation failed, but not the way cdk8s says it');
    expect(() => synthErrors(crashing('a string'))).toThrow();
  });

  test('the shipped synthErrors keeps every error line, the first included', () => {
    const c = clashAndBadName();
    expect(synthErrors(c).map(e => e.rule)).toEqual(['port-clash', 'object-name']);
  });

  test("the suite's synthErrors rethrows the same, and also a crash the pod reported as an error", () => {
    expect(() => testSynthErrors(crashing(new TypeError('boom')))).toThrow(TypeError);
    expect(() => testSynthErrors(exploding())).toThrow(/^synth crashed inside cdk8s-pods .*\n {2}\[test\/Web\] spec.containers\[0\]: containers\[0\] could not be rendered \(boom\)/);
    expect(testSynthErrors(exploding(), { crashes: 'allow' })).toEqual([
      '[test/Web] spec.containers[0]: containers[0] could not be rendered (boom); check its props, and report this input to cdk8s-pods [field-type]',
    ]);
    expect(testSynthErrors(chart())).toEqual([]);
  });

  function clashAndBadName() {
    const c = Testing.chart();
    new SidecarPod(c, 'Web', { app: { name: 'web', image: 'nginx:1.25', port: 80 }, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 80 }] });
    new Pod(c, 'Api', { name: 'API', containers: [{ name: 'api', image: 'api:1.0' }] });
    return c;
  }
});
