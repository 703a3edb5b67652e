import { Testing } from 'cdk8s';
import { SidecarMode, SidecarPod, Volume } from '../lib';
import { Manifests } from '../lib/testing';
import { synthErrors, synthOne, toYaml } from './util';

test('defaults', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  const pod = new SidecarPod(chart, 'Web', {
    app: { name: 'web', image: 'nginx:1.25', port: 80 },
    sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 9901 }],
  });

  // THEN: classic sidecars are regular containers after the app
  const out = synthOne(chart);
  expect(out.metadata).toEqual({ name: 'web' });
  expect(out.spec.containers.map((c: any) => c.name)).toEqual(['web', 'proxy']);
  expect(out.spec.initContainers).toBeUndefined();
  expect(pod.app.name).toEqual('web');
  expect(pod.sidecars.map(c => c.name)).toEqual(['proxy']);
  expect(toYaml(out)).toMatchSnapshot();
});

test('native sidecars are init containers with restartPolicy Always', () => {
  const chart = Testing.chart();
  const logs = Volume.emptyDir('logs');
  new SidecarPod(chart, 'Web', {
    name: 'web',
    sidecarMode: SidecarMode.NATIVE,
    initContainers: [{ name: 'migrate', image: 'migrate:1.0' }],
    app: { name: 'web', image: 'nginx:1.25', port: 80, volumeMounts: [{ volume: logs, path: '/var/log/nginx' }] },
    sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ volume: logs, path: '/logs', readOnly: true }] }],
  });
  const spec = synthOne(chart).spec;
  expect(spec.initContainers).toEqual([
    { name: 'migrate', image: 'migrate:1.0' },
    { name: 'log-shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] },
  ]);
  expect(spec.containers.map((c: any) => c.name)).toEqual(['web']);
  expect(spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
});

test('fails when two containers share a port', () => {
  const chart = Testing.chart();
  new SidecarPod(chart, 'Web', {
    app: { name: 'web', image: 'nginx:1.25', port: 80 },
    sidecars: [{ name: 'proxy', image: 'envoy:1.29', port: 80 }],
  });
  expect(() => Testing.synth(chart)).toThrow(/both listen on port 80\/TCP/);
});

test('fails when a native sidecar shares a port with the app', () => {
  const chart = Testing.chart();
  new SidecarPod(chart, 'Web', {
    sidecarMode: SidecarMode.NATIVE,
    app: { name: 'web', image: 'nginx:1.25', port: 80 },
    sidecars: [{ name: 'proxy', image: 'envoy:1.29', port: 80 }],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].ports[0].containerPort: containers 'proxy' and 'web' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
  ]);
});

test('fails when there is no sidecar', () => {
  const chart = Testing.chart();
  new SidecarPod(chart, 'Web', { app: { name: 'web', image: 'nginx:1.25' }, sidecars: [] });
  expect(synthErrors(chart)).toEqual([
    '[test/Web] sidecars: a SidecarPod needs at least one sidecar, got none; add one, or use Pod for a single container [sidecar-pod]',
  ]);
});

test('native sidecars sit among the init containers in the order the pod got them (README: ordering)', () => {
  const chart = Testing.chart();
  const pod = new SidecarPod(chart, 'Web', {
    app: { name: 'web', image: 'nginx:1.25' },
    initContainers: [{ name: 'migrate', image: 'migrate/migrate:v4.17.0' }],
    sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0' }],
    sidecarMode: SidecarMode.NATIVE,
  });
  pod.addSidecar({ name: 'logs', image: 'fluent/fluent-bit:3.0' });
  pod.addInitContainer({ name: 'warm', image: 'busybox:1.36' });
  Manifests.of(chart).expectFields('Pod', 'web', {
    spec: {
      initContainers: [
        { name: 'migrate' },
        { name: 'proxy', restartPolicy: 'Always' },
        { name: 'logs', restartPolicy: 'Always' },
        { name: 'warm' },
      ],
      containers: [{ name: 'web' }],
    },
  });
  expect(Manifests.of(chart).find('Pod', 'web').spec.initContainers[3].restartPolicy).toBeUndefined();
});
