#!/usr/bin/env node
// The mutation corpus of the differential oracle (issue 8): single-mistake mutations of valid,
// realistic Kubernetes objects, generated deterministically from a seed.
//
//   node scripts/gen-mutations.js              write test/oracle/mutations/<category>.yaml
//   node scripts/gen-mutations.js --seed 42    the same from another seed (the default is SEED below)
//   node scripts/gen-mutations.js --check      exit 1 if the files on disk differ from a fresh run
//   node scripts/gen-mutations.js --bases DIR  write only the base objects, one file each (to judge them)
//
// Every base object below is valid: the API server of 1.28 and of 1.34 accepts it (they are written to
// bases.yaml, which the oracle judges too; test/oracle.test.ts checks the verdicts). Each mutation changes one thing in one base: a wrong scalar type,
// an out-of-range number, a bad name, a bad enum value, a missing required field, a key given twice,
// a field at the wrong level, or two fields that disagree. Some mutations are meant to stay valid (an
// edge value the API server takes, an optional field removed): the oracle decides, not this script.
// Each document is preceded by `# mutation <n>: <base> <field path>: <what changed>`; <n> numbers the
// mutations across all files. Plain Node (CommonJS); the only dependency is `yaml`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** The default seed: the same files on every run. `--seed N` gives another corpus. */
const SEED = 20260808;

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'test', 'oracle', 'mutations');
/** Files stay under this size: a category that would be larger is split into `<category>-2.yaml`, ... */
const MAX_FILE_BYTES = 2000 * 1024;

// ---- The seeded PRNG -------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence on every platform. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /**
   * `n` items of `list` spread evenly over the groups `key` gives (each group its share, a small
   * group all it has), chosen at random within a group, in the list's order.
   */
  fairSample(list, n, key) {
    const groups = new Map();
    list.forEach((item, i) => {
      const k = key(item);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(i);
    });
    const sizes = [...groups.values()].map(g => g.length);
    const quota = sizes.map(() => 0);
    let left = Math.min(n, list.length);
    let open = sizes.map((_, i) => i);
    while (left > 0 && open.length > 0) {
      const share = Math.max(1, Math.floor(left / open.length));
      for (const i of open) {
        const take = Math.min(share, sizes[i] - quota[i], left);
        quota[i] += take;
        left -= take;
      }
      open = open.filter(i => quota[i] < sizes[i]);
    }
    const picked = [...groups.values()].flatMap((g, i) => this.sample(g, quota[i]));
    return picked.sort((a, b) => a - b).map(i => list[i]);
  }
  /** `n` distinct items of `list`, in the list's order. */
  sample(list, n) {
    if (n >= list.length) return list.slice();
    const idx = list.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, n).sort((a, b) => a - b).map(i => list[i]);
  }
  chance(p) {
    return this.next() < p;
  }
}

// ---- The base objects ------------------------------------------------------------------------
// Hand-written, realistic, and accepted by the API server of 1.28 and 1.34. `pod` is where the pod
// spec sits, `podMeta` the pod template's metadata, `job` a JobSpec (for CronJobs, inside jobTemplate).

// A self-signed certificate for shop.example.com (public; the API server parses it and warns when it
// cannot). The key is a placeholder: the API server checks only that tls.key is there.
const CERT = Buffer.from([
  '-----BEGIN CERTIFICATE-----',
  'MIIBbTCCAR+gAwIBAgIBATAFBgMrZXAwGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxl',
  'LmNvbTAeFw0yNjExMjEyMTA1NTFaFw0zNjExMTgyMTA1NTFaMBsxGTAXBgNVBAMM',
  'EHNob3AuZXhhbXBsZS5jb20wKjAFBgMrZXADIQC1yGxWiny13wxjSxRrBGyw+hxO',
  'XG81Ik9epVvT/x3N86OBhzCBhDAdBgNVHQ4EFgQUuR91sz1P2axXCfA+MaoWXc1T',
  'e/gwHwYDVR0jBBgwFoAUuR91sz1P2axXCfA+MaoWXc1Te/gwDwYDVR0TAQH/BAUw',
  'AwEB/zAxBgNVHREEKjAoghBzaG9wLmV4YW1wbGUuY29tghRhcGkuc2hvcC5leGFt',
  'cGxlLmNvbTAFBgMrZXADQQBltLfunOX53NeiAHb4JvHFsoczqNdwZRypd3azO8Le',
  'JCXeqUKx1SitFmFFFYdpxHxbFk7M/NycWoNDG5iNaXUI',
  '-----END CERTIFICATE-----',
  '',
].join('\n')).toString('base64');
const KEY = Buffer.from('placeholder: the private key of shop-tls lives in the cluster, not in this corpus\n').toString('base64');
const b64 = (s) => Buffer.from(s).toString('base64');

const BASES = [
  {
    name: 'pod-web',
    pod: ['spec'],
    podMeta: ['metadata'],
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-7d4b9',
        namespace: 'shop',
        labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/component': 'frontend', tier: 'web' },
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9113', owner: 'team-storefront' },
      },
      spec: {
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        priorityClassName: 'shop-high',
        terminationGracePeriodSeconds: 45,
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        enableServiceLinks: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 101,
          runAsGroup: 101,
          fsGroup: 101,
          supplementalGroups: [2000],
          seccompProfile: { type: 'RuntimeDefault' },
          sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }],
        },
        imagePullSecrets: [{ name: 'registry-shop' }],
        nodeSelector: { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/pool': 'web' },
        tolerations: [
          { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 120 },
        ],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web'] }] },
                topologyKey: 'kubernetes.io/hostname',
              },
            }],
          },
        },
        topologySpreadConstraints: [{
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
        }],
        initContainers: [{
          name: 'render-config',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sed "s/@PORT@/$(HTTP_PORT)/" /templates/nginx.conf > /etc/nginx/conf.d/default.conf'],
          env: [{ name: 'HTTP_PORT', value: '8080' }],
          volumeMounts: [
            { name: 'templates', mountPath: '/templates', readOnly: true },
            { name: 'nginx-conf', mountPath: '/etc/nginx/conf.d' },
          ],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        }],
        containers: [
          {
            name: 'web',
            image: 'nginxinc/nginx-unprivileged:1.25.4',
            imagePullPolicy: 'IfNotPresent',
            ports: [
              { name: 'http', containerPort: 8080, protocol: 'TCP' },
              { name: 'status', containerPort: 8081 },
            ],
            env: [
              { name: 'TZ', value: 'Europe/Berlin' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
              { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'UPSTREAM', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'upstream' } } },
              { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'web-secrets', key: 'api-token', optional: false } } },
            ],
            envFrom: [{ configMapRef: { name: 'web-env' }, prefix: 'APP_' }],
            resources: {
              requests: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '1Gi' },
              limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '2Gi' },
            },
            volumeMounts: [
              { name: 'nginx-conf', mountPath: '/etc/nginx/conf.d', readOnly: true },
              { name: 'cache', mountPath: '/var/cache/nginx' },
              { name: 'static', mountPath: '/usr/share/nginx/html', subPath: 'public', readOnly: true },
              { name: 'podinfo', mountPath: '/etc/podinfo' },
            ],
            livenessProbe: {
              httpGet: { path: '/healthz', port: 'status', httpHeaders: [{ name: 'X-Probe', value: 'liveness' }] },
              initialDelaySeconds: 10,
              periodSeconds: 10,
              timeoutSeconds: 2,
              failureThreshold: 3,
            },
            readinessProbe: { httpGet: { path: '/ready', port: 8081, scheme: 'HTTP' }, periodSeconds: 5, successThreshold: 2 },
            startupProbe: { tcpSocket: { port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5 && nginx -s quit'] } } },
            terminationMessagePolicy: 'FallbackToLogsOnError',
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
            },
          },
          {
            name: 'exporter',
            image: 'nginx/nginx-prometheus-exporter:1.1.0',
            args: ['--nginx.scrape-uri=http://localhost:8081/stub_status'],
            ports: [{ name: 'metrics', containerPort: 9113 }],
            resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          },
        ],
        volumes: [
          { name: 'templates', configMap: { name: 'web-templates', defaultMode: 0o444, items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } },
          { name: 'nginx-conf', emptyDir: {} },
          { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
          { name: 'static', persistentVolumeClaim: { claimName: 'web-static', readOnly: true } },
          {
            name: 'podinfo',
            downwardAPI: {
              items: [
                { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
                { path: 'cpu-limit', resourceFieldRef: { containerName: 'web', resource: 'limits.cpu', divisor: '1m' } },
              ],
            },
          },
          {
            name: 'token',
            projected: {
              sources: [
                { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'vault-token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              ],
            },
          },
        ],
      },
    },
  },
  {
    name: 'pod-batch',
    pod: ['spec'],
    podMeta: ['metadata'],
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'train-resnet-0', namespace: 'ml', labels: { app: 'trainer', run: 'resnet-0' } },
      spec: {
        restartPolicy: 'OnFailure',
        activeDeadlineSeconds: 86400,
        nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{
          name: 'trainer',
          image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
          workingDir: '/workspace',
          command: ['python', 'train.py'],
          args: ['--epochs=$(EPOCHS)', '--data=/data', '--checkpoints=/checkpoints/$(RUN_ID)'],
          env: [
            { name: 'EPOCHS', value: '90' },
            { name: 'RUN_ID', valueFrom: { fieldRef: { fieldPath: "metadata.labels['run']" } } },
            { name: 'NCCL_DEBUG', value: 'INFO' },
          ],
          resources: {
            requests: { cpu: '8', memory: '32Gi' },
            limits: { memory: '48Gi', 'nvidia.com/gpu': 2 },
          },
          volumeMounts: [
            { name: 'data', mountPath: '/data', readOnly: true },
            { name: 'checkpoints', mountPath: '/checkpoints' },
            { name: 'dshm', mountPath: '/dev/shm' },
          ],
        }],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'imagenet', readOnly: true } },
          { name: 'checkpoints', hostPath: { path: '/mnt/checkpoints', type: 'DirectoryOrCreate' } },
          { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } },
        ],
      },
    },
  },
  {
    name: 'deployment-api',
    pod: ['spec', 'template', 'spec'],
    podMeta: ['spec', 'template', 'metadata'],
    selector: ['spec', 'selector'],
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'shop', labels: { app: 'orders-api', team: 'checkout' }, annotations: { 'deployment.kubernetes.io/revision-note': 'v2 rollout' } },
      spec: {
        replicas: 3,
        revisionHistoryLimit: 5,
        minReadySeconds: 5,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: { app: 'orders-api' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        template: {
          metadata: { labels: { app: 'orders-api', version: 'v2' }, annotations: { 'kubectl.kubernetes.io/default-container': 'api' } },
          spec: {
            serviceAccountName: 'orders-api',
            terminationGracePeriodSeconds: 30,
            containers: [{
              name: 'api',
              image: 'registry.example.com/shop/orders-api:2.4.1',
              ports: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }],
              env: [
                { name: 'SPRING_PROFILES_ACTIVE', value: 'prod' },
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
                { name: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=75' },
              ],
              resources: { requests: { cpu: '500m', memory: '768Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              readinessProbe: { httpGet: { path: '/actuator/health/readiness', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 5 },
              livenessProbe: { grpc: { port: 9090 }, initialDelaySeconds: 30, periodSeconds: 15 },
              volumeMounts: [{ name: 'config', mountPath: '/config', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
              securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000 },
            }],
            volumes: [
              { name: 'config', configMap: { name: 'orders-api-config' } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    },
  },
  {
    name: 'statefulset-db',
    pod: ['spec', 'template', 'spec'],
    podMeta: ['spec', 'template', 'metadata'],
    selector: ['spec', 'selector'],
    object: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'postgres', namespace: 'shop', labels: { app: 'postgres' } },
      spec: {
        serviceName: 'postgres',
        replicas: 3,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        selector: { matchLabels: { app: 'postgres' } },
        template: {
          metadata: { labels: { app: 'postgres' } },
          spec: {
            terminationGracePeriodSeconds: 60,
            securityContext: { fsGroup: 999, runAsUser: 999, runAsNonRoot: true },
            containers: [{
              name: 'postgres',
              image: 'postgres:16.3',
              ports: [{ name: 'postgres', containerPort: 5432 }],
              env: [
                { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres', key: 'password' } } },
                { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
              ],
              resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
              readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 10 },
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/postgresql/data' },
                { name: 'init', mountPath: '/docker-entrypoint-initdb.d' },
              ],
            }],
            volumes: [{ name: 'init', configMap: { name: 'postgres-init', defaultMode: 0o555 } }],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '20Gi' } } },
        }],
      },
    },
  },
  {
    name: 'daemonset-agent',
    pod: ['spec', 'template', 'spec'],
    podMeta: ['spec', 'template', 'metadata'],
    selector: ['spec', 'selector'],
    object: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'node-exporter', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'node-exporter' } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'node-exporter' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'node-exporter' } },
          spec: {
            hostNetwork: true,
            hostPID: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            tolerations: [{ operator: 'Exists' }],
            containers: [{
              name: 'node-exporter',
              image: 'quay.io/prometheus/node-exporter:v1.8.1',
              args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--web.listen-address=:9100'],
              ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              volumeMounts: [
                { name: 'proc', mountPath: '/host/proc', readOnly: true },
                { name: 'sys', mountPath: '/host/sys', readOnly: true, mountPropagation: 'HostToContainer' },
              ],
              securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65534 },
            }],
            volumes: [
              { name: 'proc', hostPath: { path: '/proc', type: 'Directory' } },
              { name: 'sys', hostPath: { path: '/sys' } },
            ],
          },
        },
      },
    },
  },
  {
    name: 'replicaset-frontend',
    pod: ['spec', 'template', 'spec'],
    podMeta: ['spec', 'template', 'metadata'],
    selector: ['spec', 'selector'],
    object: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'frontend', namespace: 'guestbook', labels: { app: 'guestbook', tier: 'frontend' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { tier: 'frontend' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['guestbook'] }] },
        template: {
          metadata: { labels: { app: 'guestbook', tier: 'frontend' } },
          spec: {
            containers: [{
              name: 'php-redis',
              image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
              resources: { requests: { cpu: '100m', memory: '100Mi' } },
            }],
          },
        },
      },
    },
  },
  {
    name: 'job-indexed',
    pod: ['spec', 'template', 'spec'],
    podMeta: ['spec', 'template', 'metadata'],
    job: ['spec'],
    object: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'render-frames', namespace: 'media', labels: { app: 'renderer' } },
      spec: {
        completionMode: 'Indexed',
        completions: 10,
        parallelism: 3,
        backoffLimit: 4,
        activeDeadlineSeconds: 7200,
        ttlSecondsAfterFinished: 3600,
        podFailurePolicy: {
          rules: [
            { action: 'FailJob', onExitCodes: { containerName: 'render', operator: 'In', values: [42] } },
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          ],
        },
        template: {
          metadata: { labels: { app: 'renderer' } },
          spec: {
            restartPolicy: 'Never',
            containers: [{
              name: 'render',
              image: 'registry.example.com/media/blender:4.1',
              command: ['blender', '-b', '/scenes/intro.blend', '-f', '$(JOB_COMPLETION_INDEX)'],
              resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '4Gi' } },
              volumeMounts: [{ name: 'scenes', mountPath: '/scenes', readOnly: true }, { name: 'out', mountPath: '/out' }],
            }],
            volumes: [
              { name: 'scenes', persistentVolumeClaim: { claimName: 'scenes', readOnly: true } },
              { name: 'out', persistentVolumeClaim: { claimName: 'frames' } },
            ],
          },
        },
      },
    },
  },
  {
    name: 'cronjob-report',
    pod: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    podMeta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
    job: ['spec', 'jobTemplate', 'spec'],
    object: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly-report', namespace: 'analytics' },
      spec: {
        schedule: '30 2 * * *',
        timeZone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        suspend: false,
        jobTemplate: {
          metadata: { labels: { app: 'nightly-report' } },
          spec: {
            backoffLimit: 2,
            template: {
              metadata: { labels: { app: 'nightly-report' } },
              spec: {
                restartPolicy: 'OnFailure',
                containers: [{
                  name: 'report',
                  image: 'registry.example.com/analytics/report:1.9.0',
                  args: ['--date=yesterday', '--out=s3://reports/nightly'],
                  envFrom: [{ secretRef: { name: 'report-s3' } }],
                  resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                }],
              },
            },
          },
        },
      },
    },
  },
  {
    name: 'service-clusterip',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'orders-api', namespace: 'shop', labels: { app: 'orders-api' } },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'orders-api' },
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'grpc', port: 9090, targetPort: 9090, appProtocol: 'grpc' },
        ],
      },
    },
  },
  {
    name: 'service-nodeport',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'shop.example.com' } },
      spec: {
        type: 'NodePort',
        externalTrafficPolicy: 'Local',
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
      },
    },
  },
  {
    name: 'service-headless',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'postgres', namespace: 'shop', labels: { app: 'postgres' } },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { app: 'postgres' },
        ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }],
      },
    },
  },
  {
    name: 'ingress-web',
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'shop', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com', 'api.shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
          },
          {
            host: 'api.shop.example.com',
            http: {
              paths: [
                { path: '/orders', pathType: 'Prefix', backend: { service: { name: 'orders-api', port: { number: 80 } } } },
                { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'orders-api', port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    },
  },
  {
    name: 'configmap-app',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'orders-api-config', namespace: 'shop', labels: { app: 'orders-api' } },
      data: {
        'application.properties': 'server.port=8080\nmanagement.endpoints.web.exposure.include=health,info\n',
        LOG_LEVEL: 'info',
        'feature.flags': 'checkout-v2,gift-cards',
      },
      binaryData: { 'logo.png': b64('\x89PNG\r\n\x1a\nlogo') },
    },
  },
  {
    name: 'secret-db',
    object: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'orders-db', namespace: 'shop', labels: { app: 'orders-api' } },
      type: 'Opaque',
      data: { username: b64('orders'), password: b64('s3cr3t-pa55') },
      stringData: { 'jdbc-url': 'jdbc:postgresql://postgres:5432/orders' },
    },
  },
  {
    name: 'secret-tls',
    object: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'shop-tls', namespace: 'shop', annotations: { 'cert-manager.io/certificate-name': 'shop' } },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': CERT, 'tls.key': KEY },
    },
  },
  {
    name: 'serviceaccount-app',
    object: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'orders-api', namespace: 'shop', labels: { app: 'orders-api' }, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-api' } },
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: 'registry-shop' }],
    },
  },
  {
    name: 'pvc-data',
    object: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'web-static', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        accessModes: ['ReadWriteMany'],
        storageClassName: 'nfs-client',
        volumeMode: 'Filesystem',
        resources: { requests: { storage: '5Gi' } },
      },
    },
  },
];

