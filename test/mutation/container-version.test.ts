// The render cache of a pod is keyed on its containers' change counters: every method that changes a container
// must count up, so that two changes never bring the key back to one already rendered. Each test makes one change
// with another method first, then one with the method under test, between two synths: a method that counted down
// would bring the counter back and the second synth would write the stale pod.
import { Testing } from 'cdk8s';
import { EnvFrom, Pod, Volume } from '../../lib';
import type { Container } from '../../lib';

function setup() {
  const chart = Testing.chart();
  const pod = new Pod(chart, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25' }], volumes: [Volume.emptyDir('cache')] });
  const web = pod.containers[0];
  return { chart, web, synth: () => Testing.synth(chart)[0].spec.containers[0] };
}

const CHANGES: Array<[string, (c: Container) => void, string, unknown]> = [
  ['addPort', c => c.addPort({ number: 8080 }), 'ports', [{ containerPort: 8080 }]],
  ['addEnv', c => c.addEnv('MODE', 'prod'), 'env', [{ name: 'MODE', value: 'prod' }]],
  ['addEnvFrom', c => c.addEnvFrom(EnvFrom.configMap('web-config')), 'envFrom', [{ configMapRef: { name: 'web-config' } }]],
  ['mount', c => c.mount('/cache', 'cache'), 'volumeMounts', [{ name: 'cache', mountPath: '/cache' }]],
  ['setExtendedResource', c => c.setExtendedResource('example.com/fpga', 1), 'resources', { limits: { 'example.com/fpga': 1 } }],
];

test.each(CHANGES.map(([name, change, field, value], i) => {
  const [otherName, other, otherField, otherValue] = CHANGES[(i + 1) % CHANGES.length];
  return [name, otherName, change, field, value, other, otherField, otherValue] as const;
}))('%s after %s, between two synths, is written', (_name, _other, change, field, value, other, otherField, otherValue) => {
  const { web, synth } = setup();
  expect(synth()).toEqual({ name: 'web', image: 'nginx:1.25' });
  other(web);
  change(web);
  const written = synth();
  expect(written[field]).toEqual(value);
  expect(written[otherField]).toEqual(otherValue);
});
