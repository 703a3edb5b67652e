// Volumes and mounts of the model (lib/model/volume.ts, lib/model/container.ts): exact fields of every
// source, projected volumes, mount options, automatic declaration, and the errors about them.
import { Size, Testing } from 'cdk8s';
import { EmptyDirMedium, HostPathVolumeType, MountPropagation, Pod, ProjectedSource, Volume } from '../lib';
import { synthErrors, synthOne } from './util';

/** The pod of a one-pod chart whose container `web` mounts `volume` at /data with `options`. */
function mounting(volume: Volume, options: object = {}): any {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume, path: '/data', ...options }] }] });
  return synthOne(chart);
}

test('defaults', () => {
  // GIVEN an emptyDir with no options, mounted by object
  // WHEN the pod is rendered
  const pod = mounting(Volume.emptyDir('scratch'));

  // THEN the volume is declared for the pod, and the mount has only its name and path
  expect(pod.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'scratch', mountPath: '/data' }]);
});

test('emptyDir and hostPath options', () => {
  expect(mounting(Volume.emptyDir('shm', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.gibibytes(2) })).spec.volumes)
    .toEqual([{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }]);
  expect(mounting(Volume.hostPath('mysql', '/data/mysql', { type: HostPathVolumeType.DIRECTORY_OR_CREATE })).spec.volumes)
    .toEqual([{ name: 'mysql', hostPath: { path: '/data/mysql', type: 'DirectoryOrCreate' } }]);
});

test('a Secret volume with items, modes and optional', () => {
  expect(mounting(Volume.fromSecret('tls', 'web-tls', { items: [{ key: 'tls.key', path: 'key.pem', mode: 0o400 }], defaultMode: 0o440, optional: true })).spec.volumes)
    .toEqual([{ name: 'tls', secret: { secretName: 'web-tls', items: [{ key: 'tls.key', path: 'key.pem', mode: 0o400 }], defaultMode: 0o440, optional: true } }]);
});

test('Volume.downwardApi: pod fields and container resources as files', () => {
  // GIVEN
  const podinfo = Volume.downwardApi('podinfo', [
    { path: 'labels', fieldPath: 'metadata.labels' },
    { path: 'name', fieldPath: 'metadata.name', mode: 0o444 },
    { path: 'mem_limit', resource: { container: 'web', resource: 'limits.memory', divisor: '1Mi' } },
  ], { defaultMode: 0o644 });

  // WHEN
  const pod = mounting(podinfo, { readOnly: true });

  // THEN
  expect(pod.spec.volumes).toEqual([{
    name: 'podinfo',
    downwardAPI: {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o444 },
        { path: 'mem_limit', resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } },
      ],
      defaultMode: 0o644,
    },
  }]);
  expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'podinfo', mountPath: '/data', readOnly: true }]);
});

test('Volume.projected with every ProjectedSource', () => {
  // GIVEN
  const all = Volume.projected('all-in-one', [
    ProjectedSource.secret('user', { items: [{ key: 'username', path: 'my-group/my-username' }] }),
    ProjectedSource.downwardApi([{ path: 'labels', fieldPath: 'metadata.labels' }, { path: 'cpu_limit', resource: { container: 'web', resource: 'limits.cpu' } }]),
    ProjectedSource.configMap('app-config', { items: [{ key: 'config', path: 'my-group/my-config', mode: 0o444 }], optional: true }),
    ProjectedSource.serviceAccountToken('token', { audience: 'vault', expirationSeconds: 3600 }),
    ProjectedSource.serviceAccountToken('default-token'),
  ], { defaultMode: 0o440 });

  // WHEN
  const pod = mounting(all, { readOnly: true });

  // THEN
  expect(pod.spec.volumes).toEqual([{
    name: 'all-in-one',
    projected: {
      sources: [
        { secret: { name: 'user', items: [{ key: 'username', path: 'my-group/my-username' }] } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu_limit', resourceFieldRef: { containerName: 'web', resource: 'limits.cpu' } }] } },
        { configMap: { name: 'app-config', items: [{ key: 'config', path: 'my-group/my-config', mode: 0o444 }], optional: true } },
        { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
        { serviceAccountToken: { path: 'default-token' } },
      ],
      defaultMode: 0o440,
    },
  }]);
});

test('fails when a projected token expires too soon', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: Volume.projected('token', [ProjectedSource.serviceAccountToken('token', { expirationSeconds: 60 })]), path: '/var/run/token' }] }] });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: service account token of projected volume 'token' expires after 60 seconds; Kubernetes requires at least 600 (10 minutes), so use 600 or more (3600 is the default) [projected-source]",
  ]);
});

test('fails when two projected sources write the same file', () => {
  const chart = Testing.chart();
  const clash = Volume.projected('conf', [
    ProjectedSource.configMap('a', { items: [{ key: 'k', path: 'app.conf' }] }),
    ProjectedSource.secret('b', { items: [{ key: 'k', path: 'app.conf' }] }),
  ]);
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: clash, path: '/etc/app' }] }] });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.volumes[0].projected.sources[1].secret.items[0].path: projected volume 'conf' writes 'app.conf' twice (projected.sources[0].configMap.items[0] and projected.sources[1].secret.items[0]); give each file its own path [item-path]",
  ]);
});

