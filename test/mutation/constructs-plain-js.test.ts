// What plain-JS callers of the constructs get when they pass null or values of the wrong type
// where TypeScript would stop them: the synthesized fields they did give, or the rules' findings,
// never a TypeError (a null argument does not take a parameter's `= {}` default).
import { Testing } from 'cdk8s';
import { EnvValue, Pod, Probe, SharedVolumePod, SidecarPod, Volume } from '../../lib';
import { synthErrors, synthOne } from '../util';

const none = null as any;

test('env sources and a gRPC probe accept null options', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new Pod(chart, 'P', {
    containers: [{
      name: 'app',
      image: 'busybox:1.36',
      port: 9000,
      env: {
        FROM_MAP: EnvValue.fromConfigMap('app-config', 'level', none),
        FROM_SECRET: EnvValue.fromSecret('app-secret', 'token', none),
        MEMORY: EnvValue.fromResource('limits.memory', none),
      },
      liveness: Probe.grpc(9000, none),
    }],
  });

  // THEN
  const container = synthOne(chart).spec.containers[0];
  expect(container.env).toEqual([
    { name: 'FROM_MAP', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'level' } } },
    { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'token' } } },
    { name: 'MEMORY', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
  ]);
  expect(container.livenessProbe).toEqual({ grpc: { port: 9000 } });
});

test('env sources keep optional, container and divisor', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new Pod(chart, 'P', {
    containers: [{
      name: 'app',
      image: 'busybox:1.36',
      env: {
        FROM_MAP: EnvValue.fromConfigMap('app-config', 'level', { optional: true }),
        FROM_SECRET: EnvValue.fromSecret('app-secret', 'token', { optional: false }),
        MEMORY: EnvValue.fromResource('limits.memory', { container: 'app', divisor: '1Mi' }),
      },
    }],
  });

  // THEN
  expect(synthOne(chart).spec.containers[0].env).toEqual([
    { name: 'FROM_MAP', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'level', optional: true } } },
    { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'token', optional: false } } },
    { name: 'MEMORY', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } } },
  ]);
});

test('a gRPC probe keeps its service', () => {
  const chart = Testing.chart();
  new Pod(chart, 'P', { containers: [{ name: 'app', image: 'busybox:1.36', port: 9000, liveness: Probe.grpc(9000, { service: 'health' }) }] });
  expect(synthOne(chart).spec.containers[0].livenessProbe).toEqual({ grpc: { port: 9000, service: 'health' } });
});

test('fails when a shared volume is null, with the rules\' finding rather than a TypeError', () => {
  // GIVEN
  const chart = Testing.chart();
  const html = Volume.emptyDir('html');

  // WHEN
  new SharedVolumePod(chart, 'Html', {
    sharedVolumes: [html, none],
    containers: [
      { name: 'a', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/a' }] },
      { name: 'b', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/b' }] },
    ],
  });

  // THEN: only the pod's own rules speak about the null volume
  expect(synthErrors(chart)).toEqual([
    '[test/Html] spec.volumes[1]: volumes[1] is null but must be an object (Volume); remove the empty item or fill in its fields [field-type]',
  ]);
});

test.each([
  ['none given', undefined, 'none'],
  ['an empty list', [], 'none'],
  ['a string', 'envoy', '\'envoy\''],
  ['an object', { name: 'envoy' }, '{"name":"envoy"}'],
])('fails when a SidecarPod gets %s as sidecars, and says what it got', (_what, sidecars, got) => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new SidecarPod(chart, 'S', { app: { name: 'web', image: 'nginx:1.25' }, sidecars: sidecars as any });

  // THEN
  expect(synthErrors(chart)).toContain(`[test/S] sidecars: a SidecarPod needs at least one sidecar, got ${got}; add one, or use Pod for a single container [sidecar-pod]`);
});

test('fails when a toleration is null, with the rules\' finding rather than a TypeError', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new Pod(chart, 'P', { containers: [{ name: 'app', image: 'busybox:1.36' }], tolerations: [none] });

  // THEN
  expect(synthErrors(chart)).toEqual([
    '[test/P] spec.tolerations[0]: tolerations[0] is null but must be an object (Toleration); remove the empty item or fill in its fields [field-type]',
  ]);
});