const BASE_BY_NAME = new Map(BASES.map(b => [b.name, b]));


// ---- Paths and values ------------------------------------------------------------------------

const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof YAML.Scalar);
const clone = (v) => structuredClone(v);

function getAt(obj, segs) {
  let o = obj;
  for (const s of segs) {
    if (o === null || typeof o !== 'object') return undefined;
    o = o[s];
  }
  return o;
}

function setAt(obj, segs, value) {
  getAt(obj, segs.slice(0, -1))[segs[segs.length - 1]] = value;
}

function deleteAt(obj, segs) {
  const parent = getAt(obj, segs.slice(0, -1));
  const key = segs[segs.length - 1];
  if (Array.isArray(parent)) parent.splice(key, 1);
  else delete parent[key];
}

/** Renames a key of `map` in place, keeping its position. */
function renameKey(map, from, to) {
  const entries = Object.entries(map).map(([k, v]) => (k === from ? [to, v] : [k, v]));
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k] = v;
}

/** `spec.containers[0].image`, `metadata.labels['app.kubernetes.io/name']`. */
function formatPath(segs) {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `['${s}']`;
  }
  return out || '(the object)';
}

/** A value for a one-line comment: JSON, cut at 48 characters. */
function show(v) {
  if (v instanceof YAML.Scalar) return String(v.value.toFixed(v.minFractionDigits || 0));
  let s = v === undefined ? 'undefined' : JSON.stringify(v);
  if (s.length > 48) s = `${s.slice(0, 40)}...(${s.length} chars)`;
  return s;
}

/** The type of a value as a word, for comments. */
function typeName(v) {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  if (v instanceof YAML.Scalar) return 'float';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  return typeof v;
}

/** An integer written with a fraction (`80.0`): YAML reads a whole number, JSON decoding an int field does not take it. */
function floatScalar(n) {
  const s = new YAML.Scalar(n);
  s.minFractionDigits = 1;
  return s;
}

/** Every node of a value: [segments, value], parents before children. */
function nodesOf(value, segs = [], out = []) {
  out.push([segs, value]);
  if (Array.isArray(value)) value.forEach((v, i) => nodesOf(v, [...segs, i], out));
  else if (isObj(value)) for (const k of Object.keys(value)) nodesOf(value[k], [...segs, k], out);
  return out;
}

/** Fields whose value is a map of arbitrary keys (labels, resources, ConfigMap data, ...). */
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'matchLabels', 'data', 'stringData', 'binaryData', 'limits', 'requests']);

/**
 * The path of a node with list indexes as `[]`, map keys as `*`, and the pod spec, the pod template's
 * metadata and a JobSpec replaced by `$pod`, `$podmeta` and `$job`, so one pattern matches the same
 * field in every base: `$pod.containers[].ports[].containerPort`.
 */
function normPath(base, segs) {
  let out = '';
  let rest = segs;
  for (const [tag, prefix] of [['$pod', base.pod], ['$podmeta', base.podMeta], ['$job', base.job]]) {
    if (prefix && segs.length >= prefix.length && prefix.every((p, i) => segs[i] === p)) {
      out = tag;
      rest = segs.slice(prefix.length);
      break;
    }
  }
  let parent = segs.length > rest.length ? segs[segs.length - rest.length - 1] : undefined;
  const serviceSelector = base.object.kind === 'Service';
  for (const s of rest) {
    if (typeof s === 'number') out += '[]';
    else if (MAP_FIELDS.has(parent) || (serviceSelector && parent === 'selector' && out === 'spec')) out += '.*';
    else out += out === '' ? s : `.${s}`;
    parent = s;
  }
  return out;
}

/** The containers of a pod spec: [list, index, container]. */
function containersOf(spec) {
  const out = [];
  for (const list of ['initContainers', 'containers']) {
    if (Array.isArray(spec[list])) spec[list].forEach((c, i) => out.push([list, i, c]));
  }
  return out;
}

// ---- Serialization ---------------------------------------------------------------------------

const STRINGIFY = { version: '1.1', lineWidth: 0, minContentWidth: 0 };
const toYaml = (obj) => YAML.stringify(obj, STRINGIFY);

/**
 * The lines of a YAML text with the path of the mapping key each one starts (`undefined` for lines
 * that start no key): for edits of the text itself (keys given twice).
 */
function keyLines(text) {
  const doc = YAML.parseDocument(text, { version: '1.1' });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const paths = new Array(lineStarts.length).fill(undefined);
  YAML.visit(doc, {
    Pair(_, pair, ancestors) {
      const segs = [];
      for (let i = 0; i < ancestors.length; i++) {
        const a = ancestors[i];
        if (YAML.isPair(a)) segs.push(String(a.key.value));
        else if (YAML.isSeq(a)) segs.push(a.items.indexOf(ancestors[i + 1]));
      }
      segs.push(String(pair.key.value));
      paths[lineOf(pair.key.range[0])] = segs;
    },
  });
  return paths;
}

// ---- The corpus being built ------------------------------------------------------------------

/** The categories, in file order, with how many mutations each keeps (a seeded sample when there are more). */
const CATEGORIES = [
  ['wrong-types', 1150],
  ['out-of-range', 600],
  ['bad-names', 1000],
  ['bad-enums', 460],
  ['missing-required', 480],
  ['duplicate-keys', 420],
  ['misplaced-fields', 460],
  ['cross-field', 360],
  ['valid-changes', 380],
];

/**
 * Mutations left out for now: for these the 1.28 API server's message prints a Go struct with pointer
 * addresses (`RollingUpdate:(*apps.RollingUpdateDeployment)(0x3808d6941000)`), which differ on every
 * run of the oracle, so `node scripts/oracle.js --check` could never find their verdicts up to date.
 * Drop an entry once oracle/src/oracle.go normalizes the addresses in messages.
 */
// oracle/src/oracle.go now rewrites Go pointers and uids in messages (stable()), so these could
// come back; adding them renumbers the mutations that test/oracle.test.ts names.
const UNSTABLE_VERDICTS = [
  { category: 'bad-enums', base: /^(deployment-api|statefulset-db|daemonset-agent)$/, path: /^spec\.(strategy|updateStrategy)\.type$/ },
  { category: 'cross-field', base: /^pod-web$/, what: /^added value 'true' with operator Exists$/ },
  { category: 'cross-field', base: /./, what: /^privileged: true with allowPrivilegeEscalation: false$/ },
  { category: 'cross-field', base: /^pvc-data$/, what: /^dataSource and dataSourceRef that differ$/ },
];

class Candidates {
  constructor() {
    /** category -> [{ base, path, what, text }] */
    this.lists = new Map(CATEGORIES.map(([c]) => [c, []]));
    this.texts = new Map(CATEGORIES.map(([c]) => [c, new Set()]));
    this.baseTexts = new Set(BASES.map(b => toYaml(b.object)));
  }

  /**
   * Adds a mutation of `base`: `fn` changes a copy of its object in place and returns what it
   * changed (`{ path, what }`, path as segments or text), or a falsy value when it does not apply.
   */
  mutate(category, base, fn) {
    const obj = clone(base.object);
    const change = fn(obj);
    if (!change) return;
    this.addText(category, base, change.path, change.what, toYaml(obj));
  }

  addText(category, base, segs, what, text) {
    if (this.baseTexts.has(text) || this.texts.get(category).has(text)) return;
    const where = typeof segs === 'string' ? segs : formatPath(segs);
    if (UNSTABLE_VERDICTS.some(u => u.category === category && u.base.test(base.name) && (!u.path || u.path.test(where)) && (!u.what || u.what.test(what)))) return;
    this.texts.get(category).add(text);
    this.lists.get(category).push({ base: base.name, path: where, what: what.replace(/[\r\n]+/g, ' '), text });
  }
}

const POD_BASES = BASES.filter(b => b.pod);
const WORKLOADS = BASES.filter(b => b.selector);

/** Calls `fn(segs, value, norm)` for every node of the base. */
function forEachNode(base, fn) {
  for (const [segs, value] of nodesOf(base.object)) {
    if (segs.length > 0) fn(segs, value, normPath(base, segs));
  }
}

// ---- wrong-types -----------------------------------------------------------------------------

function wrongTypeVariants(value, rng) {
  const out = [];
  switch (typeName(value)) {
    case 'string': {
      const n = /^-?\d{1,9}$/.test(value) ? Number(value) : rng.int(1, 9999);
      out.push([n, `string ${show(value)} -> integer ${n}`]);
      out.push([rng.chance(0.5), 'string -> boolean']);
      out.push([[value], 'string -> list of that string']);
      out.push([{ value }, 'string -> object']);
      if (/^\d+(\.\d+)?$/.test(value)) out.push([Number(value) + 0.5, `string ${show(value)} -> float`]);
      break;
    }
    case 'integer':
      out.push([String(value), `integer ${value} -> quoted string "${value}"`]);
      out.push([value + 0.5, `integer ${value} -> float ${value + 0.5}`]);
      out.push([floatScalar(value), `integer ${value} -> ${value}.0 (a float in JSON)`]);
      out.push([value !== 0, `integer ${value} -> boolean`]);
      out.push([[value], 'integer -> list']);
      out.push([{ value }, 'integer -> object']);
      break;
    case 'boolean':
      out.push([String(value), `boolean ${value} -> quoted string "${value}"`]);
      out.push([value ? 1 : 0, `boolean ${value} -> integer ${value ? 1 : 0}`]);
      out.push([value ? 'yes' : 'no', `boolean ${value} -> string "${value ? 'yes' : 'no'}"`]);
      out.push([[value], 'boolean -> list']);
      break;
    case 'list':
      if (value.length > 0) {
        out.push([value[0], 'list -> its first item (no dash)']);
        if (value.every(v => typeof v === 'string')) out.push([value.join(' '), 'list of strings -> one string']);
      }
      out.push([{ items: value }, 'list -> object']);
      out.push([rng.int(1, 9), 'list -> integer']);
      break;
    case 'object': {
      out.push([[value], 'object -> list of that object']);
      const keys = Object.keys(value);
      out.push([keys.map(k => `${k}=${typeof value[k] === 'object' ? '...' : value[k]}`).join(',') || 'none', 'object -> string']);
      out.push([rng.chance(0.5), 'object -> boolean']);
      if (keys.length > 0) out.push([keys.map(k => ({ [k]: value[k] })), 'object -> list of one-key objects']);
      break;
    }
    default:
      break;
  }
  return out;
}

function wrongTypes(c, rng) {
  for (const base of BASES) {
    forEachNode(base, (segs, value) => {
      for (const [bad, what] of rng.sample(wrongTypeVariants(value, rng), 2)) {
        c.mutate('wrong-types', base, obj => (setAt(obj, segs, bad), { path: segs, what }));
      }
    });
  }
}

// ---- out-of-range ----------------------------------------------------------------------------

const INT32_OVER = 2147483648;
const INT32_MAX = 2147483647;

/** Numeric fields and values around their limits (some of them valid: the oracle decides). */
const RANGES = [
  [/^spec\.replicas$/, [-1, INT32_OVER, INT32_MAX, 0]],
  [/^spec\.(minReadySeconds|revisionHistoryLimit)$/, [-1, INT32_OVER]],
  [/^spec\.progressDeadlineSeconds$/, [0, -1, 3, INT32_OVER]],
  [/^spec\.strategy\.rollingUpdate\.maxSurge$/, ['-10%', '150%', -1, '25', '0%', 'half']],
  [/^spec\.(strategy|updateStrategy)\.rollingUpdate\.maxUnavailable$/, ['101%', -1, '100%', '1.5%', INT32_OVER]],
  [/^spec\.updateStrategy\.rollingUpdate\.partition$/, [-1, 5, INT32_OVER]],
  [/^\$pod\.terminationGracePeriodSeconds$/, [-1, -30, 0, INT32_OVER]],
  [/^\$pod\.activeDeadlineSeconds$/, [0, -1, INT32_OVER]],
  [/^\$pod\.(containers|initContainers)\[\]\.ports\[\]\.containerPort$/, [0, -1, 65536, 80000, 65535, INT32_OVER]],
  [/^\$pod\.(containers|initContainers)\[\]\.ports\[\]\.hostPort$/, [0, -1, 65536]],
  [/Probe\.(initialDelaySeconds|periodSeconds|timeoutSeconds|failureThreshold)$/, [-1, 0, INT32_OVER]],
  [/Probe\.successThreshold$/, [0, -1, 1, 3]],
  [/Probe\.(httpGet|tcpSocket|grpc)\.port$/, [0, -1, 65536]],
  [/securityContext\.(runAsUser|runAsGroup|fsGroup)$/, [-1, INT32_OVER, 4294967296, INT32_MAX]],
  [/securityContext\.supplementalGroups\[\]$/, [-1, INT32_OVER]],
  [/\.(defaultMode|mode)$/, [512, 511, 777, -1, 644, 0]],
  [/serviceAccountToken\.expirationSeconds$/, [599, 600, 0, 4294967297, 4294967296]],
  [/emptyDir\.sizeLimit$/, ['-1Gi', '0', '-128Mi']],
  [/^\$pod\.(containers|initContainers)\[\]\.resources\.(limits|requests)\.\*$/, ['-1', '-500m', '0', -2]],
  [/tolerations\[\]\.tolerationSeconds$/, [-1, 0, INT32_OVER]],
  [/topologySpreadConstraints\[\]\.maxSkew$/, [0, -1]],
  [/preferredDuringSchedulingIgnoredDuringExecution\[\]\.weight$/, [0, 101, -1]],
  [/^\$job\.(completions|parallelism)$/, [-1, 0, INT32_OVER, 100001]],
  [/^\$job\.backoffLimit$/, [-1, INT32_OVER, 0]],
  [/^\$job\.activeDeadlineSeconds$/, [0, -1]],
  [/^\$job\.ttlSecondsAfterFinished$/, [-1, 0]],
  [/onExitCodes\.values\[\]$/, [0, -1, 256]],
  [/^spec\.startingDeadlineSeconds$/, [-1, 0]],
  [/^spec\.(successfulJobsHistoryLimit|failedJobsHistoryLimit)$/, [-1, INT32_OVER]],
  [/^spec\.ports\[\]\.port$/, [0, -1, 65536, 65535]],
  [/^spec\.ports\[\]\.targetPort$/, [0, 65536, -1]],
  [/^spec\.ports\[\]\.nodePort$/, [29999, 32768, 30000, 32767, 0, 80]],
  [/sessionAffinityConfig\.clientIP\.timeoutSeconds$/, [0, 86401, 86400, -1]],
  [/backend\.service\.port\.number$/, [0, 65536, -1]],
  [/(^spec|volumeClaimTemplates\[\]\.spec)\.resources\.requests\.\*$/, ['-1Gi', '0', '1Ei', '0.5']],
];