test('mount options: subPath, subPathExpr and mount propagation', () => {
  // GIVEN
  const chart = Testing.chart();
  const logs = Volume.hostPath('logs', '/var/log/pods');
  const pod = new Pod(chart, 'Web', { name: 'web' });
  const web = pod.addContainer({
    name: 'web',
    image: 'nginx:1.25',
    env: { POD_NAME: 'web' },
    volumeMounts: [
      { volume: logs, path: '/var/log/nginx', subPathExpr: '$(POD_NAME)' },
      { volume: logs, path: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
    ],
  });

  // WHEN
  web.mount('/host', logs, { propagation: MountPropagation.HOST_TO_CONTAINER, readOnly: true });

  // THEN the fields, in the order Kubernetes documents them
  const mounts = synthOne(chart).spec.containers[0].volumeMounts;
  expect(mounts).toEqual([
    { name: 'logs', mountPath: '/var/log/nginx', subPathExpr: '$(POD_NAME)' },
    { name: 'logs', mountPath: '/etc/nginx/nginx.conf', readOnly: true, subPath: 'nginx.conf' },
    { name: 'logs', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' },
  ]);
  expect(Object.keys(mounts[2])).toEqual(['name', 'mountPath', 'readOnly', 'mountPropagation']);
});

test('Bidirectional propagation in a privileged container', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Csi', {
    name: 'csi',
    containers: [{ name: 'driver', image: 'csi-driver:1.0', securityContext: { privileged: true }, volumeMounts: [{ volume: Volume.hostPath('plugins', '/var/lib/kubelet/plugins'), path: '/plugins', propagation: MountPropagation.BIDIRECTIONAL }] }],
  });
  expect(synthOne(chart).spec.containers[0].volumeMounts).toEqual([{ name: 'plugins', mountPath: '/plugins', mountPropagation: 'Bidirectional' }]);
});

test('fails when Bidirectional propagation is used in a container that is not privileged', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Csi', {
    name: 'csi',
    containers: [{ name: 'driver', image: 'csi-driver:1.0', volumeMounts: [{ volume: Volume.hostPath('plugins', '/var/lib/kubelet/plugins'), path: '/plugins', propagation: MountPropagation.BIDIRECTIONAL }] }],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Csi] spec.containers[0].volumeMounts[0].mountPropagation: mount of volume 'plugins' in container 'driver' has mountPropagation Bidirectional, which Kubernetes allows only in privileged containers; use HostToContainer, or set securityContext.privileged: true on the container [mount-path]",
  ]);
});

test('fails when a mount sets both subPath and subPathExpr', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: Volume.emptyDir('logs'), path: '/logs', subPath: 'a', subPathExpr: '$(POD_NAME)' }] }] });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].volumeMounts[0]: mount of volume 'logs' in container 'web' sets both subPath and subPathExpr; keep one [sub-path]",
  ]);
});

test('volumes mounted only by init containers are declared for the pod', () => {
  // GIVEN an init container that fills a volume no regular container mounts by object
  const chart = Testing.chart();
  const pod = new Pod(chart, 'Web', {
    name: 'web',
    initContainers: [{ name: 'fetch', image: 'busybox:1.36', volumeMounts: [{ volume: Volume.emptyDir('seed'), path: '/seed' }] }],
    containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: 'seed', path: '/usr/share/nginx/html' }] }],
  });
  // and one added later, mounted only by a second init container
  pod.addInitContainer({ name: 'certs', image: 'busybox:1.36' }).mount('/certs', Volume.fromSecret('certs', 'web-certs'));

  // THEN both are declared, in the order the containers mount them, and synth passes
  expect(synthOne(chart).spec.volumes).toEqual([
    { name: 'seed', emptyDir: {} },
    { name: 'certs', secret: { secretName: 'web-certs' } },
  ]);
  expect(synthErrors(chart)).toEqual([]);
});

test('fails when a volume mounted by name is not declared', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: 'cache', path: '/cache' }] }] });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].volumeMounts[0].name: container 'web' mounts volume 'cache', which the pod does not declare; add it to spec.volumes [mount-undeclared]",
  ]);
});

describe('file modes', () => {
  test('an octal mode is emitted as the number it is', () => {
    expect(mounting(Volume.fromConfigMap('config', 'app-config', { defaultMode: 0o644 })).spec.volumes).toEqual([{ name: 'config', configMap: { name: 'app-config', defaultMode: 420 } }]);
  });

  test('fails when a mode is written in decimal: 644 is not 0o644, and the hint names both readings', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: Volume.fromConfigMap('config', 'app-config', { defaultMode: 644 }), path: '/etc/app' }] }] });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.volumes[0].configMap.defaultMode: file mode 644 of volume 'config' is outside 0-0777; 644 is decimal here: write 0644 (octal, YAML 1.1) or 420 (decimal) [file-mode]",
    ]);
  });

  test('fails when an item mode is 777 in decimal: the octal 0777 is 511', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: Volume.fromSecret('tls', 'web-tls', { items: [{ key: 'tls.key', path: 'tls.key', mode: 777 }] }), path: '/tls' }] }] });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.volumes[0].secret.items[0].mode: file mode 777 of volume 'tls' is outside 0-0777; 777 is decimal here: write 0777 (octal, YAML 1.1) or 511 (decimal) [file-mode]",
    ]);
  });
});
