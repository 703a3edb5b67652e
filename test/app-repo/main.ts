// An app repo's main.ts: it imports the packed package by name, as users do.
import { ApiObject, App, Chart, Size } from 'cdk8s';
import { Deployment, GpuPod, Ingress, PathType, Service, SidecarPod, Volume } from 'cdk8s-pods';

const app = new App();
const chart = new Chart(app, 'app');
const logs = Volume.emptyDir('logs');
new GpuPod(chart, 'Train', {
  name: 'train',
  container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime', volumeMounts: [{ volume: logs, path: '/logs' }] },
  gpuCount: 1,
  sharedMemory: Size.gibibytes(2),
  sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ volume: logs, path: '/logs', readOnly: true }] }],
});
new SidecarPod(chart, 'Web', { app: { name: 'web', image: 'nginx:1.25', port: 80 }, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 9901 }] });
// The same pod constructs as workload templates, behind a Service and an Ingress.
const shopPod = new SidecarPod(chart, 'ShopPod', {
  labels: { 'app.kubernetes.io/name': 'shop' },
  app: { name: 'shop', image: 'nginx:1.25', ports: [{ name: 'http', number: 8080 }] },
  sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
});
const shop = new Deployment(chart, 'Shop', { template: shopPod, replicas: 3 });
const shopService = new Service(chart, 'ShopService', { name: 'shop', selects: shop, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
new Ingress(chart, 'ShopIngress', {
  name: 'shop',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: { service: shopService, port: 'http' } }] }],
});
if (process.env.BAD_SERVICE) {
  // A cross-object mistake: the construct fails synth with its path.
  new Service(chart, 'Typo', { name: 'typo', selects: shop, ports: [{ port: 81, targetPort: 'htp' }] });
}
if (process.env.BAD_POD) {
  // Not built with cdk8s-pods: only the validation plugin sees its port clash.
  new ApiObject(chart, 'Raw', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'raw' },
    spec: { containers: [{ name: 'a', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'httpd:2.4', ports: [{ containerPort: 80 }] }] },
  });
}
app.synth();
