import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { formatPath, KubernetesVersion } from '../lib/rules/engine';
import { checkShape } from '../lib/rules/schema';

interface Found {
  rule: string;
  path: string;
  message: string;
}

/** The shape findings of every document in a YAML stream, parsed as YAML 1.1 like kubectl does. */
function shape(text: string): Found[] {
  const found: Found[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    checkShape(doc.toJS(), (rule, segments, message) => found.push({ rule, path: formatPath(segments), message }));
  }
  return found;
}

const POD = `
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels: { app: web }
  annotations: { example.com/owner: team-a }
spec:
  nodeSelector:
    kubernetes.io/os: linux
    disk:
  securityContext: { runAsNonRoot: true, fsGroup: 2000 }
  containers:
    - name: web
      image: nginx:1.25
      args: [--port, "8080"]
      ports: [{ name: http, containerPort: 8080, protocol: TCP }]
      env:
        - { name: MODE, value: production }
        - name: POD_IP
          valueFrom: { fieldRef: { fieldPath: status.podIP } }
      resources:
        requests: { cpu: 100m, memory: 128Mi }
        limits: { cpu: 1, memory: 1Gi }
      readinessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 5 }
      livenessProbe: { tcpSocket: { port: 8080 } }
      volumeMounts: [{ name: data, mountPath: /data }]
  volumes:
    - name: data
      emptyDir: { sizeLimit: 1Gi }
status:
  phase: Running
  podIP: 10.0.0.7
  startTime: 2024-01-01T10:00:00Z
`;

describe('checkShape', () => {
  test('defaults: a valid Pod, metadata and status included, has no findings', () => {
    expect(shape(POD)).toEqual([]);
  });

  test('a valid Deployment has no findings', () => {
    expect(shape(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports: [{ containerPort: 80 }]
`)).toEqual([]);
  });

  test('a valid CronJob has no findings', () => {
    expect(shape(`
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  timeZone: Etc/UTC
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{ name: job, image: busybox:1.36, command: [sh, -c, date] }]
`)).toEqual([]);
  });

  test('a Pod with a native sidecar (initContainers[].restartPolicy: Always, 1.28) has no findings', () => {
    expect(shape(`
apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.28.0
      restartPolicy: Always
  containers: [{ name: app, image: app:1 }]
`)).toEqual([]);
  });

  test('a Job with podReplacementPolicy and backoffLimitPerIndex (1.28) has no findings', () => {
    expect(shape(`
apiVersion: batch/v1
kind: Job
metadata: { name: batch }
spec:
  completionMode: Indexed
  completions: 10
  parallelism: 2
  backoffLimitPerIndex: 1
  maxFailedIndexes: 3
  podReplacementPolicy: Failed
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: work, image: busybox:1.36 }]
`)).toEqual([]);
  });

  test('a StatefulSet with volumeClaimTemplates has no findings', () => {
    expect(shape(`
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: postgres:16, volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/data }] }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }
`)).toEqual([]);
  });

  test('int-or-string fields take both, quantities take numbers and strings, null values are accepted', () => {
    expect(shape(`
apiVersion: v1
kind: Pod
metadata: { name: p, labels: }
spec:
  nodeSelector:
  tolerations:
  containers:
    - name: c
      image: i
      resources: { limits: { cpu: 2, memory: 512Mi }, requests: { cpu: 0.5 } }
      readinessProbe: { httpGet: { port: 8080 } }
      livenessProbe: { httpGet: { port: http } }
`)).toEqual([]);
  });

  test('free-form fields are not walked', () => {
    expect(shape(`
apiVersion: apps/v1
kind: ControllerRevision
metadata: { name: r }
revision: 1
data: { anything: { goes: [1, true] } }
`)).toEqual([]);
  });

  test('custom resources are skipped: no findings and no walk', () => {
    expect(shape(`
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
spec: { secretName: web-tls, sepc: 1, dnsNames: [example.com] }
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: hello }
spec: { template: { spec: { containers: [{ image: hello }] } } }
`)).toEqual([]);
  });

  test('built-in kinds without a schema (alpha and 1.28 APIs) are accepted and not walked', () => {
    expect(shape(`
