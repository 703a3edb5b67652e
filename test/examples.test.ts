import { Testing } from 'cdk8s';
import { ConstructExamplesChart, SeedPodsChart } from '../examples';
import { EnvValue, ImagePullPolicy, SharedVolumePod, Volume } from '../lib';
import { expectSchemaValid, synthErrors, toYaml } from './util';

function synthApp() {
  const app = Testing.app();
  const seeds = new SeedPodsChart(app, 'seed-pods');
  const examples = new ConstructExamplesChart(app, 'construct-examples');
  return { app, seeds: Testing.synth(seeds), examples: Testing.synth(examples) };
}

test('the seed pods', () => {
  const { seeds } = synthApp();
  expectSchemaValid(seeds);
  expect(seeds.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Pod/my-pod', 'Pod/multi-container-pod', 'Pod/kube-basic']);
  expect(toYaml(...seeds)).toMatchSnapshot();
});

test('kube-basic keeps the notes\' labels, nodeSelector, env reference and shared html volume', () => {
  const kubeBasic = synthApp().seeds[2];
  expect(kubeBasic.metadata.labels).toEqual({ app: 'kube-basic', project: 'fastcampus' });
  expect(kubeBasic.spec.nodeSelector).toEqual({ gpu: 'true' });
  const [app, web] = kubeBasic.spec.containers;
  expect(app.imagePullPolicy).toEqual('Always');
  expect(app.env).toEqual([
    { name: 'PROFILE', value: 'production' },
    { name: 'MESSAGE', value: 'this application is running on $(PROFILE)' },
  ]);
  expect(app.volumeMounts).toEqual([{ name: 'html', mountPath: '/var/html' }]);
  expect(web.volumeMounts).toEqual([{ name: 'html', mountPath: '/usr/share/nginx/html' }]);
  expect(kubeBasic.spec.volumes).toEqual([
    { name: 'html', emptyDir: {} },
    { name: 'host-volume', hostPath: { path: '/data/mysql' } },
  ]);
});

test('the construct examples', () => {
  const { examples } = synthApp();
  expectSchemaValid(examples);
  expect(examples.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual([
    'Pod/web', 'Pod/pytorch-train', 'Pod/html-pair', 'Pod/gpu-trainer', 'ServiceAccount/node-agent', 'ConfigMap/node-agent', 'Pod/node-agent', 'Pod/hardened-api',
  ]);
  expect(toYaml(...examples)).toMatchSnapshot();
});

test('no hash suffixes and no cdk8s labels in any object', () => {
  const { seeds, examples } = synthApp();
  for (const obj of [...seeds, ...examples]) {
    expect(obj.metadata.name).not.toMatch(/-c8[0-9a-f]{6}$/);
    expect(JSON.stringify(obj)).not.toContain('cdk8s.io');
  }
});

test('fails when the notes\' kube-basic keeps port 80 next to nginx', () => {
  // The notes give kube-basic containerPort 80 in the same pod as nginx on 80.
  const chart = Testing.chart();
  const html = Volume.emptyDir('html');
  new SharedVolumePod(chart, 'KubeBasic', {
    name: 'kube-basic',
    sharedVolumes: [html],
    containers: [
      { name: 'kube-basic', image: 'kube-basic:1.0', imagePullPolicy: ImagePullPolicy.ALWAYS, port: 80, env: { PROFILE: EnvValue.literal('production') }, volumeMounts: [{ volume: html, path: '/var/html' }] },
      { name: 'web-server', image: 'nginx', port: 80, volumeMounts: [{ volume: html, path: '/usr/share/nginx/html' }] },
    ],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/KubeBasic] spec.containers[1].ports[0].containerPort: containers 'kube-basic' and 'web-server' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
  ]);
});
