// The cross-object rules on YAML: lint checks how the objects of all the files given refer to each
// other, with the same rules and messages as a synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkManifests, lintPaths, lintText } from '../lib';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: orderapp, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: orderapp}}
  template:
    metadata: {labels: {app: orderapp}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports: [{name: http, containerPort: 80}]
`;

function service(name: string, spec: string, namespace = 'shop'): string {
  return `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}`;
}

/** `file:line rule path: message` of each finding. */
function lines(text: string, options = {}): string[] {
  return lintText(text, 'app.yaml', options).map(f => `${f.line} ${f.severity} ${f.rule} ${f.path}: ${f.message}`);
}

describe('service-selects', () => {
  test('fails when a Service selects no pod of its namespace, with the likely typo', () => {
    const text = `${DEPLOYMENT}---\n${service('orderapp', '  selector: {app: order-app}\n  ports: [{port: 80, targetPort: http}]\n')}`;
    expect(lines(text)).toEqual([
      "19 error service-selects spec.selector: the Service selects {app: order-app} but no Pod or pod template in namespace 'shop' has these labels, so it would have no endpoints; make the selector a subset of the labels of the pods it should reach (Deployment 'orderapp' has app: orderapp)",
    ]);
  });

  test('passes when the namespace has no pods among the files: they live elsewhere', () => {
    const text = `${DEPLOYMENT}---\n${service('billing', '  selector: {app: billing}\n  ports: [{port: 80}]\n', 'billing')}`;
    expect(lines(text)).toEqual([]);
  });

  test('a Service in another namespace does not select the pods', () => {
    const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: Pod\nmetadata: {name: tool, namespace: ops, labels: {app: tool}}\nspec:\n  containers: [{name: t, image: busybox:1.36}]\n---\n${service('orderapp', '  selector: {app: orderapp}\n  ports: [{port: 80, targetPort: http}]\n', 'ops')}`;
    expect(lines(text).map(l => l.split(' ').slice(0, 3).join(' '))).toEqual(['25 error service-selects']);
  });

  test('the ignore annotation turns it off for one Service, and disable for the run', () => {
    const ignored = `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: legacy\n  namespace: shop\n  annotations: {cdk8s-pods.io/ignore: service-selects}\nspec:\n  selector: {app: legacy}\n  ports: [{port: 80}]\n`;
    expect(lines(ignored)).toEqual([]);
    const suppressed = lintText(ignored, 'app.yaml', { keepSuppressed: true });
    expect(suppressed.map(f => [f.rule, f.suppressed?.annotation])).toEqual([['service-selects', 'cdk8s-pods.io/ignore']]);
    const text = `${DEPLOYMENT}---\n${service('orderapp', '  selector: {app: order-app}\n  ports: [{port: 80}]\n')}`;
    expect(lines(text, { disable: ['service-selects'] })).toEqual([]);
  });
});

