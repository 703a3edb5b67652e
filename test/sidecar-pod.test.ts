import { Testing } from 'cdk8s';
import { KubernetesVersion, KUBERNETES_VERSION_CONTEXT, setKubernetesVersion, SidecarMode, SidecarPod, Volume } from '../lib';
import { Manifests } from '../lib/testing';
import { synthErrors, synthOne, toYaml } from './util';

/** A chart whose pods are checked against `version`: native sidecars need 1.29 or newer. */
function chartAt(version: KubernetesVersion) {
  const chart = Testing.chart();
  setKubernetesVersion(chart, version);
  return chart;
}

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
  const chart = chartAt(KubernetesVersion.V1_29);
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
  const chart = chartAt(KubernetesVersion.V1_29);
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
  const chart = chartAt(KubernetesVersion.V1_29);
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

describe('the Kubernetes release', () => {
  const props = {
    name: 'web',
    app: { name: 'web', image: 'nginx:1.25', port: 80 },
    sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
  };

  test('sidecars are classic at 1.28, the default release, and native from 1.29', () => {
    const old = Testing.chart();
    new SidecarPod(old, 'Web', props);
    expect(synthOne(old).spec.containers.map((c: any) => c.name)).toEqual(['web', 'log-shipper']);

    const current = chartAt(KubernetesVersion.V1_29);
    new SidecarPod(current, 'Web', props);
    const spec = synthOne(current).spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web']);
    expect(spec.initContainers).toEqual([{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' }]);
  });

  test('an explicit sidecarMode wins over the release default', () => {
    const chart = chartAt(KubernetesVersion.V1_34);
    new SidecarPod(chart, 'Web', { ...props, sidecarMode: SidecarMode.CLASSIC });
    expect(synthOne(chart).spec.containers.map((c: any) => c.name)).toEqual(['web', 'log-shipper']);
  });

  test('fails when a native sidecar targets Kubernetes 1.28', () => {
    const chart = Testing.chart();
    new SidecarPod(chart, 'Web', { ...props, sidecarMode: SidecarMode.NATIVE });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.initContainers[0].restartPolicy: init container 'log-shipper' is a native sidecar (restartPolicy: Always), which Kubernetes 1.28 drops unless the SidecarContainers feature gate is on: the pod would hang in Init; check against 1.29 or newer (--kubernetes-version, or kubernetesVersion in code) if your clusters run it, or make it a regular container (SidecarMode.CLASSIC) [container-restart-policy]",
    ]);
  });

  test('fails when the context names a release the rules do not know', () => {
    const chart = Testing.chart();
    chart.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.27');
    new SidecarPod(chart, 'Web', props);
    expect(synthErrors(chart)).toEqual([
      "[test/Web] context cdk8s-pods:kubernetesVersion: kubernetesVersion '1.27' is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34' [pod]",
    ]);
  });

  test('setKubernetesVersion refuses a release the rules do not know, and names the minor release of a patch release', () => {
    expect(() => setKubernetesVersion(Testing.chart(), '1.30.2' as KubernetesVersion)).toThrow(
      "kubernetesVersion '1.30.2' is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34': use the minor release, '1.30'");
  });
});

test('a sidecar added with addSidecar() after construction satisfies the SidecarPod', () => {
  // GIVEN a SidecarPod made without sidecars
  const chart = Testing.chart();
  const pod = new SidecarPod(chart, 'Web', { app: { name: 'web', image: 'nginx:1.25' }, sidecars: [] });
  // WHEN a sidecar is added later
  pod.addSidecar({ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' });
  // THEN it synthesizes, with the sidecar
  expect(Testing.synth(chart)[0].spec.containers.map((c: any) => c.name)).toEqual(['web', 'log-shipper']);
});
