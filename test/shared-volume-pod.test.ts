import { Testing } from 'cdk8s';
import { SharedVolumePod, Volume } from '../lib';
import { synthErrors, synthOne, toYaml } from './util';

test('defaults', () => {
  // GIVEN
  const chart = Testing.chart();
  const html = Volume.emptyDir('html');

  // WHEN: the notes' html volume at two paths
  new SharedVolumePod(chart, 'Html', {
    sharedVolumes: [html],
    containers: [
      { name: 'kube-basic', image: 'kube-basic:1.0', volumeMounts: [{ volume: html, path: '/var/html' }] },
      { name: 'web-server', image: 'nginx', volumeMounts: [{ volume: 'html', path: '/usr/share/nginx/html', readOnly: true }] },
    ],
  });

  // THEN
  const out = synthOne(chart);
  expect(out.spec).toEqual({
    containers: [
      { name: 'kube-basic', image: 'kube-basic:1.0', volumeMounts: [{ name: 'html', mountPath: '/var/html' }] },
      { name: 'web-server', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true }] },
    ],
    volumes: [{ name: 'html', emptyDir: {} }],
  });
  expect(toYaml(out)).toMatchSnapshot();
});

test('other volumes sit next to the shared ones', () => {
  const chart = Testing.chart();
  const html = Volume.emptyDir('html');
  new SharedVolumePod(chart, 'Html', {
    sharedVolumes: [html],
    volumes: [Volume.hostPath('host-volume', '/data/mysql')],
    containers: [
      { name: 'a', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/a' }] },
      { name: 'b', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/b' }] },
    ],
  });
  expect(synthOne(chart).spec.volumes).toEqual([{ name: 'html', emptyDir: {} }, { name: 'host-volume', hostPath: { path: '/data/mysql' } }]);
});

test('fails when a shared volume is mounted by only one container', () => {
  const chart = Testing.chart();
  const html = Volume.emptyDir('html');
  new SharedVolumePod(chart, 'Html', {
    sharedVolumes: [html, Volume.emptyDir('cache')],
    containers: [
      { name: 'writer', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/var/html' }] },
      { name: 'web-server', image: 'nginx:1.25' },
    ],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Html] sharedVolumes[0]: shared volume 'html' is mounted by only container 'writer'; a SharedVolumePod shares each volume between two or more containers, so mount it in another container or use Pod [shared-volume-pod]",
    "[test/Html] sharedVolumes[1]: shared volume 'cache' is mounted by no container; a SharedVolumePod shares each volume between two or more containers, so mount it in another container or use Pod [shared-volume-pod]",
  ]);
});