function outOfRange(c, rng) {
  for (const base of BASES) {
    forEachNode(base, (segs, value, norm) => {
      const range = RANGES.find(([re]) => re.test(norm));
      if (!range || !(typeof value === 'number' || typeof value === 'string')) return;
      const values = [...range[1]];
      // One more value from the PRNG: a random negative for numbers, a random amount for quantities.
      if (typeof value === 'number') values.push(-rng.int(2, 99999));
      else if (/resources|sizeLimit/.test(norm)) values.push(`-${rng.int(1, 4096)}Mi`);
      for (const bad of values) {
        c.mutate('out-of-range', base, obj => (setAt(obj, segs, bad), { path: segs, what: `${show(value)} -> ${show(bad)}` }));
      }
    });
  }
  // Values a field may not take given where it is: a liveness or startup probe's successThreshold, a probe's
  // own grace period, a hostPort where there was none.
  for (const base of POD_BASES) {
    for (const [list, i, ctr] of containersOf(getAt(base.object, base.pod))) {
      for (const probe of ['livenessProbe', 'startupProbe', 'readinessProbe']) {
        if (!isObj(ctr[probe])) continue;
        const at = [...base.pod, list, i, probe];
        if (probe !== 'readinessProbe') {
          c.mutate('out-of-range', base, obj => (getAt(obj, at).successThreshold = 2, { path: [...at, 'successThreshold'], what: 'added successThreshold 2 (must be 1 for liveness and startup probes)' }));
        }
        for (const g of [0, -1, 30]) {
          c.mutate('out-of-range', base, obj => (getAt(obj, at).terminationGracePeriodSeconds = g, { path: [...at, 'terminationGracePeriodSeconds'], what: `added probe terminationGracePeriodSeconds ${g}` }));
        }
      }
      if (Array.isArray(ctr.ports)) {
        ctr.ports.forEach((p, j) => {
          if (p.hostPort !== undefined) return;
          const hp = rng.pick([65536, 70000, -8080]);
          c.mutate('out-of-range', base, obj => (getAt(obj, [...base.pod, list, i, 'ports', j]).hostPort = hp, { path: [...base.pod, list, i, 'ports', j, 'hostPort'], what: `added hostPort ${hp}` }));
        });
      }
    }
  }
}

// ---- bad-names -------------------------------------------------------------------------------

/** `s` padded (or cut) to exactly `n` characters, still ending with a letter. */
function padTo(s, n) {
  let out = s;
  while (out.length < n) out += out.length % 8 === 7 ? '-' : 'x';
  out = out.slice(0, n);
  return /[A-Za-z0-9]$/.test(out) ? out : `${out.slice(0, -1)}x`;
}

/** The name part of a `prefix/name` key padded to `n` characters. */
function padName(key, n) {
  const slash = key.lastIndexOf('/');
  return `${key.slice(0, slash + 1)}${padTo(key.slice(slash + 1), n)}`;
}

const upperOne = (s) => s.replace(/[a-z]/, ch => ch.toUpperCase());
const swapDash = (s, ch, suffix) => (s.includes('-') ? s.replace('-', ch) : `${s}${ch}${suffix}`);

/**
 * Names of one format that break it one way each (and a few that are still valid, such as a name of
 * exactly the maximum length): [value, what].
 */
