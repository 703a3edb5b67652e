import { Testing } from 'cdk8s';
import { ConstructExamplesChart, SeedPodsChart, WorkloadExamplesChart } from '../examples';
import { EnvValue, ImagePullPolicy, SharedVolumePod, Volume } from '../lib';
import { expectSchemaValid, synthErrors, toYaml } from './util';

function synthApp() {
  const app = Testing.app();
  const seeds = new SeedPodsChart(app, 'seed-pods');
  const examples = new ConstructExamplesChart(app, 'construct-examples');
  const workloads = new WorkloadExamplesChart(app, 'workload-examples');
  return { app, seeds: Testing.synth(seeds), examples: Testing.synth(examples), workloads: Testing.synth(workloads) };
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

test('the workload examples', () => {
  const { workloads } = synthApp();
  expectSchemaValid(workloads);
  expect(workloads.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual([
    'Deployment/orderapp', 'Service/orderapp', 'Ingress/orderapp', 'Deployment/kube-basic', 'Job/resnettrain', 'CronJob/nightly-report',
    'DaemonSet/log-agent', 'Service/mysql', 'StatefulSet/mysql',
  ]);
  expect(new Set(workloads.map((o: any) => o.metadata.namespace))).toEqual(new Set(['shop']));
  expect(toYaml(...workloads)).toMatchSnapshot();
});

test('orderapp: 3 replicas behind a Service and an Ingress that refer to each other by name and port', () => {
  const [deployment, service, ingress] = synthApp().workloads;
  expect(deployment.spec.replicas).toBe(3);
  expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'orderapp' } });
  expect(deployment.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'orderapp' });
  expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080 }]);
  expect(service.spec).toEqual({ selector: { 'app.kubernetes.io/name': 'orderapp' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'orderapp', port: { name: 'http' } } });
  expect(ingress.spec.tls).toEqual([{ hosts: ['orderapp.example.com'], secretName: 'orderapp-tls' }]);
});

test('the training Job is Indexed with 2 completions, GPUs, /dev/shm and a native log shipper', () => {
  const job = synthApp().workloads.find((o: any) => o.kind === 'Job');
  expect(job.spec).toMatchObject({ completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimit: 0, ttlSecondsAfterFinished: 86400 });
  const pod = job.spec.template.spec;
  expect(pod.restartPolicy).toBe('Never');
  expect(pod.initContainers).toEqual([{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' }]);
  expect(pod.containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': 2 } });
  expect(pod.containers[0].volumeMounts).toEqual([{ name: 'dshm', mountPath: '/dev/shm' }]);
});

test('mysql: a StatefulSet with its headless Service and a claim instead of the notes\' hostPath', () => {
  const { workloads } = synthApp();
  const service = workloads.find((o: any) => o.kind === 'Service' && o.metadata.name === 'mysql');
  const sts = workloads.find((o: any) => o.kind === 'StatefulSet');
  expect(service.spec.clusterIP).toBe('None');
  expect(sts.spec.serviceName).toBe('mysql');
  expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }]);
  expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/mysql' }]);
});

test('no hash suffixes and no cdk8s labels in any object', () => {
  const { seeds, examples, workloads } = synthApp();
  for (const obj of [...seeds, ...examples, ...workloads]) {
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
