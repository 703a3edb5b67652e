// cdk8s-pods/testing: the helpers app repos use in their own tests.
import { Testing } from 'cdk8s';
import { GpuPod, Pod, SidecarPod } from '../lib';
import { expectSynthFails, Manifests, synthErrors } from '../lib/testing';

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
