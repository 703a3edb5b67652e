// Volume and ProjectedSource, as the synthesized pod shows them: every source kind with its options,
// and the plain-JS caller who passes null where an options object goes (no TypeError).
import { Testing } from 'cdk8s';
import { EmptyDirMedium, HostPathVolumeType, Pod, ProjectedSource, Volume } from '../../lib';
import { synthErrors, synthOne } from '../util';

/** The volumes of a one-container pod that mounts each of them. */
function volumesOf(...volumes: Volume[]): unknown[] {
  const chart = Testing.chart();
  new Pod(chart, 'P', {
    containers: [{
      name: 'app',
      image: 'busybox:1.36',
      volumeMounts: volumes.map((v, i) => ({ volume: v, path: `/mnt/v${i}` })),
    }],
    volumes,
  });
  return synthOne(chart).spec.volumes;
}

test('a hostPath volume keeps its type', () => {
  // GIVEN / WHEN
  const volumes = volumesOf(Volume.hostPath('data', '/data/mysql', { type: HostPathVolumeType.DIRECTORY_OR_CREATE }));

  // THEN
  expect(volumes).toEqual([{ name: 'data', hostPath: { path: '/data/mysql', type: 'DirectoryOrCreate' } }]);
});

test('an emptyDir volume keeps its medium', () => {
  expect(volumesOf(Volume.emptyDir('cache', { medium: EmptyDirMedium.MEMORY }))).toEqual([{ name: 'cache', emptyDir: { medium: 'Memory' } }]);
});

test('a Secret volume names the secret in secretName, with its items, mode and optional', () => {
  // GIVEN / WHEN
  const volumes = volumesOf(Volume.fromSecret('tls', 'web-tls', { items: [{ key: 'tls.crt', path: 'cert.pem', mode: 0o400 }], defaultMode: 0o440, optional: true }));

  // THEN
  expect(volumes).toEqual([{
    name: 'tls',
    secret: { secretName: 'web-tls', items: [{ key: 'tls.crt', path: 'cert.pem', mode: 0o400 }], defaultMode: 0o440, optional: true },
  }]);
});

test('a PersistentVolumeClaim volume keeps readOnly', () => {
  expect(volumesOf(Volume.fromPersistentVolumeClaim('data', 'pg-data', { readOnly: true }))).toEqual([
    { name: 'data', persistentVolumeClaim: { claimName: 'pg-data', readOnly: true } },
  ]);
});

test('a downward API volume keeps its defaultMode', () => {
  expect(volumesOf(Volume.downwardApi('info', [{ path: 'labels', fieldPath: 'metadata.labels' }], { defaultMode: 0o444 }))).toEqual([
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }], defaultMode: 0o444 } },
  ]);
});

test('a projected volume renders each kind of source', () => {
  // GIVEN
  const sources = [
    ProjectedSource.configMap('app-config', { items: [{ key: 'app.yaml', path: 'app.yaml' }], optional: true }),
    ProjectedSource.secret('app-secret'),
    ProjectedSource.downwardApi([{ path: 'name', fieldPath: 'metadata.name' }]),
    ProjectedSource.serviceAccountToken('token', { audience: 'vault', expirationSeconds: 3600 }),
  ];

  // WHEN
  const volumes = volumesOf(Volume.projected('all', sources, { defaultMode: 0o440 }));

  // THEN
  expect(volumes).toEqual([{
    name: 'all',
    projected: {
      sources: [
        { configMap: { name: 'app-config', items: [{ key: 'app.yaml', path: 'app.yaml' }], optional: true } },
        { secret: { name: 'app-secret' } },
        { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
        { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
      ],
      defaultMode: 0o440,
    },
  }]);
});

test('a plain-JS caller may pass null where the options go', () => {
  // GIVEN: JavaScript, where a null argument does not take the `= {}` default
  const none = null as any;

  // WHEN
  const volumes = volumesOf(
    Volume.emptyDir('a', none),
    Volume.hostPath('b', '/b', none),
    Volume.fromPersistentVolumeClaim('c', 'claim', none),
    Volume.downwardApi('d', [{ path: 'name', fieldPath: 'metadata.name' }], none),
    Volume.projected('e', [ProjectedSource.serviceAccountToken('token', none)], none),
  );

  // THEN
  expect(volumes).toEqual([
    { name: 'a', emptyDir: {} },
    { name: 'b', hostPath: { path: '/b' } },
    { name: 'c', persistentVolumeClaim: { claimName: 'claim' } },
    { name: 'd', downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
    { name: 'e', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
  ]);
});

test('fails when a plain-JS caller passes a null downward API file', () => {
  // GIVEN
  const chart = Testing.chart();
  const info = Volume.downwardApi('info', [null as any]);

  // WHEN
  new Pod(chart, 'P', { containers: [{ name: 'app', image: 'busybox:1.36', volumeMounts: [{ volume: info, path: '/info' }] }], volumes: [info] });

  // THEN: the rules report the item, instead of a TypeError
  expect(synthErrors(chart)).toEqual([
    '[test/P] spec.volumes[0].downwardAPI.items[0]: items[0] is null but must be an object (DownwardAPIVolumeFile); remove the empty item or fill in its fields [field-type]',
  ]);
});