function nameVariants(kind, s) {
  const common = [
    [upperOne(s), 'an upper-case letter'],
    [swapDash(s, '_', 'v2'), "an '_'"],
    [`${s}-`, "a trailing '-'"],
    [`-${s}`, "a leading '-'"],
    [swapDash(s, ' ', 'v2'), 'a space'],
    [`${s}\u00e4`, 'a non-ASCII letter'],
    [`${s}:v2`, "a ':'"],
    [`${s}@v2`, "an '@'"],
  ];
  const length = (max) => [[padTo(`${s}-`, max + 1), `${max + 1} characters (at most ${max})`], [padTo(`${s}-`, max), `${max} characters (the maximum)`]];
  switch (kind) {
    case 'label': // DNS-1123 label
      return [...common, ...length(63), [swapDash(s, '.', 'v2'), "a '.'"], [`2${s}`, 'a leading digit'], [`${s}/v2`, "a '/'"]];
    case 'subdomain': // DNS-1123 subdomain
      return [...common, ...length(253), [`${s}..v2`, "'..'"], [`${s}.`, "a trailing '.'"], [swapDash(s, '.', 'v2'), "a '.'"], [`2${s}`, 'a leading digit'], [`${s}/v2`, "a '/'"]];
    case 'cronjob': // a subdomain of at most 52 characters
      return [...common, [padTo(`${s}-`, 53), '53 characters (a CronJob name has at most 52)'], [padTo(`${s}-`, 52), '52 characters (the maximum for a CronJob)'], [padTo(`${s}-`, 64), '64 characters']];
    case 'dns1035': // Service names
      return [...common, ...length(63), [`2${s}`, 'a leading digit (not allowed in a DNS-1035 label)'], [swapDash(s, '.', 'v2'), "a '.'"]];
    case 'iana': // port names
      return [upperOne(s), [`${s}-`], [`-${s}`], [swapDash(s, '_', 'v2')], [`${s}--x`], ['8080', 'digits only (no letter)'], [padTo(`${s}-`, 16), '16 characters (at most 15)'], [padTo(`${s}-`, 15), '15 characters (the maximum)'], [swapDash(s, '.', 'v2')]]
        .map(([v, w]) => [v, w ?? 'not an IANA service name']);
    case 'env':
      return [[`1${s}`, 'a leading digit (valid from 1.32)'], [swapDash(s, ' ', 'V2'), 'a space (valid from 1.32)'], [`${s}=1`, "an '='"], [`${s}.${s}`, "a '.' (valid)"], [`${s}-2`, "a '-' (valid)"], [`${s}$`, "a '$' (valid from 1.32)"], [`${s}\u00e4`, 'a non-ASCII letter'], [`${s}\t`, 'a tab']];
    case 'config-key':
      return [[`${s}/x`, "a '/'"], ['..', "'..'"], [`..${s}`, "a leading '..'"], [swapDash(s, ' ', 'x'), 'a space'], [padTo(s, 254), '254 characters (at most 253)'], [`${s}@x`, "an '@'"], [`.${s}`, "a leading '.' (valid)"], [`${s}_x`, "an '_' (valid)"]];
    case 'path': // a file inside a volume
      return [[`/${s}`, 'absolute'], [`../${s}`, "a leading '../'"], [`${s}/..`, "a '..' element"], [`..${s}`, "starts with '..'"], [`conf/${s}`, 'a subdirectory (valid)'], [`${s}/`, "a trailing '/'"]];
    case 'label-key':
    case 'annotation-key': {
      const slash = s.indexOf('/');
      const prefix = slash < 0 ? 'example.com' : s.slice(0, slash);
      const name = slash < 0 ? s : s.slice(slash + 1);
      return [
        [`${upperOne(prefix)}/${name}`, `an upper-case letter in the prefix (${kind === 'label-key' ? 'invalid' : 'valid in an annotation key'})`],
        [upperOne(s), 'an upper-case letter'],
        [`${prefix}/x/${name}`, "two '/'"],
        [`/${name}`, "an empty prefix before '/'"],
        [`${s}/`, "an empty name after '/'"],
        [`${prefix}/${name}-`, "a name ending in '-'"],
        [`${prefix}/_${name}`, "a name starting with '_'"],
        [`${prefix}/${swapDash(name, ' ', 'x')}`, 'a space'],
        [padName(s, 64), 'a name part of 64 characters (at most 63)'],
        [padName(s, 63), 'a name part of 63 characters (the maximum)'],
        [`${padTo('example-', 250)}.com/${name}`, 'a prefix of 254 characters (at most 253)'],
        [`${prefix}_x/${name}`, "a prefix with '_'"],
      ];
    }
    case 'label-value':
      return [[padTo(`${s}-`, 64), '64 characters (at most 63)'], [padTo(`${s}-`, 63), '63 characters (the maximum)'], ['', 'empty (valid)'], [`${s}-`, "a trailing '-'"], [`.${s}`, "a leading '.'"], [swapDash(s, ' ', 'x'), 'a space'], [`${s}/x`, "a '/'"], [upperOne(s), 'an upper-case letter (valid)'], [`${s}_x.y`, "'_' and '.' inside (valid)"], [`${s}:x`, "a ':'"]];
    case 'resource-name':
      return [['gpu', 'no domain'], [s.toUpperCase(), 'upper case'], ['example.com/widget', 'an extended resource (the quantity must then be whole)'], [`${s} `, 'a trailing space'], [`requests.${s}`, "a 'requests.' prefix"], ['hugepages-2Mi', 'hugepages'], [`kubernetes.io/${s}`, "the 'kubernetes.io/' domain"], ['nvidia.com/GPU', 'upper case in the name']];
    case 'sysctl':
      return [[upperOne(s), 'an upper-case letter'], [s.replace('.', '..'), "'..'"], [s.replace(/\./g, '/'), "'/' separators (valid)"], ['kernel.shm_rmid_forced', 'another safe sysctl (valid)'], ['vm.swappiness', 'a node-level sysctl'], [`${s}.`, "a trailing '.'"], ['foo', 'an unknown single word']];
    case 'host': // Ingress hosts
      return [[upperOne(s), 'an upper-case letter'], [`*.${s.split('.').slice(1).join('.')}`, 'a wildcard (valid)'], [`${s}:443`, 'a port'], ['203.0.113.10', 'an IP address'], [swapDash(s.replace('.', '_'), '_', 'x'), "an '_'"], [`https://${s}`, 'a scheme'], [`${s}.`, "a trailing '.'"], [`*.*.${s}`, 'two wildcards']];
    case 'image':
      return [[` ${s}`, 'a leading space'], [`${s} `, 'a trailing space'], [upperOne(s), 'an upper-case letter (the API server does not check the reference)'], [`${s.split(':')[0]}:`, 'an empty tag'], [`${s}\n`, 'a trailing newline']];
    case 'mount-path':
      return [[s.replace(/^\//, ''), 'relative'], [`${s}/../etc`, "a '..' element"], [`${s}:ro`, "':ro' appended"], [`${s}/`, "a trailing '/' (valid)"], [`${s} `, 'a trailing space']];
    case 'sub-path':
      return [[`/${s}`, 'absolute'], [`../${s}`, "a leading '../'"], [`${s}/..`, "a '..' element"], [`${s}/css`, 'a subdirectory (valid)'], [`..${s}`, "starts with '..' (a name, not an element)"]];
    case 'host-path':
      return [[s.replace(/^\//, ''), 'relative'], [`${s}/../etc`, "a '..' element"], [`${s}/`, "a trailing '/'"], [`${s}/..`, "a trailing '..'"]];
    case 'field-path':
      return [[s.replace(/.$/, ''), 'a typo'], ['spec.nodeName', 'spec.nodeName'], ['status.hostIP', 'status.hostIP'], ['metadata.annotations', 'metadata.annotations'], ["metadata.labels['app']", 'one label'], ['metadata.generateName', 'an unsupported field'], [s.toUpperCase(), 'upper case']];
    case 'resource-ref':
      return [[s.replace('limits', 'limit'), "'limit' for 'limits'"], [s.replace(/\.[a-z-]+$/, '.gpu'), 'an unsupported resource'], [s.replace('limits', 'requests'), 'requests instead of limits (valid)'], [`${s}.max`, 'a suffix']];
    case 'container-ref':
      return [[`${s}x`, 'a container that does not exist'], [upperOne(s), 'an upper-case letter']];
    case 'header':
      return [[swapDash(s, ' ', 'x'), 'a space'], [`${s}:`, "a ':'"], [s.toLowerCase(), 'lower case (valid)'], [`${s}\u00e4`, 'a non-ASCII letter']];
    case 'schedule':
      return [['30 2 * *', 'four fields'], ['61 2 * * *', 'minute 61'], ['@daily', '@daily (valid)'], ['30 2 * * * *', 'six fields'], ['every night', 'prose'], [`CRON_TZ=UTC ${s}`, 'a CRON_TZ prefix'], ['30 25 * * *', 'hour 25'], ['*/0 * * * *', 'step 0']];
    case 'time-zone':
      return [['Europe/Berlln', 'a typo'], ['CET', 'CET'], ['UTC+1', 'UTC+1'], ['Local', 'Local'], ['europe/berlin', 'lower case'], [' Europe/Berlin', 'a leading space']];
    case 'ingress-path':
      return [[s.replace(/^\//, ''), 'relative'], [`${s}/*`, "a trailing '/*'"], [`${s}//x`, "'//'"], [`${s}/../admin`, "a '..' element"], [`${s} x`, 'a space'], [`${s}?q=1`, 'a query'], [`${s}/`, "a trailing '/' (valid)"]];
    case 'cluster-ip':
      return [['none', "lower-case 'none'"], ['10.96.0.10', 'an address in the service range'], ['10.96.300.1', 'not an IP address'], ['192.168.0.10', 'an address outside the service range'], ['', 'empty (allocates one)']];
    case 'capability':
      return [[s.toLowerCase(), 'lower case'], [`CAP_${s}`, "a 'CAP_' prefix"], [`${s} `, 'a trailing space'], ['', 'empty']];
    case 'app-protocol':
      return [[s.toUpperCase(), 'upper case'], ['kubernetes.io/h2c', 'kubernetes.io/h2c (valid)'], ['my protocol', 'a space'], ['example.com/x/y', "two '/'"]];
    case 'storage-class':
      return [[upperOne(s), 'an upper-case letter'], [swapDash(s, '_', 'x'), "an '_'"], [padTo(`${s}-`, 254), '254 characters'], ['', 'empty (no class)']];
    default:
      throw new Error(`no name variants for ${kind}`);
  }
}

/** Name fields: [pattern, kind (or a function of the base), what to rename along with it]. `key` patterns change map keys. */
const NAMES = [
  [/^metadata\.name$/, (b) => (b.object.kind === 'Service' ? 'dns1035' : b.object.kind === 'CronJob' ? 'cronjob' : 'subdomain')],
  [/^metadata\.namespace$/, 'label'],
  [/^\$pod\.(containers|initContainers)\[\]\.name$/, 'label', 'container'],
  [/^\$pod\.volumes\[\]\.name$/, 'label', 'volume'],
  [/^spec\.volumeClaimTemplates\[\]\.metadata\.name$/, 'label', 'volume'],
  [/^\$pod\.(containers|initContainers)\[\]\.ports\[\]\.name$/, 'iana', 'port'],
  [/^spec\.ports\[\]\.name$/, 'label'],
  [/\.env\[\]\.name$/, 'env'],
  [/envFrom\[\]\.prefix$/, 'env'],
  [/(configMapKeyRef|secretKeyRef|configMapRef|secretRef)\.name$/, 'subdomain'],
  [/(configMapKeyRef|secretKeyRef)\.key$/, 'config-key'],
  [/(\.configMap\.name|\.secret\.secretName|persistentVolumeClaim\.claimName)$/, 'subdomain'],
  [/\.items\[\]\.key$/, 'config-key'],
  [/(\.items\[\]\.path|serviceAccountToken\.path)$/, 'path'],
  [/^\$pod\.(serviceAccountName|priorityClassName)$/, 'subdomain'],
  [/imagePullSecrets\[\]\.name$/, 'subdomain'],
  [/(matchExpressions\[\]\.key|tolerations\[\]\.key|topologyKey)$/, 'label-key'],
  [/(matchExpressions\[\]\.values\[\]|tolerations\[\]\.value)$/, 'label-value'],
  [/^spec\.rules\[\]\.host$|^spec\.tls\[\]\.hosts\[\]$/, 'host'],
  [/^spec\.tls\[\]\.secretName$/, 'subdomain'],
  [/backend\.service\.name$/, 'dns1035'],
  [/backend\.service\.port\.name$/, 'iana'],
  [/^spec\.ingressClassName$/, 'subdomain'],
  [/^spec\.serviceName$/, 'dns1035'],
  [/storageClassName$/, 'storage-class'],
  [/sysctls\[\]\.name$/, 'sysctl'],
  [/capabilities\.(add|drop)\[\]$/, 'capability'],
  [/\.image$/, 'image'],
  [/volumeMounts\[\]\.mountPath$/, 'mount-path'],
  [/volumeMounts\[\]\.subPath$/, 'sub-path'],
  [/hostPath\.path$/, 'host-path'],
  [/fieldRef\.fieldPath$/, 'field-path'],
  [/resourceFieldRef\.resource$/, 'resource-ref'],
  [/resourceFieldRef\.containerName$/, 'container-ref'],
  [/httpHeaders\[\]\.name$/, 'header'],
  [/^spec\.schedule$/, 'schedule'],
  [/^spec\.timeZone$/, 'time-zone'],
  [/^spec\.rules\[\]\.http\.paths\[\]\.path$/, 'ingress-path'],
  [/^spec\.clusterIP$/, 'cluster-ip'],
  [/appProtocol$/, 'app-protocol'],
];

/** Map keys with a format: [pattern of the key's path, kind of key, kind of value or undefined]. */
const KEYS = [
  [/^(metadata|\$podmeta|spec\.jobTemplate\.metadata)\.labels\.\*$/, 'label-key', 'label-value'],
  [/(^|\.)annotations\.\*$/, 'annotation-key', undefined],
  [/nodeSelector\.\*$/, 'label-key', 'label-value'],
  [/matchLabels\.\*$/, 'label-key', 'label-value'],
  [/^spec\.\*$/, 'label-key', 'label-value'], // a Service's selector
  [/^(data|stringData|binaryData)\.\*$/, 'config-key', undefined],
  [/^\$pod\.(containers|initContainers)\[\]\.resources\.(limits|requests)\.\*$/, 'resource-name', undefined],
];

/**
 * Renames what refers to a renamed name, so that the mutation stays one mistake: the mounts of a
 * volume, the containerName references to a container, a container's probes that use a port by name.
 */
function renameReferences(base, obj, segs, what, from, to) {
  const pod = base.pod ? getAt(obj, base.pod) : undefined;
  if (what === 'volume' && pod) {
    for (const [, , ctr] of containersOf(pod)) for (const m of ctr.volumeMounts ?? []) if (m.name === from) m.name = to;
  }
  if (what === 'container') {
    for (const [, value] of nodesOf(obj)) if (isObj(value) && value.containerName === from) value.containerName = to;
  }
  if (what === 'port') {
    const ctr = getAt(obj, segs.slice(0, -3));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      for (const h of ['httpGet', 'tcpSocket']) if (ctr[probe]?.[h]?.port === from) ctr[probe][h].port = to;
    }
  }
}

/** For a label of a workload's pod template or selector: the same change in the other, so they still match. */
function selectorTwins(base, norm, key) {
  if (!base.selector || !/^(\$podmeta\.labels|spec\.selector\.matchLabels)\.\*$/.test(norm)) return [];
  const twins = [[...base.podMeta, 'labels'], [...base.selector, 'matchLabels']];
  return twins.filter(t => isObj(getAt(base.object, t)) && key in getAt(base.object, t));
}

function badNames(c, rng) {
  for (const base of BASES) {
    forEachNode(base, (segs, value, norm) => {
      const name = NAMES.find(([re]) => re.test(norm));
      if (name && typeof value === 'string') {
        const kind = typeof name[1] === 'function' ? name[1](base) : name[1];
        for (const [bad, what] of rng.sample(nameVariants(kind, value), 5)) {
          c.mutate('bad-names', base, obj => {
            setAt(obj, segs, bad);
            if (name[2]) renameReferences(base, obj, segs, name[2], value, bad);
            return { path: segs, what: `${show(value)} -> ${show(bad)}: ${what}` };
          });
        }
      }
      const key = KEYS.find(([re]) => re.test(norm));
      if (!key) return;
      const k = segs[segs.length - 1];
      const twins = selectorTwins(base, norm, k);
      const where = twins.length > 0 ? twins : [segs.slice(0, -1)];
      if (twins.length > 0 && formatPath(segs.slice(0, -1)) !== formatPath(twins[0])) return; // once per twin pair
      for (const [bad, what] of rng.sample(nameVariants(key[1], k), 4)) {
        c.mutate('bad-names', base, obj => {
          for (const map of where) {
            if (bad in getAt(obj, map)) return undefined;
            renameKey(getAt(obj, map), k, bad);
          }
          return { path: segs, what: `key ${show(k)} -> ${show(bad)}: ${what}${twins.length > 1 ? ' (in the selector too)' : ''}` };
        });
      }
      if (key[2] && typeof value === 'string') {
        for (const [bad, what] of rng.sample(nameVariants(key[2], value), 3)) {
          c.mutate('bad-names', base, obj => {
            for (const map of where) getAt(obj, map)[k] = bad;
            return { path: segs, what: `value ${show(value)} -> ${show(bad)}: ${what}${twins.length > 1 ? ' (in the selector too)' : ''}` };
          });
        }
      }
    });
  }
}

// ---- bad-enums -------------------------------------------------------------------------------

const ENUMS = [
  [/\.imagePullPolicy$/, ['Always', 'IfNotPresent', 'Never']],
  [/^\$pod\.restartPolicy$/, ['Always', 'OnFailure', 'Never']],
  [/^\$pod\.dnsPolicy$/, ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']],
  [/ports\[\]\.protocol$/, ['TCP', 'UDP', 'SCTP']],
  [/terminationMessagePolicy$/, ['File', 'FallbackToLogsOnError']],
  [/seccompProfile\.type$/, ['RuntimeDefault', 'Localhost', 'Unconfined']],
  [/tolerations\[\]\.operator$/, ['Exists', 'Equal']],
  [/tolerations\[\]\.effect$/, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']],
  [/mountPropagation$/, ['None', 'HostToContainer', 'Bidirectional']],
  [/hostPath\.type$/, ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']],
  [/emptyDir\.medium$/, ['', 'Memory']],
  [/matchExpressions\[\]\.operator$/, ['In', 'NotIn', 'Exists', 'DoesNotExist']],
  [/whenUnsatisfiable$/, ['DoNotSchedule', 'ScheduleAnyway']],
  [/httpGet\.scheme$/, ['HTTP', 'HTTPS']],
  [/^spec\.strategy\.type$/, ['RollingUpdate', 'Recreate']],
  [/^spec\.podManagementPolicy$/, ['OrderedReady', 'Parallel']],
  [/^spec\.updateStrategy\.type$/, ['RollingUpdate', 'OnDelete']],
  [/^\$job\.completionMode$/, ['NonIndexed', 'Indexed']],
  [/podFailurePolicy\.rules\[\]\.action$/, ['FailJob', 'Ignore', 'Count']],
  [/onExitCodes\.operator$/, ['In', 'NotIn']],
  [/onPodConditions\[\]\.type$/, ['DisruptionTarget']],
  [/^spec\.concurrencyPolicy$/, ['Allow', 'Forbid', 'Replace']],
  [/^spec\.type$/, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']],
  [/^spec\.sessionAffinity$/, ['None', 'ClientIP']],
  [/^spec\.externalTrafficPolicy$/, ['Cluster', 'Local']],
  [/pathType$/, ['Exact', 'Prefix', 'ImplementationSpecific']],
  [/accessModes\[\]$/, ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']],
  [/volumeMode$/, ['Filesystem', 'Block']],
  [/^type$/, ['Opaque', 'kubernetes.io/tls']],
  [/fieldRef\.apiVersion$/, ['v1']],
  [/^apiVersion$/, ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1']],
  [/^kind$/, ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'Ingress', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim']],
];

const ALL_ENUM_VALUES = [...new Set(ENUMS.flatMap(([, v]) => v).filter(v => v !== ''))].sort();

/** Misspellings of an enum value: [value, what]. */
function enumVariants(value, allowed, rng) {
  const kebab = value.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const cut = value.length > 3 ? rng.int(1, value.length - 2) : 1;
  const out = [
    [value.toLowerCase(), 'lower case'],
    [value.toUpperCase(), 'upper case'],
    [value.charAt(0).toLowerCase() + value.slice(1), 'lower-case first letter'],
    [value.slice(0, cut) + value.slice(cut + 1), 'a letter missing'],
    [`${value} `, 'a trailing space'],
    [kebab, 'kebab case'],
    [kebab.toUpperCase().replace(/-/g, '_'), 'upper snake case'],
    [rng.pick(ALL_ENUM_VALUES.filter(v => !allowed.includes(v))), 'a value of another field'],
  ];
  return out.filter(([v]) => !allowed.includes(v) && v !== '');
}

function badEnums(c, rng) {
  for (const base of BASES) {
    forEachNode(base, (segs, value, norm) => {
      const e = ENUMS.find(([re]) => re.test(norm));
      if (!e || typeof value !== 'string') return;
      const count = /^(apiVersion|kind)$/.test(norm) ? 2 : 6;
      for (const [bad, what] of rng.sample(enumVariants(value, e[1], rng), count)) {
        c.mutate('bad-enums', base, obj => (setAt(obj, segs, bad), { path: segs, what: `${show(value)} -> ${show(bad)}: ${what}` }));
      }
    });
  }
  // Enum fields the bases leave to their defaults, set misspelt.
  const added = [
    ['imagePullPolicy', ['Always', 'IfNotPresent', 'Never'], 'container'],
    ['terminationMessagePolicy', ['File', 'FallbackToLogsOnError'], 'container'],
    ['restartPolicy', ['Always', 'OnFailure', 'Never'], 'pod'],
    ['dnsPolicy', ['ClusterFirst', 'Default', 'None'], 'pod'],
    ['preemptionPolicy', ['PreemptLowerPriority', 'Never'], 'pod'],
    ['protocol', ['TCP', 'UDP', 'SCTP'], 'port'],
  ];
  for (const base of POD_BASES) {
    const pod = getAt(base.object, base.pod);
    for (const [field, allowed, where] of added) {
      const targets = where === 'pod' ? [base.pod] : containersOf(pod).flatMap(([list, i, ctr]) => (where === 'container' ? [[...base.pod, list, i]] : (ctr.ports ?? []).map((_, j) => [...base.pod, list, i, 'ports', j])));
      for (const at of targets) {
        if (getAt(base.object, at)[field] !== undefined) continue;
        const [bad, what] = rng.pick(enumVariants(rng.pick(allowed), allowed, rng));
        c.mutate('bad-enums', base, obj => (getAt(obj, at)[field] = bad, { path: [...at, field], what: `added ${field} ${show(bad)}: ${what}` }));
      }
    }
  }
}

// ---- missing-required ------------------------------------------------------------------------

/** Fields the API server requires, or that look required: removed, emptied or set to null. */
const REQUIRED = [
  /^(apiVersion|kind|metadata|metadata\.name|spec)$/,
  /^\$pod$/, /^\$podmeta$/, /^\$podmeta\.labels$/,
  /^\$pod\.containers$/, /^\$pod\.(containers|initContainers)\[\]\.(name|image)$/,
  /ports\[\]\.containerPort$/,
  /^\$pod\.volumes\[\]\.name$/, /volumeMounts\[\]\.(name|mountPath)$/,
  /env\[\]\.name$/, /(configMapKeyRef|secretKeyRef)\.(name|key)$/, /(configMapRef|secretRef)\.name$/,
  /fieldRef\.fieldPath$/, /resourceFieldRef\.(resource|containerName)$/,
  /Probe\.(httpGet|tcpSocket|exec|grpc)$/, /(httpGet|tcpSocket|grpc)\.port$/, /exec\.command$/, /httpHeaders\[\]\.(name|value)$/,
  /^spec\.(selector|template|serviceName)$/, /^spec\.selector\.matchLabels$/,
  /^spec\.volumeClaimTemplates\[\]\.(metadata|metadata\.name|spec|spec\.accessModes|spec\.resources|spec\.resources\.requests)$/,
  /^\$pod\.restartPolicy$/,
  /^spec\.(schedule|jobTemplate)$/, /^spec\.jobTemplate\.spec$/, /^spec\.template\.spec$/,
  /^\$job\.completions$/,
  /podFailurePolicy\.rules\[\]\.(action|onExitCodes\.operator|onExitCodes\.values|onPodConditions\[\]\.type)$/,
  /matchExpressions\[\]\.(key|operator|values)$/,
  /tolerations\[\]\.(key|operator)$/,
  /topologySpreadConstraints\[\]\.(maxSkew|topologyKey|whenUnsatisfiable)$/, /podAffinityTerm\.topologyKey$/,
  /preferredDuringSchedulingIgnoredDuringExecution\[\]\.(weight|podAffinityTerm)$/,
  /seccompProfile\.type$/, /sysctls\[\]\.(name|value)$/,
  /\.configMap\.name$/, /\.secret\.secretName$/, /persistentVolumeClaim\.claimName$/, /hostPath\.path$/,
  /items\[\]\.(key|path|fieldRef|resourceFieldRef)$/, /serviceAccountToken\.path$/,
  /^\$pod\.volumes\[\]\.(configMap|emptyDir|secret|persistentVolumeClaim|hostPath|downwardAPI|projected)$/,
  /^spec\.ports$/, /^spec\.ports\[\]\.(port|name|targetPort|nodePort)$/, /^spec\.(selector|clusterIP|type)$/,
  /^spec\.rules\[\]\.(http|http\.paths)$/, /^spec\.rules\[\]\.http\.paths\[\]\.(path|pathType|backend|backend\.service|backend\.service\.name|backend\.service\.port)$/,
  /^spec\.tls\[\]\.(hosts|secretName)$/,
  /^data\.\*$/,
  /^spec\.(accessModes|resources|resources\.requests|resources\.requests\.\*)$/,
  /^metadata\.namespace$/,
  /^\$pod\.(containers|initContainers)\[\]\.(resources|resources\.limits|ports)$/,
];

function missingRequired(c, rng) {
  for (const base of BASES) {
    forEachNode(base, (segs, value, norm) => {
      if (!REQUIRED.some(re => re.test(norm))) return;
      c.mutate('missing-required', base, obj => (deleteAt(obj, segs), { path: segs, what: 'removed' }));
      const empty = typeof value === 'string' ? '' : Array.isArray(value) ? [] : isObj(value) ? {} : undefined;
      if (empty !== undefined && (rng.chance(0.6) || typeof value === 'string')) {
        c.mutate('missing-required', base, obj => (setAt(obj, segs, empty), { path: segs, what: `emptied: ${show(empty)}` }));
      }
      if (Array.isArray(getAt(base.object, segs.slice(0, -1)))) return; // a null list item is another mistake
      if (rng.chance(0.35)) c.mutate('missing-required', base, obj => (setAt(obj, segs, null), { path: segs, what: 'set to null (no value)' }));
    });
  }
}

// ---- duplicate-keys --------------------------------------------------------------------------

/** Another scalar of the same type, for a key given twice with two values. */
function otherScalar(value) {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return /\d$/.test(value) ? value.replace(/\d$/, d => String((Number(d) + 1) % 10)) : `${value}-2`;
  return value;
}

function duplicateKeys(c, rng) {
  for (const base of BASES) {
    const text = toYaml(base.object);
    const lines = text.split('\n');
    const paths = keyLines(text);
    const candidates = [];
    lines.forEach((line, i) => {
      const segs = paths[i];
      if (!segs) return;
      const m = /^( *)(- )?(.*?):( .*)?$/.exec(line);
      if (!m) return;
      const indent = m[1].length + (m[2] ? 2 : 0);
      let end = i + 1;
      while (end < lines.length && lines[end] !== '' && /^ */.exec(lines[end])[0].length > indent) end++;
      const keyText = m[3];
      const value = getAt(base.object, segs);
      const at = (extra) => [...lines.slice(0, end), ...extra, ...lines.slice(end)].join('\n');
      const pad = ' '.repeat(indent);
      if (end === i + 1 && m[4] !== undefined) {
        candidates.push([segs, `key given twice with the same value ${show(value)}`, at([`${pad}${keyText}:${m[4]}`])]);
        const other = otherScalar(value);
        const otherText = toYaml({ k: other }).trimEnd().slice(2);
        candidates.push([segs, `key given twice: ${show(value)}, then ${show(other)}`, at([`${pad}${keyText}:${otherText}`])]);
      } else {
        const block = lines.slice(i + 1, end);
        candidates.push([segs, 'key given twice with the same block', at([`${pad}${keyText}:${m[4] ?? ''}`, ...block])]);
      }
    });
    for (const [segs, what, mutated] of rng.sample(candidates, 32)) c.addText('duplicate-keys', base, segs, what, mutated);
  }
}

// ---- misplaced-fields ------------------------------------------------------------------------

/** Moves the field at `from` into the object at `toParent` (created when its parent exists), under `key`. */
function moveField(obj, from, toParent, key = from[from.length - 1]) {
  const value = getAt(obj, from);
  if (value === undefined) return false;
  let target = getAt(obj, toParent);
  if (target === undefined) {
    const holder = getAt(obj, toParent.slice(0, -1));
    if (!isObj(holder)) return false;
    target = holder[toParent[toParent.length - 1]] = {};
  }
  if (!isObj(target) || key in target) return false;
  deleteAt(obj, from);
  target[key] = value;
  return true;
}

function misplaced(c, rng) {
  const move = (base, from, toParent, note = '', key) => {
    c.mutate('misplaced-fields', base, obj => moveField(obj, from, toParent, key) && { path: from, what: `moved to ${formatPath([...toParent, key ?? from[from.length - 1]])}${note}` });
  };
  const CONTAINER_FIELDS = ['image', 'ports', 'env', 'envFrom', 'resources', 'command', 'args', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe', 'imagePullPolicy', 'securityContext', 'workingDir', 'lifecycle'];
  const POD_FIELDS = ['nodeSelector', 'volumes', 'restartPolicy', 'serviceAccountName', 'tolerations', 'hostNetwork', 'terminationGracePeriodSeconds', 'dnsPolicy', 'securityContext', 'affinity', 'imagePullSecrets', 'activeDeadlineSeconds', 'priorityClassName', 'topologySpreadConstraints', 'automountServiceAccountToken', 'enableServiceLinks', 'hostPID'];
  for (const base of POD_BASES) {
    const pod = getAt(base.object, base.pod);
    for (const [list, i, ctr] of containersOf(pod)) {
      const at = [...base.pod, list, i];
      for (const f of CONTAINER_FIELDS) if (ctr[f] !== undefined) move(base, [...at, f], base.pod, ' (a container field at pod level)');
      for (const kind of ['limits', 'requests']) if (ctr.resources?.[kind]) move(base, [...at, 'resources', kind], at, ' (one level up)');
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        for (const h of ['httpGet', 'tcpSocket', 'grpc', 'exec']) {
          for (const f of Object.keys(ctr[probe]?.[h] ?? {})) move(base, [...at, probe, h, f], [...at, probe], ' (out of its handler)');
        }
      }
      (ctr.ports ?? []).forEach((p, j) => { if (j === 0) move(base, [...at, 'ports', j, 'containerPort'], at, ' (out of its port)'); });
      (ctr.env ?? []).forEach((e, j) => {
        for (const src of Object.keys(e.valueFrom ?? {})) move(base, [...at, 'env', j, 'valueFrom', src], [...at, 'env', j], ' (without valueFrom)');
      });
      (ctr.volumeMounts ?? []).forEach((m, j) => {
        const v = (pod.volumes ?? []).findIndex(x => x.name === m.name);
        if (m.readOnly !== undefined && v >= 0) move(base, [...at, 'volumeMounts', j, 'readOnly'], [...base.pod, 'volumes', v], ' (from the mount to the volume)');
      });
      for (const f of Object.keys(ctr.securityContext ?? {})) {
        move(base, [...at, 'securityContext', f], at, ' (out of securityContext)');
        move(base, [...at, 'securityContext', f], [...base.pod, 'securityContext'], " (to the pod's securityContext)");
      }
      if (i === 0 && list === 'containers') {
        for (const f of POD_FIELDS) if (pod[f] !== undefined) move(base, [...base.pod, f], at, ' (a pod field in a container)');
        for (const f of Object.keys(pod.securityContext ?? {})) move(base, [...base.pod, 'securityContext', f], [...at, 'securityContext'], " (to the container's securityContext)");
      }
    }
    (pod.volumes ?? []).forEach((v, j) => {
      const src = Object.keys(v).find(k => k !== 'name');
      for (const f of Object.keys(isObj(v[src]) ? v[src] : {})) move(base, [...base.pod, 'volumes', j, src, f], [...base.pod, 'volumes', j], ' (out of the volume source)');
    });
    if (base.pod.length > 1) {
      // A pod template's fields one or two levels off.
      const tpl = base.pod.slice(0, -1);
      const owner = tpl.slice(0, -1);
      move(base, [...base.pod, 'containers'], owner, ' (the containers of the pod template at the workload spec)');
      move(base, [...base.pod, 'containers'], tpl, ' (beside the pod spec)');
      move(base, [...base.podMeta, 'labels'], tpl, ' (template.labels instead of template.metadata.labels)');
      move(base, [...base.podMeta, 'labels'], owner, ' (at the workload spec)');
      move(base, [...base.podMeta, 'labels'], base.pod, ' (in the pod spec)');
      if (base.selector) {
        move(base, base.selector, tpl, ' (the selector in the pod template)');
        move(base, base.selector, ['metadata'], ' (the selector in metadata)');
      }
      for (const f of ['replicas', 'minReadySeconds', 'serviceName', 'backoffLimit', 'completions', 'parallelism', 'revisionHistoryLimit']) {
        if (getAt(base.object, [...owner, f]) !== undefined) {
          move(base, [...owner, f], base.pod, ' (into the pod spec)');
          move(base, [...owner, f], ['metadata'], ' (into metadata)');
          move(base, [...owner, f], [], ' (to the top level)');
        }
      }
    }
    move(base, [...base.pod, 'containers'], [], ' (to the top level)');
    move(base, [...base.pod, 'containers'], ['metadata'], ' (into metadata)');
  }
  for (const base of BASES) {
    const o = base.object;
    for (const f of Object.keys(o.metadata)) {
      move(base, ['metadata', f], [], ' (a metadata field at the top level)');
      if (o.spec) move(base, ['metadata', f], ['spec'], ' (a metadata field in spec)');
    }
    for (const f of Object.keys(o.spec ?? {})) move(base, ['spec', f], [], ' (a spec field at the top level)');
    for (const f of ['data', 'stringData', 'binaryData', 'type', 'automountServiceAccountToken', 'imagePullSecrets']) {
      if (o[f] !== undefined) {
        move(base, [f], ['metadata'], ' (into metadata)');
        move(base, [f], ['spec'], ' (into a spec the kind does not have)');
      }
    }
    move(base, ['kind'], ['metadata'], ' (into metadata)');
    move(base, ['apiVersion'], ['metadata'], ' (into metadata)');
  }
  // Kind-specific slips.
  const by = (name) => BASE_BY_NAME.get(name);
  move(by('service-clusterip'), ['spec', 'ports', 0, 'targetPort'], ['spec']);
  move(by('service-clusterip'), ['spec', 'selector'], ['metadata']);
  move(by('service-clusterip'), ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], ['spec', 'sessionAffinityConfig']);
  move(by('service-nodeport'), ['spec', 'ports', 0, 'nodePort'], ['spec']);
  move(by('service-nodeport'), ['spec', 'type'], ['metadata']);
  move(by('service-headless'), ['spec', 'clusterIP'], ['spec', 'ports', 0]);
  move(by('ingress-web'), ['spec', 'tls'], ['spec', 'rules', 0]);
  move(by('ingress-web'), ['spec', 'rules', 0, 'host'], ['spec', 'rules', 0, 'http']);
  move(by('ingress-web'), ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service'], ['spec', 'rules', 0, 'http', 'paths', 0], ' (without backend)');
  move(by('ingress-web'), ['spec', 'rules', 0, 'http', 'paths'], ['spec', 'rules', 0], ' (without http)');
  move(by('ingress-web'), ['spec', 'rules', 1, 'http', 'paths', 0, 'backend', 'service', 'port', 'number'], ['spec', 'rules', 1, 'http', 'paths', 0, 'backend', 'service'], '', 'port');
  move(by('pvc-data'), ['spec', 'resources', 'requests', 'storage'], ['spec', 'resources']);
  move(by('pvc-data'), ['spec', 'accessModes'], ['spec', 'resources']);
  move(by('statefulset-db'), ['spec', 'volumeClaimTemplates'], ['spec', 'template', 'spec']);
  move(by('statefulset-db'), ['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'], ['spec', 'volumeClaimTemplates', 0, 'spec']);
  move(by('statefulset-db'), ['spec', 'volumeClaimTemplates', 0, 'metadata', 'name'], ['spec', 'volumeClaimTemplates', 0]);
  move(by('cronjob-report'), ['spec', 'schedule'], ['spec', 'jobTemplate', 'spec']);
  move(by('cronjob-report'), ['spec', 'jobTemplate', 'spec', 'backoffLimit'], ['spec']);
  move(by('cronjob-report'), ['spec', 'jobTemplate', 'spec', 'template'], ['spec']);
  move(by('job-indexed'), ['spec', 'podFailurePolicy'], ['spec', 'template', 'spec']);
  move(by('job-indexed'), ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'values'], ['spec', 'podFailurePolicy', 'rules', 0]);
  move(by('deployment-api'), ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], ['spec', 'strategy']);
  move(by('deployment-api'), ['spec', 'strategy', 'rollingUpdate'], ['spec']);
  move(by('daemonset-agent'), ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], ['spec', 'updateStrategy']);
  // Fields of another kind: what a copy-paste from a neighbouring manifest brings along.
  const borrow = (name, at, value, note) => c.mutate('misplaced-fields', by(name), obj => {
    if (getAt(obj, at) !== undefined || !isObj(getAt(obj, at.slice(0, -1)))) return undefined;
    setAt(obj, at, value);
    return { path: at, what: `added ${show(value)}: ${note}` };
  });
  borrow('daemonset-agent', ['spec', 'replicas'], 3, 'a DaemonSet has no replicas');
  borrow('daemonset-agent', ['spec', 'strategy'], { type: 'RollingUpdate' }, "a Deployment's strategy (a DaemonSet has updateStrategy)");
  borrow('deployment-api', ['spec', 'updateStrategy'], { type: 'RollingUpdate' }, "a StatefulSet's updateStrategy (a Deployment has strategy)");
  borrow('deployment-api', ['spec', 'serviceName'], 'orders-api', "a StatefulSet's serviceName");
  borrow('deployment-api', ['spec', 'volumeClaimTemplates'], clone(by('statefulset-db').object.spec.volumeClaimTemplates), "a StatefulSet's volumeClaimTemplates");
  borrow('statefulset-db', ['spec', 'strategy'], { type: 'Recreate' }, "a Deployment's strategy (a StatefulSet has updateStrategy)");
  borrow('statefulset-db', ['spec', 'progressDeadlineSeconds'], 600, "a Deployment's progressDeadlineSeconds");
  borrow('replicaset-frontend', ['spec', 'strategy'], { type: 'Recreate' }, 'a ReplicaSet has no strategy');
  borrow('job-indexed', ['spec', 'schedule'], '0 * * * *', "a CronJob's schedule in a Job");
  borrow('job-indexed', ['spec', 'replicas'], 3, 'a Job has completions and parallelism, not replicas');
  borrow('cronjob-report', ['spec', 'completions'], 1, "a Job's completions in the CronJob spec");
  borrow('cronjob-report', ['spec', 'template'], clone(by('cronjob-report').object.spec.jobTemplate.spec.template), 'the pod template directly in the CronJob spec');
  borrow('pod-web', ['spec', 'replicas'], 2, 'a Pod has no replicas');
  borrow('pod-web', ['spec', 'selector'], { matchLabels: { tier: 'web' } }, 'a Pod has no selector');
  borrow('pod-batch', ['spec', 'backoffLimit'], 3, "a Job's backoffLimit in a Pod");
  borrow('service-clusterip', ['spec', 'containers'], [{ name: 'api', image: 'nginx:1.25' }], 'containers in a Service');
  borrow('service-headless', ['spec', 'serviceName'], 'postgres', "a StatefulSet's serviceName in a Service");
  borrow('configmap-app', ['spec'], { data: { LOG_LEVEL: 'debug' } }, 'a ConfigMap has no spec');
  borrow('secret-db', ['spec'], { type: 'Opaque' }, 'a Secret has no spec');
  borrow('serviceaccount-app', ['spec'], { automountServiceAccountToken: true }, 'a ServiceAccount has no spec');
  borrow('pvc-data', ['spec', 'capacity'], { storage: '5Gi' }, "a PersistentVolume's capacity");
  borrow('ingress-web', ['spec', 'ports'], [{ port: 443 }], "a Service's ports in an Ingress");
  // And any field, one level up or one level down, chosen by the PRNG.
  for (const base of BASES) {
    const nodes = [];
    forEachNode(base, (segs) => {
      if (segs.length >= 2 && isObj(getAt(base.object, segs.slice(0, -1))) && typeof segs[segs.length - 1] === 'string') nodes.push(segs);
    });
    for (const segs of rng.sample(nodes, 14)) {
      let up = segs.slice(0, -2);
      while (up.length > 0 && !isObj(getAt(base.object, up))) up = up.slice(0, -1);
      if (rng.chance(0.5)) move(base, segs, up, ' (one level up)');
      else {
        const parent = segs.slice(0, -1);
        const siblings = Object.keys(getAt(base.object, parent)).filter(k => k !== segs[segs.length - 1] && isObj(getAt(base.object, [...parent, k])));
        if (siblings.length > 0) move(base, segs, [...parent, rng.pick(siblings)], ' (into a sibling)');
      }
    }
  }
}

// ---- cross-field -----------------------------------------------------------------------------

/** A change of a pod spec: (spec, base, at) => what it did (with `path` relative to the pod spec), or undefined. */
const POD_CONFLICTS = [
  (s) => {
    const cs = containersOf(s);
    if (cs.length < 2) {
      s.containers.push({ name: s.containers[0].name, image: 'busybox:1.36', command: ['sleep', 'infinity'] });
      return { path: ['containers', s.containers.length - 1, 'name'], what: `added a container named ${show(s.containers[0].name)} like the first` };
    }
    const [[l0, i0, c0], [l1, i1, c1]] = cs;
    const was = c1.name;
    c1.name = c0.name;
    for (const [, value] of nodesOf(s)) if (isObj(value) && value.containerName === was) value.containerName = c0.name;
    return { path: [l1, i1, 'name'], what: `${show(was)} -> ${show(c0.name)}, the name of ${l0}[${i0}]` };
  },
  (s) => {
    if (!s.volumes || s.volumes.length < 2) return undefined;
    const was = s.volumes[1].name;
    s.volumes[1].name = s.volumes[0].name;
    return { path: ['volumes', 1, 'name'], what: `${show(was)} -> ${show(s.volumes[0].name)}: two volumes with one name` };
  },
  (s, base, rng) => {
    const cs = containersOf(s).filter(([, , c]) => c.volumeMounts?.length);
    if (cs.length === 0) return undefined;
    const [l, i, c] = rng.pick(cs);
    const j = rng.int(0, c.volumeMounts.length - 1);
    const was = c.volumeMounts[j].name;
    c.volumeMounts[j].name = `${was}-vol`;
    return { path: [l, i, 'volumeMounts', j, 'name'], what: `${show(was)} -> ${show(`${was}-vol`)}: mounts a volume the pod does not declare` };
  },
  (s) => {
    const cs = containersOf(s);
    const [l, i, c] = cs[cs.length - 1];
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'scratch', mountPath: '/scratch' }];
    return { path: [l, i, 'volumeMounts', c.volumeMounts.length - 1], what: "added a mount of volume 'scratch', which the pod does not declare" };
  },
  ...['cpu', 'memory'].flatMap(r => [
    (s) => {
      const hit = containersOf(s).find(([, , c]) => c.resources?.requests?.[r] !== undefined && c.resources?.limits?.[r] !== undefined);
      if (!hit) return undefined;
      const [l, i, c] = hit;
      const was = c.resources.limits[r];
      c.resources.limits[r] = r === 'cpu' ? '5m' : '8Mi';
      return { path: [l, i, 'resources', 'limits', r], what: `limit ${show(was)} -> ${show(c.resources.limits[r])}, below the request ${show(c.resources.requests[r])}` };
    },
    (s) => {
      const hit = containersOf(s).find(([, , c]) => c.resources?.limits?.[r] !== undefined);
      if (!hit) return undefined;
      const [l, i, c] = hit;
      const was = c.resources.requests?.[r];
      c.resources.requests = { ...(c.resources.requests ?? {}), [r]: r === 'cpu' ? '64' : '64Gi' };
      return { path: [l, i, 'resources', 'requests', r], what: `request ${show(was)} -> ${show(c.resources.requests[r])}, above the limit ${show(c.resources.limits[r])}` };
    },
    (s) => {
      const hit = containersOf(s).find(([, , c]) => c.resources?.requests?.[r] !== undefined && c.resources?.limits?.[r] === undefined);
      if (!hit) return undefined;
      const [l, i, c] = hit;
      c.resources.limits = { ...(c.resources.limits ?? {}), [r]: r === 'cpu' ? '1m' : '1Mi' };
      return { path: [l, i, 'resources', 'limits', r], what: `added a ${r} limit ${show(c.resources.limits[r])} below the request ${show(c.resources.requests[r])}` };
    },
  ]),
  (s, base) => {
    const kind = base.object.kind;
    if (kind === 'Pod') return undefined;
    const was = s.restartPolicy;
    s.restartPolicy = kind === 'Job' || kind === 'CronJob' ? 'Always' : 'OnFailure';
    return { path: ['restartPolicy'], what: `${show(was)} -> ${show(s.restartPolicy)}: not allowed in a ${kind}` };
  },
  (s, base) => {
    if (!['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(base.object.kind)) return undefined;
    s.restartPolicy = 'Never';
    return { path: ['restartPolicy'], what: `added restartPolicy 'Never' in a ${base.object.kind}` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.ports ?? []).filter(p => p.name).length >= 2);
    if (hit) {
      const [l, i, c] = hit;
      const named = c.ports.map((p, j) => [p, j]).filter(([p]) => p.name);
      const was = named[1][0].name;
      named[1][0].name = named[0][0].name;
      return { path: [l, i, 'ports', named[1][1], 'name'], what: `${show(was)} -> ${show(named[0][0].name)}: two ports with one name` };
    }
    const one = containersOf(s).find(([, , c]) => (c.ports ?? []).some(p => p.name));
    if (!one) return undefined;
    const [l, i, c] = one;
    const p = c.ports.find(x => x.name);
    c.ports.push({ name: p.name, containerPort: p.containerPort + 1 });
    return { path: [l, i, 'ports', c.ports.length - 1], what: `added port ${p.containerPort + 1} named ${show(p.name)} like port ${p.containerPort}` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.ports ?? []).length >= 1);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const p = c.ports[0];
    c.ports.push({ containerPort: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.hostPort ? { hostPort: p.hostPort } : {}) });
    return { path: [l, i, 'ports', c.ports.length - 1], what: `declared containerPort ${p.containerPort} a second time in one container` };
  },
  (s) => {
    const cs = containersOf(s).filter(([l, , c]) => l === 'containers' && c.ports?.length);
    if (cs.length >= 2) {
      const [[, , c0], [l, i, c1]] = cs;
      const was = c1.ports[0].containerPort;
      c1.ports[0].containerPort = c0.ports[0].containerPort;
      return { path: [l, i, 'ports', 0, 'containerPort'], what: `${was} -> ${c0.ports[0].containerPort}: two containers on one port` };
    }
    if (cs.length === 0) return undefined;
    const port = cs[0][2].ports[0].containerPort;
    s.containers.push({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ containerPort: port }] });
    return { path: ['containers', s.containers.length - 1, 'ports', 0, 'containerPort'], what: `added a container 'proxy' on port ${port}, which the first container uses` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.ports ?? []).some(p => p.hostPort));
    if (hit) {
      const [l, i, c] = hit;
      const p = c.ports.find(x => x.hostPort);
      c.ports.push({ name: 'extra', containerPort: p.containerPort + 1, hostPort: p.hostPort });
      return { path: [l, i, 'ports', c.ports.length - 1, 'hostPort'], what: `added a port with hostPort ${p.hostPort}, which another port binds` };
    }
    const two = containersOf(s).filter(([, , c]) => c.ports?.length);
    if (two.length < 2) return undefined;
    two[0][2].ports[0].hostPort = 8000;
    two[1][2].ports[0].hostPort = 8000;
    return { path: [two[1][0], two[1][1], 'ports', 0, 'hostPort'], what: 'hostPort 8000 on ports of two containers' };
  },
  (s) => {
    if (s.hostNetwork !== true) return undefined;
    const hit = containersOf(s).find(([, , c]) => (c.ports ?? []).some(p => p.hostPort));
    const [l, i, c] = hit;
    const j = c.ports.findIndex(p => p.hostPort);
    c.ports[j].hostPort += 1;
    return { path: [l, i, 'ports', j, 'hostPort'], what: `hostPort ${c.ports[j].hostPort} differs from containerPort ${c.ports[j].containerPort} with hostNetwork` };
  },
  (s) => {
    if (s.hostNetwork === true) return undefined;
    s.hostNetwork = true;
    return { path: ['hostNetwork'], what: 'added hostNetwork: true (ports then bind the node, dnsPolicy as before)' };
  },
  (s) => {
    if (s.hostNetwork === true) return undefined;
    const hit = containersOf(s).find(([, , c]) => c.ports?.length);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    s.hostNetwork = true;
    c.ports[0].hostPort = c.ports[0].containerPort + 10000;
    return { path: [l, i, 'ports', 0, 'hostPort'], what: `added hostNetwork: true and hostPort ${c.ports[0].hostPort} != containerPort ${c.ports[0].containerPort}` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.env ?? []).some(e => e.valueFrom));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const j = c.env.findIndex(e => e.valueFrom);
    c.env[j].value = 'fallback';
    return { path: [l, i, 'env', j, 'value'], what: `added value 'fallback' to env ${show(c.env[j].name)}, which has valueFrom` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.env ?? []).some(e => e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef || e.valueFrom?.fieldRef));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const j = c.env.findIndex(e => e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef || e.valueFrom?.fieldRef);
    const vf = c.env[j].valueFrom;
    if (vf.secretKeyRef) vf.configMapKeyRef = { name: 'app-config', key: 'value' };
    else vf.secretKeyRef = { name: 'app-secrets', key: 'value' };
    return { path: [l, i, 'env', j, 'valueFrom'], what: 'a second source in valueFrom' };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.env ?? []).some(e => e.value !== undefined));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const j = c.env.findIndex(e => e.value !== undefined);
    c.env[j].valueFrom = { fieldRef: { fieldPath: 'metadata.name' } };
    return { path: [l, i, 'env', j, 'valueFrom'], what: `added valueFrom to env ${show(c.env[j].name)}, which has value` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => c.env?.length);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    c.env.push({ name: c.env[0].name, value: 'override' });
    return { path: [l, i, 'env', c.env.length - 1, 'name'], what: `env ${show(c.env[0].name)} defined twice` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => c.env?.length);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const last = c.env[c.env.length - 1].name;
    c.env.unshift({ name: 'DERIVED', value: `prefix-$(${last})` });
    return { path: [l, i, 'env', 0, 'value'], what: `added env DERIVED first, using $(${last}), which is defined later` };
  },
  ...['livenessProbe', 'readinessProbe', 'startupProbe'].map(probe => (s) => {
    const hit = containersOf(s).find(([, , c]) => c[probe]);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const p = c[probe];
    if (p.tcpSocket) p.exec = { command: ['true'] };
    else p.tcpSocket = { port: c.ports?.[0]?.containerPort ?? 8080 };
    return { path: [l, i, probe], what: 'a second handler in one probe' };
  }),
  ...['httpGet', 'tcpSocket'].map(h => (s) => {
    const hit = containersOf(s).find(([, , c]) => ['livenessProbe', 'readinessProbe', 'startupProbe'].some(p => typeof c[p]?.[h]?.port === 'string'));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const probe = ['livenessProbe', 'readinessProbe', 'startupProbe'].find(p => typeof c[p]?.[h]?.port === 'string');
    const was = c[probe][h].port;
    c[probe][h].port = 'admin';
    return { path: [l, i, probe, h, 'port'], what: `${show(was)} -> 'admin', a port name the container does not declare` };
  }),
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.volumeMounts ?? []).some(m => m.subPath));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const j = c.volumeMounts.findIndex(m => m.subPath);
    c.volumeMounts[j].subPathExpr = '$(POD_NAME)';
    return { path: [l, i, 'volumeMounts', j, 'subPathExpr'], what: 'added subPathExpr beside subPath' };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.volumeMounts ?? []).length >= 2);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const was = c.volumeMounts[1].mountPath;
    c.volumeMounts[1].mountPath = c.volumeMounts[0].mountPath;
    return { path: [l, i, 'volumeMounts', 1, 'mountPath'], what: `${show(was)} -> ${show(c.volumeMounts[0].mountPath)}: two mounts at one path` };
  },
  (s) => {
    const j = (s.volumes ?? []).findIndex(v => !v.emptyDir);
    if (j < 0) return undefined;
    s.volumes[j].emptyDir = {};
    return { path: ['volumes', j, 'emptyDir'], what: 'a second volume source (emptyDir)' };
  },
  (s) => {
    const j = (s.tolerations ?? []).findIndex(t => t.tolerationSeconds !== undefined);
    if (j >= 0) {
      s.tolerations[j].effect = 'NoSchedule';
      return { path: ['tolerations', j, 'effect'], what: "effect 'NoExecute' -> 'NoSchedule' with tolerationSeconds" };
    }
    if (!s.tolerations?.length) return undefined;
    s.tolerations[0].tolerationSeconds = 300;
    return { path: ['tolerations', 0, 'tolerationSeconds'], what: `added tolerationSeconds with effect ${show(s.tolerations[0].effect)}` };
  },
  (s) => {
    const j = (s.tolerations ?? []).findIndex(t => t.operator === 'Exists');
    if (j < 0) return undefined;
    s.tolerations[j].value = 'true';
    return { path: ['tolerations', j, 'value'], what: "added value 'true' with operator Exists" };
  },
  (s) => {
    const j = (s.tolerations ?? []).findIndex(t => t.key !== undefined && t.operator !== 'Exists');
    if (j < 0) return undefined;
    delete s.tolerations[j].key;
    return { path: ['tolerations', j, 'key'], what: 'removed the key of an Equal toleration' };
  },
  (s) => {
    s.tolerations = [...(s.tolerations ?? []), { key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -5 }];
    return { path: ['tolerations', s.tolerations.length - 1, 'tolerationSeconds'], what: 'added a toleration with tolerationSeconds -5 (evict at once)' };
  },
  (s) => {
    const name = s.serviceAccountName ?? 'default';
    s.serviceAccount = `${name}-legacy`;
    return { path: ['serviceAccount'], what: `added the deprecated serviceAccount ${show(s.serviceAccount)}, which disagrees with serviceAccountName` };
  },
  (s) => {
    const was = s.dnsPolicy;
    s.dnsPolicy = 'None';
    return { path: ['dnsPolicy'], what: `${show(was)} -> 'None' without dnsConfig` };
  },
  (s) => {
    s.dnsPolicy = 'None';
    s.dnsConfig = { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] };
    return { path: ['dnsConfig'], what: "dnsPolicy 'None' with a dnsConfig (valid)" };
  },
  ...['readinessProbe', 'lifecycle'].map(field => (s) => {
    const value = field === 'lifecycle' ? { postStart: { exec: { command: ['true'] } } } : { exec: { command: ['true'] } };
    if (s.initContainers?.length) {
      s.initContainers[0][field] = value;
      return { path: ['initContainers', 0, field], what: `added ${field} to an init container` };
    }
    s.initContainers = [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'], [field]: value }];
    return { path: ['initContainers', 0, field], what: `added an init container with ${field}` };
  }),
  (s) => {
    if (s.initContainers?.length) {
      s.initContainers[0].restartPolicy = 'Always';
      return { path: ['initContainers', 0, 'restartPolicy'], what: "init container restartPolicy 'Always': a native sidecar (gated in 1.28)" };
    }
    s.initContainers = [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' }];
    return { path: ['initContainers', 0, 'restartPolicy'], what: "added a native sidecar: an init container with restartPolicy 'Always' (gated in 1.28)" };
  },
  (s) => {
    const [l, i, c] = containersOf(s).find(([list]) => list === 'containers');
    c.restartPolicy = 'Always';
    return { path: [l, i, 'restartPolicy'], what: "restartPolicy 'Always' on a regular container" };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => c.securityContext?.allowPrivilegeEscalation === false);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    c.securityContext.privileged = true;
    return { path: [l, i, 'securityContext', 'privileged'], what: 'privileged: true with allowPrivilegeEscalation: false' };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => c.securityContext?.allowPrivilegeEscalation === false);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    c.securityContext.capabilities = { ...(c.securityContext.capabilities ?? {}), add: ['SYS_ADMIN'] };
    return { path: [l, i, 'securityContext', 'capabilities', 'add'], what: 'capability SYS_ADMIN with allowPrivilegeEscalation: false' };
  },
  (s) => {
    const [l, i, c] = containersOf(s).find(([list]) => list === 'containers');
    c.securityContext = { ...(c.securityContext ?? {}), runAsNonRoot: true, runAsUser: 0 };
    return { path: [l, i, 'securityContext', 'runAsUser'], what: 'runAsUser 0 with runAsNonRoot: true' };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.volumeMounts ?? []).length > 0);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    c.volumeMounts[0].mountPropagation = 'Bidirectional';
    return { path: [l, i, 'volumeMounts', 0, 'mountPropagation'], what: 'mountPropagation Bidirectional in a container that is not privileged' };
  },
  (s) => {
    s.shareProcessNamespace = true;
    s.hostPID = true;
    return { path: ['shareProcessNamespace'], what: 'shareProcessNamespace with hostPID' };
  },
  (s) => {
    if (!s.topologySpreadConstraints?.length) return undefined;
    s.topologySpreadConstraints.push(clone(s.topologySpreadConstraints[0]));
    return { path: ['topologySpreadConstraints', 1], what: 'the same topologyKey and whenUnsatisfiable twice' };
  },
  (s) => {
    const j = (s.volumes ?? []).findIndex(v => v.projected);
    if (j < 0) return undefined;
    s.volumes[j].projected.sources.push({ secret: { name: 'extra', items: [{ key: 'token', path: s.volumes[j].projected.sources[0].serviceAccountToken.path }] } });
    return { path: ['volumes', j, 'projected', 'sources', s.volumes[j].projected.sources.length - 1], what: 'a projected source writing a path another source writes' };
  },
  (s) => {
    const j = (s.volumes ?? []).findIndex(v => v.downwardAPI);
    if (j < 0) return undefined;
    s.volumes[j].downwardAPI.items[0].resourceFieldRef = { containerName: s.containers[0].name, resource: 'limits.memory' };
    return { path: ['volumes', j, 'downwardAPI', 'items', 0], what: 'fieldRef and resourceFieldRef in one downwardAPI file' };
  },
  (s) => {
    const j = (s.volumes ?? []).findIndex(v => v.downwardAPI);
    if (j < 0) return undefined;
    s.volumes[j].downwardAPI.items[1].resourceFieldRef.containerName = 'sidecar';
    return { path: ['volumes', j, 'downwardAPI', 'items', 1, 'resourceFieldRef', 'containerName'], what: "resourceFieldRef of container 'sidecar', which the pod does not have" };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => (c.env ?? []).some(e => e.valueFrom?.resourceFieldRef));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const j = c.env.findIndex(e => e.valueFrom?.resourceFieldRef);
    const other = s.containers.find(x => x.name !== c.name);
    if (!other) return undefined;
    c.env[j].valueFrom.resourceFieldRef.containerName = other.name;
    return { path: [l, i, 'env', j, 'valueFrom', 'resourceFieldRef', 'containerName'], what: `resourceFieldRef of another container ${show(other.name)}` };
  },
  (s) => {
    const j = (s.volumes ?? []).findIndex(v => v.configMap?.items?.length);
    if (j < 0) return undefined;
    const items = s.volumes[j].configMap.items;
    items.push({ key: 'other.conf', path: items[0].path });
    return { path: ['volumes', j, 'configMap', 'items', items.length - 1, 'path'], what: 'two items of one configMap volume at one path' };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => Object.keys(c.resources?.limits ?? {}).some(k => k.includes('/')));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const k = Object.keys(c.resources.limits).find(x => x.includes('/'));
    c.resources.requests = { ...c.resources.requests, [k]: 1 };
    return { path: [l, i, 'resources', 'requests', k], what: `${k} request 1 differs from its limit ${show(c.resources.limits[k])}` };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => Object.keys(c.resources?.limits ?? {}).some(k => k.includes('/')));
    if (!hit) return undefined;
    const [l, i, c] = hit;
    const k = Object.keys(c.resources.limits).find(x => x.includes('/'));
    c.resources.limits[k] = '1500m';
    return { path: [l, i, 'resources', 'limits', k], what: `${k} limit 1500m: a fraction of an extended resource` };
  },
  (s) => {
    const [l, i, c] = containersOf(s).find(([list]) => list === 'containers');
    c.resources = { ...(c.resources ?? {}), limits: { ...(c.resources?.limits ?? {}), 'hugepages-2Mi': '128Mi' } };
    return { path: [l, i, 'resources', 'limits', 'hugepages-2Mi'], what: 'a hugepages-2Mi limit without a memory or cpu request' + (c.resources.requests?.memory ? ' (memory requested)' : '') };
  },
  (s, base) => {
    if (!['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'].includes(base.object.kind)) return undefined;
    s.activeDeadlineSeconds = 600;
    return { path: ['activeDeadlineSeconds'], what: `activeDeadlineSeconds in a ${base.object.kind} pod template` };
  },
  (s, base) => {
    if (base.object.kind !== 'StatefulSet') return undefined;
    s.volumes.push({ name: 'data', emptyDir: {} });
    return { path: ['volumes', s.volumes.length - 1, 'name'], what: "a volume 'data' with the name of a volumeClaimTemplate" };
  },
  (s) => {
    if (!s.securityContext?.sysctls) return undefined;
    s.hostNetwork = true;
    return { path: ['hostNetwork'], what: 'hostNetwork with a net.* sysctl' };
  },
  (s) => {
    s.hostname = 'web-0';
    s.subdomain = 'Web_Pods';
    return { path: ['subdomain'], what: "hostname with a subdomain 'Web_Pods' that is no DNS label" };
  },
  (s) => {
    const hit = containersOf(s).find(([, , c]) => c.livenessProbe);
    if (!hit) return undefined;
    const [l, i, c] = hit;
    c.livenessProbe.successThreshold = 1;
    c.livenessProbe.timeoutSeconds = 30;
    c.livenessProbe.periodSeconds = 10;
    return { path: [l, i, 'livenessProbe', 'timeoutSeconds'], what: 'timeoutSeconds 30 longer than periodSeconds 10 (valid)' };
  },
];