describe('service-target-port', () => {
  test('fails when a named targetPort is not declared, and when a number is not a declared port', () => {
    const text = `${DEPLOYMENT}---\n${service('orderapp', '  selector: {app: orderapp}\n  ports:\n    - {name: a, port: 80, targetPort: htp}\n    - {name: b, port: 81, targetPort: 8080}\n    - {name: c, port: 82, targetPort: 80}\n')}`;
    expect(lines(text)).toEqual([
      "21 error service-target-port spec.ports[0].targetPort: targetPort 'htp' names no container port of the pods of Deployment 'orderapp', which declare 'http'; name the container port 'htp' or use one of those names",
      "22 error service-target-port spec.ports[1].targetPort: targetPort 8080/TCP is not a port the pods of Deployment 'orderapp' declare (80/TCP); point targetPort at the port the app listens on, or declare it on the container",
    ]);
  });

  test('a numeric targetPort is not judged when the pods declare no ports', () => {
    const text = DEPLOYMENT.replace('          ports: [{name: http, containerPort: 80}]\n', '') + `---\n${service('orderapp', '  selector: {app: orderapp}\n  ports: [{port: 80, targetPort: 8080}]\n')}`;
    expect(lines(text)).toEqual([]);
  });

  test('native sidecars serve ports, plain init containers do not', () => {
    const pod = (init: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: p}}\nspec:\n  initContainers:\n    - {name: proxy, image: envoyproxy/envoy:v1.29.0, ${init}ports: [{name: proxy, containerPort: 9901}]}\n  containers: [{name: app, image: app:1}]\n---\n${service('p', '  selector: {app: p}\n  ports: [{port: 80, targetPort: proxy}]\n')}`;
    expect(lines(pod('restartPolicy: Always, '), { kubernetesVersion: '1.29' })).toEqual([]);
    expect(lines(pod('')).map(l => l.split(' ').slice(0, 3).join(' '))).toEqual(['14 error service-target-port']);
  });
});

describe('ingress-backend', () => {
  const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: orderapp, namespace: shop}\nspec:\n  rules:\n    - host: orders.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: ${backend}}}\n`;
  const svc = service('orderapp', '  selector: {app: orderapp}\n  ports: [{name: http, port: 80, targetPort: http}]\n');

  test('fails when the Service is not defined in the namespace', () => {
    expect(lines(`${DEPLOYMENT}---\n${svc}---\n${ingress('{name: orders, port: {number: 80}}')}`)).toEqual([
      "30 error ingress-backend spec.rules[0].http.paths[0].backend.service.name: the backend names Service 'orders', which is not defined in namespace 'shop' (Services there: 'orderapp'); name one of them, or define the Service",
    ]);
  });

  test('fails when the port is not one of the Service ports, by number or by name', () => {
    expect(lines(`${DEPLOYMENT}---\n${svc}---\n${ingress('{name: orderapp, port: {number: 8080}}')}`)).toEqual([
      "30 error ingress-backend spec.rules[0].http.paths[0].backend.service.port.number: the backend uses port 8080 of Service 'orderapp', which has ports 80; use one of them",
    ]);
    expect(lines(`${DEPLOYMENT}---\n${svc}---\n${ingress('{name: orderapp, port: {name: web}}')}`)).toEqual([
      "30 error ingress-backend spec.rules[0].http.paths[0].backend.service.port.name: the backend uses port 'web' of Service 'orderapp', which has port names 'http'; use one of them",
    ]);
  });

  test('passes when no Service of the namespace is among the files', () => {
    expect(lines(ingress('{name: orders, port: {number: 80}}'))).toEqual([]);
  });
});

describe('statefulset-service', () => {
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: mysql, namespace: shop}\nspec:\n  serviceName: mysql\n  selector: {matchLabels: {app: mysql}}\n  template:\n    metadata: {labels: {app: mysql}}\n    spec:\n      containers: [{name: mysql, image: 'mysql:8.0', ports: [{containerPort: 3306}]}]\n`;

  test('fails when the Service is not headless', () => {
    expect(lines(`${sts}---\n${service('mysql', '  selector: {app: mysql}\n  ports: [{port: 3306}]\n')}`)).toEqual([
      "5 error statefulset-service spec.serviceName: serviceName 'mysql' names a Service that is not headless; the pods' stable DNS names (mysql-0.mysql) come only from a headless Service, so set clusterIP: None on it (and expose clients through a second Service if needed)",
    ]);
  });

  test('passes with a headless Service', () => {
    expect(lines(`${sts}---\n${service('mysql', '  clusterIP: None\n  selector: {app: mysql}\n  ports: [{port: 3306}]\n')}`)).toEqual([]);
  });
});

describe('selector-overlap', () => {
  test('warns once per workload, naming the first other workload or bare Pod it selects', () => {
    const canary = DEPLOYMENT.replace('name: orderapp, namespace', 'name: canary, namespace').replace('labels: {app: orderapp}', 'labels: {app: orderapp, track: canary}').replace('matchLabels: {app: orderapp}', 'matchLabels: {app: orderapp, track: canary}');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: shop, labels: {app: orderapp}}\nspec:\n  containers: [{name: d, image: busybox:1.36}]\n';
    expect(lines(`${DEPLOYMENT}---\n${canary}---\n${pod}`)).toEqual([
      "6 warning selector-overlap spec.selector: the selector of this Deployment also selects the pods of Deployment 'canary', whose controller would fight this one over them; give each workload a label the other's selector does not match",
    ]);
    expect(lines(`${DEPLOYMENT}---\n${pod}`)).toEqual([
      "6 warning selector-overlap spec.selector: the selector of this Deployment also selects the bare Pod 'debug', which its controller would adopt (and delete to keep the replica count); give each workload a label the other's selector does not match",
    ]);
  });
});

describe('across files', () => {
  test('lint relates the objects of every file given, and reports each at its own file and line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pods-across-'));
    try {
      fs.writeFileSync(path.join(dir, 'deployment.yaml'), DEPLOYMENT);
      fs.writeFileSync(path.join(dir, 'service.yaml'), service('orderapp', '  selector: {app: orderapp}\n  ports: [{port: 80, targetPort: htp}]\n'));
      const { findings } = lintPaths([dir]);
      expect(findings.map(f => `${path.basename(f.file)}:${f.line} ${f.rule}`)).toEqual(['service.yaml:6 service-target-port']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('checkManifests returns the findings of each object in order', () => {
    const { parseAllDocuments } = require('yaml');
    const docs = parseAllDocuments(`${DEPLOYMENT}---\n${service('orderapp', '  selector: {app: nope}\n  ports: [{port: 80}]\n')}`).map((d: any) => d.toJSON());
    expect(checkManifests(docs).map(fs => fs.map(f => f.rule))).toEqual([[], ['service-selects']]);
  });
});