apiVersion: admissionregistration.k8s.io/v1beta1
kind: ValidatingAdmissionPolicy
metadata: { name: p }
spec: { failurePolicy: Fail }
`)).toEqual([]);
  });

  test('the items of a kind: List are checked as manifests', () => {
    expect(shape(`
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: a }
    data: { key: value }
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: b }
    dta: { key: value }
`)).toEqual([
      { rule: 'unknown-field', path: 'items[1].dta', message: "unknown field 'dta' in ConfigMap; did you mean 'data'?" },
    ]);
  });

  test('fails when kind is lower-case (kind: pod)', () => {
    expect(shape('apiVersion: v1\nkind: pod\nmetadata: { name: p }\n')).toEqual([
      { rule: 'api-version-kind', path: 'kind', message: "kind 'pod' is not a Kubernetes kind (kinds are case-sensitive); did you mean 'Pod'?" },
    ]);
  });

  test('fails when kind is misspelt', () => {
    expect(shape('apiVersion: apps/v1\nkind: Deploymnet\n')).toEqual([
      { rule: 'api-version-kind', path: 'kind', message: "kind 'Deploymnet' is not a Kubernetes kind; did you mean 'Deployment'?" },
    ]);
  });

  test('fails when a Deployment has apiVersion v1', () => {
    expect(shape('apiVersion: v1\nkind: Deployment\nmetadata: { name: d }\n')).toEqual([
      { rule: 'api-version-kind', path: 'apiVersion', message: "Deployment is not served by apiVersion 'v1'; use apiVersion 'apps/v1'" },
    ]);
  });

  test('fails when the apiVersion was removed before 1.28', () => {
    expect(shape('apiVersion: extensions/v1beta1\nkind: Deployment\n---\napiVersion: batch/v1beta1\nkind: CronJob\n')).toEqual([
      { rule: 'api-version-kind', path: 'apiVersion', message: "apiVersion 'extensions/v1beta1' of Deployment was removed in Kubernetes 1.16; use apiVersion 'apps/v1'" },
      { rule: 'api-version-kind', path: 'apiVersion', message: "apiVersion 'batch/v1beta1' of CronJob was removed in Kubernetes 1.25; use apiVersion 'batch/v1'" },
    ]);
  });

  test('fails when apiVersion or kind is missing', () => {
    expect(shape('kind: Deployment\n---\napiVersion: v1\nmetadata: { name: x }\n')).toEqual([
      { rule: 'api-version-kind', path: 'apiVersion', message: "apiVersion is missing; Deployment uses apiVersion 'apps/v1'" },
      { rule: 'api-version-kind', path: 'kind', message: 'kind is missing; set the type of the object, such as Pod or Deployment' },
    ]);
  });

  test('fails when the apiVersion is not a Kubernetes API version', () => {
    expect(shape('apiVersion: foo/v1\nkind: Bar\n')).toEqual([
      { rule: 'api-version-kind', path: 'apiVersion', message: "apiVersion 'foo/v1' is not a Kubernetes API version; custom resources use an API group with a dot, such as 'example.com/v1'" },
    ]);
  });

  test('fails when spec is misspelt (sepc)', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nsepc:\n  containers: [{ name: c, image: i }]\n')).toEqual([
      { rule: 'unknown-field', path: 'sepc', message: "unknown field 'sepc' in Pod; did you mean 'spec'?" },
    ]);
  });

  test('fails when volumes is misspelt inside spec (columes)', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i }]\n  columes: [{ name: data, emptyDir: {} }]\n')).toEqual([
      { rule: 'unknown-field', path: 'spec.columes', message: "unknown field 'columes' in PodSpec; did you mean 'volumes'?" },
    ]);
  });

  test('fails when volumeMounts is misspelt inside a container (valumeMounts)', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: i\n      valumeMounts: [{ name: data, mountPath: /data }]\n')).toEqual([
      { rule: 'unknown-field', path: 'spec.containers[0].valumeMounts', message: "unknown field 'valumeMounts' in Container; did you mean 'volumeMounts'?" },
    ]);
  });

  test('fails when a field is unknown inside a pod template, with a kubectl explain path', () => {
    expect(shape(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  selector: { matchLabels: { app: d } }
  template:
    metadata: { labels: { app: d } }
    spec:
      containers: [{ name: c, image: i, foo: bar }]
`)).toEqual([
      { rule: 'unknown-field', path: 'spec.template.spec.containers[0].foo', message: "unknown field 'foo' in Container; remove it (see `kubectl explain deployment.spec.template.spec.containers`)" },
    ]);
  });

  test('fails when a field name has the wrong case', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i, ImagePullPolicy: Always }]\n')).toEqual([
      { rule: 'unknown-field', path: 'spec.containers[0].ImagePullPolicy', message: "unknown field 'ImagePullPolicy' in Container; did you mean 'imagePullPolicy'? (field names are case-sensitive)" },
    ]);
  });

  test('fails when a pod uses lifecycle.preStop.sleep (added in 1.29)', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: i\n      lifecycle: { preStop: { sleep: { seconds: 5 } } }\n')).toEqual([
      { rule: 'unknown-field', path: 'spec.containers[0].lifecycle.preStop.sleep', message: "unknown field 'sleep' in LifecycleHandler; remove it (see `kubectl explain pod.spec.containers.lifecycle.preStop`)" },
    ]);
  });

  test('fails when containerPort is a quoted string', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i, ports: [{ containerPort: "80" }] }]\n')).toEqual([
      { rule: 'field-type', path: 'spec.containers[0].ports[0].containerPort', message: "containerPort is the string '80' but must be an integer; write 80 without quotes" },
    ]);
  });

  test('fails when a nodeSelector value is an unquoted boolean', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  nodeSelector: { gpu: true }\n  containers: [{ name: c, image: i }]\n')).toEqual([
      { rule: 'field-type', path: 'spec.nodeSelector.gpu', message: 'nodeSelector.gpu is the boolean true but must be a string; quote it: "true"' },
    ]);
  });

  test('fails when an env value is a number', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i, env: [{ name: PORT, value: 8080 }] }]\n')).toEqual([
      { rule: 'field-type', path: 'spec.containers[0].env[0].value', message: 'value is the number 8080 but must be a string; quote it: "8080"' },
    ]);
  });

  test('fails when containers is an object instead of a list', () => {
    expect(shape('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    name: c\n    image: i\n')).toEqual([
      { rule: 'field-type', path: 'spec.containers', message: "containers is an object but must be a list; write each item on its own line starting with '- '" },
    ]);
  });

  test('fails when a boolean, a list item and an object have the wrong type', () => {
    expect(shape(`
apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  hostNetwork: "true"
  securityContext: [runAsNonRoot]
  containers: [{ name: c, image: i, args: [--port, 8080], resources: { limits: { cpu: [1] } } }]
`)).toEqual([
      { rule: 'field-type', path: 'spec.hostNetwork', message: "hostNetwork is the string 'true' but must be a boolean; write true without quotes" },
      { rule: 'field-type', path: 'spec.securityContext', message: "securityContext is a list but must be an object (PodSecurityContext); write the fields of PodSecurityContext as 'key: value' pairs" },
      { rule: 'field-type', path: 'spec.containers[0].args[1]', message: 'args[1] is the number 8080 but must be a string; quote it: "8080"' },
      { rule: 'field-type', path: 'spec.containers[0].resources.limits.cpu', message: "limits.cpu is a list but must be a quantity such as 500m or '1Gi'; write the amount as a string such as '500m' or '1Gi'" },
    ]);
  });
});

describe('schemas of each release', () => {
  // Regenerated from the OpenAPI of each release with `node scripts/gen-k8s-schema.js`; .ci/run
  // checks them against their sources with `--check` where Go is installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RELEASES } = require('../scripts/gen-k8s-schema.js') as { RELEASES: { [minor: string]: string } };

  test('there is one schema per KubernetesVersion, generated from the pinned release', () => {
    expect(Object.keys(RELEASES)).toEqual(Object.values(KubernetesVersion));
    const dir = path.resolve(__dirname, '..', 'lib', 'rules', 'schemas');
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(RELEASES).map(v => `k8s-${v}.json`));
    for (const [v, tag] of Object.entries(RELEASES)) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, `k8s-${v}.json`), 'utf8'));
      expect([doc.kubernetes, doc.source]).toEqual([v, `k8s.io/kubernetes@${tag} api/openapi-spec/v3`]);
    }
  });
});