/** Cross-field conflicts of one object: [base, change(obj) => { path, what }]. */
const OBJECT_CONFLICTS = [
  ...WORKLOADS.flatMap(b => [
    [b.name, (o) => {
      const ml = getAt(o, [...b.selector, 'matchLabels']);
      const k = Object.keys(ml)[0];
      const was = ml[k];
      ml[k] = `${was}-canary`;
      return { path: [...b.selector, 'matchLabels', k], what: `${show(was)} -> ${show(ml[k])}: the selector no longer matches the template labels` };
    }],
    [b.name, (o) => {
      const labels = getAt(o, [...b.podMeta, 'labels']);
      const k = Object.keys(getAt(o, [...b.selector, 'matchLabels']))[0];
      const was = labels[k];
      labels[k] = `${was}-v2`;
      return { path: [...b.podMeta, 'labels', k], what: `${show(was)} -> ${show(labels[k])}: the template labels no longer match the selector` };
    }],
    [b.name, (o) => {
      const labels = getAt(o, [...b.podMeta, 'labels']);
      const k = Object.keys(getAt(o, [...b.selector, 'matchLabels']))[0];
      delete labels[k];
      if (Object.keys(labels).length === 0) labels.release = 'stable';
      return { path: [...b.podMeta, 'labels', k], what: 'removed the template label the selector matches' };
    }],
    [b.name, (o) => {
      getAt(o, [...b.selector, 'matchLabels']).track = 'stable';
      return { path: [...b.selector, 'matchLabels', 'track'], what: "added selector label track=stable, which the template does not have" };
    }],
    [b.name, (o) => {
      getAt(o, [...b.podMeta, 'labels']).track = 'stable';
      return { path: [...b.podMeta, 'labels', 'track'], what: 'added a template label the selector does not use (valid)' };
    }],
    [b.name, (o) => {
      const sel = getAt(o, b.selector);
      sel.matchExpressions = [...(sel.matchExpressions ?? []), { key: 'env', operator: 'In', values: ['prod'] }];
      return { path: [...b.selector, 'matchExpressions'], what: 'a matchExpression on a label the template does not have' };
    }],
    [b.name, (o) => {
      const sel = getAt(o, b.selector);
      sel.matchExpressions = [...(sel.matchExpressions ?? []), { key: 'env', operator: 'Exists', values: ['prod'] }];
      return { path: [...b.selector, 'matchExpressions'], what: 'operator Exists with values' };
    }],
    [b.name, (o) => {
      const sel = getAt(o, b.selector);
      sel.matchExpressions = [...(sel.matchExpressions ?? []), { key: 'env', operator: 'NotIn', values: [] }];
      return { path: [...b.selector, 'matchExpressions'], what: 'operator NotIn without values' };
    }],
  ]),
  ['deployment-api', (o) => (o.spec.strategy = { type: 'Recreate', rollingUpdate: o.spec.strategy.rollingUpdate }, { path: ['spec', 'strategy', 'type'], what: 'Recreate with rollingUpdate' })],
  ['deployment-api', (o) => (o.spec.strategy.rollingUpdate.maxSurge = 0, { path: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], what: 'maxSurge 0 with maxUnavailable 0' })],
  ['deployment-api', (o) => (o.spec.strategy.rollingUpdate.maxSurge = '0%', { path: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], what: "maxSurge '0%' with maxUnavailable 0" })],
  ['deployment-api', (o) => (o.spec.progressDeadlineSeconds = 5, { path: ['spec', 'progressDeadlineSeconds'], what: 'progressDeadlineSeconds 5, not more than minReadySeconds 5' })],
  ['deployment-api', (o) => (o.spec.paused = true, o.spec.replicas = 0, { path: ['spec', 'paused'], what: 'paused with 0 replicas (valid)' })],
  ['statefulset-db', (o) => (o.spec.updateStrategy.type = 'OnDelete', { path: ['spec', 'updateStrategy', 'type'], what: 'OnDelete with rollingUpdate' })],
  ['statefulset-db', (o) => (o.spec.updateStrategy.rollingUpdate.maxUnavailable = 0, { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], what: 'maxUnavailable 0 (MaxUnavailableStatefulSet is alpha)' })],
  ['statefulset-db', (o) => (o.spec.volumeClaimTemplates.push(clone(o.spec.volumeClaimTemplates[0])), { path: ['spec', 'volumeClaimTemplates', 1], what: 'two volumeClaimTemplates named data' })],
  ['statefulset-db', (o) => (o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Keep' }, { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], what: "whenScaled 'Keep' (Retain or Delete)" })],
  ['statefulset-db', (o) => (o.spec.ordinals = { start: -1 }, { path: ['spec', 'ordinals', 'start'], what: 'ordinals.start -1' })],
  ['daemonset-agent', (o) => (o.spec.updateStrategy.rollingUpdate.maxUnavailable = 0, { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], what: 'maxUnavailable 0 with maxSurge 0' })],
  ['daemonset-agent', (o) => (o.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 1 }, { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], what: 'maxSurge 1 with maxUnavailable 0 (valid)' })],
  ['daemonset-agent', (o) => (o.spec.updateStrategy.type = 'OnDelete', { path: ['spec', 'updateStrategy', 'type'], what: 'OnDelete with rollingUpdate' })],
  ['job-indexed', (o) => (delete o.spec.completions, { path: ['spec', 'completions'], what: 'removed completions of an Indexed Job' })],
  ['job-indexed', (o) => (o.spec.parallelism = 20, { path: ['spec', 'parallelism'], what: 'parallelism 20 above completions 10 (valid)' })],
  ['job-indexed', (o) => (o.spec.template.spec.restartPolicy = 'OnFailure', { path: ['spec', 'template', 'spec', 'restartPolicy'], what: "restartPolicy 'OnFailure' with a podFailurePolicy" })],
  ['job-indexed', (o) => (o.spec.podFailurePolicy.rules[0].onExitCodes.containerName = 'renderer', { path: ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'containerName'], what: "containerName 'renderer', which the pod does not have" })],
  ['job-indexed', (o) => (o.spec.podFailurePolicy.rules[0].onPodConditions = [{ type: 'DisruptionTarget' }], { path: ['spec', 'podFailurePolicy', 'rules', 0], what: 'onExitCodes and onPodConditions in one rule' })],
  ['job-indexed', (o) => (o.spec.podFailurePolicy.rules[0].onExitCodes.values = [42, 42], { path: ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'values'], what: 'exit code 42 twice' })],
  ['job-indexed', (o) => (o.spec.podFailurePolicy.rules[0].onExitCodes.values = [43, 42], { path: ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'values'], what: 'exit codes not in order' })],
  ['job-indexed', (o) => (o.spec.manualSelector = true, { path: ['spec', 'manualSelector'], what: 'manualSelector without a selector' })],
  // (Not a selector without manualSelector: the API server's error for it quotes the generated uid, different on every run.)
  ['job-indexed', (o) => (o.spec.manualSelector = true, o.spec.selector = { matchLabels: { app: 'render' } }, { path: ['spec', 'selector'], what: 'manualSelector with a selector the template labels do not match' })],
  ['job-indexed', (o) => (o.spec.completionMode = 'NonIndexed', o.spec.completions = 200000, { path: ['spec', 'completions'], what: 'completions 200000 with NonIndexed (valid)' })],
  ['job-indexed', (o) => (o.spec.suspend = true, { path: ['spec', 'suspend'], what: 'suspended (valid)' })],
  ['cronjob-report', (o) => (o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always', { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'], what: "restartPolicy 'Always' in a CronJob" })],
  ['cronjob-report', (o) => (o.spec.schedule = `TZ=UTC ${o.spec.schedule}`, { path: ['spec', 'schedule'], what: 'a TZ= prefix with timeZone set' })],
  ['cronjob-report', (o) => (o.spec.jobTemplate.spec.selector = { matchLabels: { app: 'nightly-report' } }, { path: ['spec', 'jobTemplate', 'spec', 'selector'], what: 'a selector in the jobTemplate' })],
  ['cronjob-report', (o) => (o.spec.jobTemplate.spec.template.metadata.labels.app = 'other', { path: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels', 'app'], what: 'jobTemplate and pod labels differ (valid)' })],
  ['service-clusterip', (o) => (o.spec.ports[0].nodePort = 30081, { path: ['spec', 'ports', 0, 'nodePort'], what: 'nodePort on a ClusterIP Service' })],
  ['service-clusterip', (o) => (o.spec.ports[1].port = o.spec.ports[0].port, { path: ['spec', 'ports', 1, 'port'], what: 'two ports with port 80 and protocol TCP' })],
  ['service-clusterip', (o) => (o.spec.ports[1].name = o.spec.ports[0].name, { path: ['spec', 'ports', 1, 'name'], what: 'two ports named http' })],
  ['service-clusterip', (o) => (delete o.spec.ports[1].name, { path: ['spec', 'ports', 1, 'name'], what: 'one of two ports without a name' })],
  ['service-clusterip', (o) => (o.spec.externalTrafficPolicy = 'Local', { path: ['spec', 'externalTrafficPolicy'], what: 'externalTrafficPolicy on a ClusterIP Service' })],
  ['service-clusterip', (o) => (o.spec.sessionAffinity = 'None', { path: ['spec', 'sessionAffinity'], what: 'None with sessionAffinityConfig' })],
  ['service-clusterip', (o) => (o.spec.type = 'ExternalName', { path: ['spec', 'type'], what: 'ExternalName without externalName' })],
  ['service-clusterip', (o) => (o.spec.type = 'LoadBalancer', { path: ['spec', 'type'], what: 'LoadBalancer (valid: allocates node ports)' })],
  ['service-clusterip', (o) => (o.spec.ports[1].protocol = 'UDP', o.spec.ports[1].port = 80, { path: ['spec', 'ports', 1, 'protocol'], what: 'port 80 for TCP and UDP (valid)' })],
  ['service-clusterip', (o) => (o.spec.ports[0].targetPort = 'http-web-frontend', { path: ['spec', 'ports', 0, 'targetPort'], what: 'a targetPort name of 17 characters' })],
  ['service-nodeport', (o) => (o.spec.type = 'ClusterIP', { path: ['spec', 'type'], what: "'NodePort' -> 'ClusterIP' with a nodePort and externalTrafficPolicy" })],
  ['service-nodeport', (o) => (o.spec.ports.push({ name: 'https', port: 443, targetPort: 8443, nodePort: 30080 }), { path: ['spec', 'ports', 1, 'nodePort'], what: 'nodePort 30080 twice' })],
  ['service-nodeport', (o) => (o.spec.healthCheckNodePort = 30500, { path: ['spec', 'healthCheckNodePort'], what: 'healthCheckNodePort on a NodePort Service' })],
  ['service-nodeport', (o) => (o.spec.externalTrafficPolicy = 'Cluster', o.spec.internalTrafficPolicy = 'Local', { path: ['spec', 'internalTrafficPolicy'], what: 'internalTrafficPolicy Local (valid)' })],
  ['service-headless', (o) => (o.spec.type = 'NodePort', { path: ['spec', 'type'], what: 'NodePort with clusterIP None' })],
  ['service-headless', (o) => (o.spec.ports = [], { path: ['spec', 'ports'], what: 'a headless Service without ports (valid)' })],
  ['service-headless', (o) => (o.spec.sessionAffinity = 'ClientIP', { path: ['spec', 'sessionAffinity'], what: 'ClientIP on a headless Service' })],
  ['service-headless', (o) => (o.spec.ports[0].targetPort = 0, { path: ['spec', 'ports', 0, 'targetPort'], what: 'targetPort 0' })],
  ['ingress-web', (o) => (o.spec.rules[0].http.paths[0].backend.resource = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' }, { path: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend'], what: 'service and resource in one backend' })],
  ['ingress-web', (o) => (o.spec.rules[1].http.paths[0].backend.service.port.name = 'http', { path: ['spec', 'rules', 1, 'http', 'paths', 0, 'backend', 'service', 'port'], what: 'port number and name' })],
  ['ingress-web', (o) => (delete o.spec.rules, { path: ['spec', 'rules'], what: 'no rules and no defaultBackend' })],
  ['ingress-web', (o) => (o.spec.tls[0].hosts.push('admin.example.com'), { path: ['spec', 'tls', 0, 'hosts', 2], what: 'a TLS host no rule serves (valid)' })],
  ['ingress-web', (o) => (o.spec.rules[1].http.paths.push(clone(o.spec.rules[1].http.paths[0])), { path: ['spec', 'rules', 1, 'http', 'paths', 2], what: 'the same path twice' })],
  ['ingress-web', (o) => (o.spec.rules[1].http.paths[1].pathType = 'Exact', o.spec.rules[1].http.paths[1].path = '/healthz/*', { path: ['spec', 'rules', 1, 'http', 'paths', 1, 'path'], what: "an Exact path with '*'" })],
  ['ingress-web', (o) => (o.spec.defaultBackend = { service: { name: 'web', port: { number: 80 } } }, { path: ['spec', 'defaultBackend'], what: 'a defaultBackend beside the rules (valid)' })],
  ['secret-db', (o) => (o.type = 'kubernetes.io/tls', { path: ['type'], what: "'Opaque' -> 'kubernetes.io/tls' without tls.crt and tls.key" })],
  ['secret-db', (o) => (o.type = 'kubernetes.io/dockerconfigjson', { path: ['type'], what: "'Opaque' -> 'kubernetes.io/dockerconfigjson' without .dockerconfigjson" })],
  ['secret-db', (o) => (o.type = 'kubernetes.io/basic-auth', { path: ['type'], what: "'Opaque' -> 'kubernetes.io/basic-auth' (it has username and password)" })],
  ['secret-db', (o) => (o.type = 'kubernetes.io/service-account-token', { path: ['type'], what: 'a service account token without the service account annotation' })],
  ['secret-db', (o) => (o.stringData.password = 'plain', { path: ['stringData', 'password'], what: 'password in data and in stringData (stringData wins)' })],
  ['secret-db', (o) => (o.data.password = 's3cr3t-pa55', { path: ['data', 'password'], what: 'a value that is not base64 in data' })],
  ['secret-db', (o) => (o.immutable = true, { path: ['immutable'], what: 'immutable (valid)' })],
  ['secret-tls', (o) => (o.data['tls.crt'] = b64('not a certificate'), { path: ['data', 'tls.crt'], what: 'tls.crt that is not PEM' })],
  ['secret-tls', (o) => (o.type = 'kubernetes.io/ssh-auth', { path: ['type'], what: "'kubernetes.io/tls' -> 'kubernetes.io/ssh-auth' without ssh-privatekey" })],
  ['configmap-app', (o) => (o.binaryData.LOG_LEVEL = b64('info'), { path: ['binaryData', 'LOG_LEVEL'], what: 'LOG_LEVEL in data and in binaryData' })],
  ['configmap-app', (o) => (o.binaryData['logo.png'] = 'not base64!', { path: ['binaryData', 'logo.png'], what: 'binaryData that is not base64' })],
  ['pvc-data', (o) => (o.spec.resources.limits = { storage: '1Gi' }, { path: ['spec', 'resources', 'limits', 'storage'], what: 'a storage limit below the request' })],
  ['pvc-data', (o) => (o.spec.accessModes = ['ReadWriteOncePod', 'ReadWriteOnce'], { path: ['spec', 'accessModes'], what: 'ReadWriteOncePod with another access mode' })],
  ['pvc-data', (o) => (o.spec.accessModes = ['ReadWriteMany', 'ReadWriteMany'], { path: ['spec', 'accessModes'], what: 'one access mode twice' })],
  ['pvc-data', (o) => (o.spec.dataSource = { kind: 'PersistentVolumeClaim', name: 'web-static-v1' }, o.spec.dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'other' }, { path: ['spec', 'dataSourceRef'], what: 'dataSource and dataSourceRef that differ' })],
  ['pvc-data', (o) => (o.spec.volumeMode = 'Block', { path: ['spec', 'volumeMode'], what: 'a Block volume (valid)' })],
  ['pvc-data', (o) => (o.spec.selector = { matchLabels: { tier: 'nfs' } }, { path: ['spec', 'selector'], what: 'a selector with a storage class (valid)' })],
  ['serviceaccount-app', (o) => (o.secrets = [{ name: 'orders-api-token' }, { name: 'orders-api-token' }], { path: ['secrets'], what: 'the same secret twice (valid)' })],
  ['serviceaccount-app', (o) => (o.imagePullSecrets.push({ name: '' }), { path: ['imagePullSecrets', 1, 'name'], what: 'an imagePullSecret without a name' })],
];

function crossField(c, rng) {
  POD_CONFLICTS.forEach((fn) => {
    for (const base of POD_BASES) {
      c.mutate('cross-field', base, obj => {
        const change = fn(getAt(obj, base.pod), base, rng);
        return change && { path: [...base.pod, ...change.path], what: change.what };
      });
    }
  });
  for (const [name, fn] of OBJECT_CONFLICTS) c.mutate('cross-field', BASE_BY_NAME.get(name), fn);
}

// ---- valid-changes ---------------------------------------------------------------------------

/** Changes meant to keep the object valid: other enum values, optional fields removed, edge values, additions. */
function validChanges(c, rng) {
  for (const base of BASES) {
    const optional = [];
    forEachNode(base, (segs, value, norm) => {
      const e = ENUMS.find(([re]) => re.test(norm));
      if (e && typeof value === 'string' && !/^(apiVersion|kind)$/.test(norm)) {
        const other = e[1].filter(v => v !== value && v !== '');
        if (other.length > 0) {
          const v = rng.pick(other);
          c.mutate('valid-changes', base, obj => (setAt(obj, segs, v), { path: segs, what: `${show(value)} -> ${show(v)}: another allowed value` }));
        }
      }
      if (!REQUIRED.some(re => re.test(norm)) && typeof segs[segs.length - 1] === 'string') optional.push(segs);
    });
    for (const segs of rng.sample(optional, 20)) {
      c.mutate('valid-changes', base, obj => (deleteAt(obj, segs), { path: segs, what: 'removed an optional field' }));
    }
    c.mutate('valid-changes', base, obj => {
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'app.kubernetes.io/part-of': 'shop', 'example.com/Owner_Team': 'Storefront_2' };
      return { path: ['metadata', 'labels'], what: "added labels with upper case and '_' in the name and value" };
    });
    c.mutate('valid-changes', base, obj => {
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'Example.COM/Notes': 'upper-case prefix\nand a second line', 'description': '' };
      return { path: ['metadata', 'annotations'], what: 'added annotations with an upper-case prefix, a multi-line value and an empty value' };
    });
    c.mutate('valid-changes', base, obj => (obj.metadata.name = padTo(`${obj.metadata.name}-`, base.object.kind === 'Service' ? 63 : base.object.kind === 'CronJob' ? 52 : 253), { path: ['metadata', 'name'], what: 'a name of the maximum length' }));
    c.mutate('valid-changes', base, obj => (obj.metadata.generateName = `${obj.metadata.name}-`, delete obj.metadata.name, { path: ['metadata', 'generateName'], what: 'generateName instead of name' }));
    c.mutate('valid-changes', base, obj => (obj.metadata.namespace = 'team-1', { path: ['metadata', 'namespace'], what: "namespace 'team-1'" }));
  }
  const edge = [
    [/^spec\.replicas$/, [0, 1000]],
    [/\.image$/, ['registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64), 'nginx', 'localhost/app:latest']],
    [/^\$pod\.(containers|initContainers)\[\]\.resources\.(limits|requests)\.\*$/, ['0', 2, '1.5', '1e3', '100M', '0.5Gi', '2000000000n']],
    [/ports\[\]\.containerPort$/, [1, 65535]],
    [/^spec\.ports\[\]\.targetPort$/, ['web', 8443]],
    [/^\$pod\.terminationGracePeriodSeconds$/, [0, 3600]],
    [/\.(defaultMode|mode)$/, [0o600, 0o777, 0]],
  ];
  for (const base of BASES) {
    forEachNode(base, (segs, value, norm) => {
      const hit = edge.find(([re]) => re.test(norm));
      if (!hit) return;
      for (const v of hit[1]) c.mutate('valid-changes', base, obj => (setAt(obj, segs, v), { path: segs, what: `${show(value)} -> ${show(v)}: an edge value` }));
    });
  }
  for (const base of POD_BASES) {
    c.mutate('valid-changes', base, obj => {
      const ctr = getAt(obj, [...base.pod, 'containers', 0]);
      ctr.env = [...(ctr.env ?? []), { name: 'my.setting-1', value: '' }, { name: 'EMPTY' }, { name: 'ESCAPED', value: '$$(NOT_A_REF)' }];
      return { path: [...base.pod, 'containers', 0, 'env'], what: "added env vars with '.' and '-', without a value, and with an escaped $$()" };
    });
    c.mutate('valid-changes', base, obj => {
      const ctr = getAt(obj, [...base.pod, 'containers', 0]);
      ctr.ports = [...(ctr.ports ?? []), { name: 'dns', containerPort: 5353, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353, protocol: 'TCP' }];
      return { path: [...base.pod, 'containers', 0, 'ports'], what: 'added port 5353 for UDP and for TCP' };
    });
    c.mutate('valid-changes', base, obj => {
      const pod = getAt(obj, base.pod);
      pod.volumes = [...(pod.volumes ?? []), { name: 'unused', emptyDir: {} }];
      return { path: [...base.pod, 'volumes'], what: 'added a volume no container mounts' };
    });
    c.mutate('valid-changes', base, obj => {
      const pod = getAt(obj, base.pod);
      pod.containers[0].name = `1${pod.containers[0].name}`;
      for (const [, value] of nodesOf(pod)) if (isObj(value) && value.containerName === getAt(base.object, [...base.pod, 'containers', 0, 'name'])) value.containerName = pod.containers[0].name;
      for (const [, value] of nodesOf(obj.spec?.podFailurePolicy ?? {})) if (isObj(value) && value.containerName) value.containerName = pod.containers[0].name;
      return { path: [...base.pod, 'containers', 0, 'name'], what: 'a container name with a leading digit (a DNS-1123 label may start with one)' };
    });
    c.mutate('valid-changes', base, obj => {
      const pod = getAt(obj, base.pod);
      pod.containers[0].readinessProbe = { httpGet: { path: '/', port: 8080, httpHeaders: [{ name: 'Host', value: '' }] }, successThreshold: 3 };
      return { path: [...base.pod, 'containers', 0, 'readinessProbe'], what: 'a readiness probe with successThreshold 3 and an empty header value' };
    });
    c.mutate('valid-changes', base, obj => {
      const pod = getAt(obj, base.pod);
      pod.nodeSelector = { ...(pod.nodeSelector ?? {}), 'example.com/tier': '' };
      return { path: [...base.pod, 'nodeSelector', 'example.com/tier'], what: 'a nodeSelector with an empty value' };
    });
  }
}

// ---- Writing the files ------------------------------------------------------------------------

function generate(seed) {
  const rng = new Random(seed);
  const c = new Candidates();
  wrongTypes(c, rng);
  outOfRange(c, rng);
  badNames(c, rng);
  badEnums(c, rng);
  missingRequired(c, rng);
  duplicateKeys(c, rng);
  misplaced(c, rng);
  crossField(c, rng);
  validChanges(c, rng);
  // Keep at most the category's count, sampled with the same PRNG; then drop documents that another
  // category already has, so every document of the corpus is different.
  const seen = new Set();
  // The bases themselves first, so the oracle judges them too (every one must be accepted).
  const files = [{
    name: 'bases.yaml',
    text: `# Generated by scripts/gen-mutations.js: the valid objects the mutations start from; do not edit.\n${BASES.map(b => `# base ${b.name}: unchanged\n${toYaml(b.object)}`).join('---\n')}`,
    count: 0,
    bases: BASES.length,
  }];
  let n = 0;
  for (const [category, count] of CATEGORIES) {
    const kept = rng.fairSample(c.lists.get(category), count, m => m.base).filter(m => !seen.has(m.text));
    for (const m of kept) seen.add(m.text);
    let part = [];
    let bytes = 0;
    const parts = [part];
    for (const m of kept) {
      const doc = `# mutation ${++n}: ${m.base} ${m.path}: ${m.what}\n${m.text}`;
      if (bytes + doc.length > MAX_FILE_BYTES && part.length > 0) {
        part = [];
        bytes = 0;
        parts.push(part);
      }
      part.push(doc);
      bytes += doc.length + 4;
    }
    parts.forEach((docs, i) => {
      const name = `${category}${parts.length > 1 ? `-${i + 1}` : ''}.yaml`;
      const header = `# Generated by scripts/gen-mutations.js (seed ${seed}): ${category}, single-mistake mutations of valid objects; do not edit.\n`;
      files.push({ name, text: header + docs.join('---\n'), count: docs.length });
    });
  }
  return files;
}

function main() {
  const args = process.argv.slice(2);
  let seed = SEED;
  let check = false;
  let basesDir;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--seed' && /^\d+$/.test(args[i + 1] ?? '')) seed = Number(args[++i]);
    else if (args[i] === '--bases' && args[i + 1]) basesDir = args[++i];
    else {
      console.error(`gen-mutations: unknown argument '${args[i]}' (usage: node scripts/gen-mutations.js [--seed N] [--check] [--bases DIR])`);
      process.exit(2);
    }
  }
  if (basesDir) {
    fs.mkdirSync(basesDir, { recursive: true });
    for (const b of BASES) fs.writeFileSync(path.join(basesDir, `${b.name}.yaml`), toYaml(b.object));
    console.log(`gen-mutations: wrote ${BASES.length} base objects to ${basesDir}`);
    return;
  }
  const files = generate(seed);
  const total = files.reduce((s, f) => s + f.count, 0);
  const existing = fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR).filter(f => f.endsWith('.yaml')).sort() : [];
  if (check) {
    const stale = [];
    for (const f of files) {
      const p = path.join(OUT_DIR, f.name);
      if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== f.text) stale.push(f.name);
    }
    for (const name of existing) if (!files.some(f => f.name === name)) stale.push(`${name} (not generated)`);
    if (stale.length > 0) {
      console.error(`gen-mutations: test/oracle/mutations differs from a fresh run (seed ${seed}): ${stale.join(', ')}; run \`node scripts/gen-mutations.js\``);
      process.exit(1);
    }
    console.log(`gen-mutations: ${total} mutations in ${files.length} files, up to date`);
    return;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const name of existing) if (!files.some(f => f.name === name)) fs.unlinkSync(path.join(OUT_DIR, name));
  for (const f of files) fs.writeFileSync(path.join(OUT_DIR, f.name), f.text);
  for (const f of files) console.log(`${String(f.bases ?? f.count).padStart(5)}  ${f.name}  (${(f.text.length / 1024).toFixed(0)} KiB)${f.bases ? ' (base objects)' : ''}`);
  console.log(`gen-mutations: ${total} mutations in ${files.length} files (seed ${seed})`);
}

module.exports = { BASES, SEED, generate };

if (require.main === module) main();
