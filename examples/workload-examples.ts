import { Chart, ChartProps, Cron, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, CompletionMode, ConcurrencyPolicy, CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, EnvValue,
  GpuPod, Ingress, Job, KubernetesVersion, PathType, Pod, Probe, ResourcePresets, RestartPolicy, Service,
  setKubernetesVersion, SharedVolumePod, StatefulSet, TaintEffect, TolerationOperator, Volume,
} from '../lib';
import { kubeBasicContainers } from './seed-pods';

/**
 * Where the study notes end: a bare pod does not heal itself or scale, and its IP is internal and
 * changes, so pods run under workloads and are reached through Services and Ingresses. Each
 * workload takes a pod built with the same constructs as the bare pods. They run in their own
 * namespace, `shop` (by default): the kube-basic Deployment selects `app: kube-basic`, and would
 * adopt the seed chart's bare kube-basic pod in a shared namespace (the selector-overlap warning).
 */
export class WorkloadExamplesChart extends Chart {
  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });
    // Kubernetes 1.30: native sidecars are on, so the training Job's log shipper lets it complete.
    setKubernetesVersion(this, KubernetesVersion.V1_30);

    // The notes' orderapp: `kubectl scale deployment orderapp --replicas=3`, behind a Service and an Ingress.
    const orderappPod = new Pod(this, 'OrderappPod', {
      labels: { 'app.kubernetes.io/name': 'orderapp' },
      containers: [{
        name: 'orderapp',
        image: 'orderapp:1.0',
        ports: [{ number: 8080, name: 'http' }],
        resources: ResourcePresets.small(),
        readiness: Probe.httpGet('/healthz', { port: 'http' }),
      }],
    });
    const orderapp = new Deployment(this, 'Orderapp', {
      template: orderappPod,
      replicas: 3,
      strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
    });
    const orderappService = new Service(this, 'OrderappService', {
      name: 'orderapp',
      selects: orderapp,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
    new Ingress(this, 'OrderappIngress', {
      name: 'orderapp',
      ingressClassName: 'nginx',
      rules: [{ host: 'orderapp.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: { service: orderappService, port: 'http' } }] }],
      tls: [{ hosts: ['orderapp.example.com'], secret: 'orderapp-tls' }],
    });

    // The notes' kube-basic pod, as a Deployment: the same SharedVolumePod, now restarted and rescheduled.
    const html = Volume.emptyDir('html');
    const kubeBasicPod = new SharedVolumePod(this, 'KubeBasicPod', {
      labels: { app: 'kube-basic', project: 'fastcampus' },
      nodeSelector: { gpu: 'true' },
      sharedVolumes: [html],
      containers: kubeBasicContainers(html),
    });
    new Deployment(this, 'KubeBasic', { name: 'kube-basic', template: kubeBasicPod });

    // A distributed GPU training run: two indexed workers, each with GPUs, /dev/shm for the data
    // loaders and a native-sidecar log shipper that stops when the trainer exits.
    const trainPod = new GpuPod(this, 'TrainPod', {
      labels: { 'app.kubernetes.io/name': 'resnet-train' },
      container: {
        name: 'trainer',
        image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
        command: ['torchrun', '--nnodes=2', '--nproc-per-node=2', 'train.py'],
        env: { RANK: EnvValue.fromField('metadata.annotations[\'batch.kubernetes.io/job-completion-index\']') },
      },
      gpuCount: 2,
      sharedMemory: Size.gibibytes(8),
      nodeSelector: { gpu: 'true' },
      restartPolicy: RestartPolicy.NEVER,
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
    });
    new Job(this, 'ResnetTrain', {
      template: trainPod,
      completionMode: CompletionMode.INDEXED,
      completions: 2,
      parallelism: 2,
      backoffLimit: 0,
      ttlAfterFinished: Duration.days(1),
    });

    // A nightly report at 02:00 Seoul time, never two at once.
    const reportPod = new Pod(this, 'ReportPod', {
      containers: [{ name: 'report', image: 'orderapp-report:1.0', args: ['--since=24h'] }],
      restartPolicy: RestartPolicy.ON_FAILURE,
    });
    new CronJob(this, 'NightlyReport', {
      name: 'nightly-report',
      template: reportPod,
      schedule: Cron.schedule({ minute: '0', hour: '2' }),
      timeZone: 'Asia/Seoul',
      concurrencyPolicy: ConcurrencyPolicy.FORBID,
      backoffLimit: 2,
    });

    // A log agent on every node, reading the node's logs through a read-only hostPath.
    const agentPod = new Pod(this, 'LogAgentPod', {
      labels: { 'app.kubernetes.io/name': 'log-agent' },
      tolerations: [{ operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
      containers: [{
        name: 'fluent-bit',
        image: 'fluent/fluent-bit:3.0',
        resources: ResourcePresets.small(),
        volumeMounts: [{ volume: Volume.hostPath('varlog', '/var/log'), path: '/var/log', readOnly: true }],
      }],
    });
    new DaemonSet(this, 'LogAgent', {
      name: 'log-agent',
      template: agentPod,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 }),
    });

    // The notes' hostPath /data/mysql, done the durable way: a StatefulSet whose pod gets its own
    // claim, and the headless Service that gives it a stable name (mysql-0.mysql).
    const mysqlPod = new Pod(this, 'MysqlPod', {
      labels: { 'app.kubernetes.io/name': 'mysql' },
      containers: [{
        name: 'mysql',
        image: 'mysql:8.0',
        ports: [{ number: 3306, name: 'mysql' }],
        env: { MYSQL_ROOT_PASSWORD: EnvValue.fromSecret('mysql-credentials', 'root-password') },
      }],
    });
    mysqlPod.containers[0].mount('/var/lib/mysql', 'data');
    const mysqlService = new Service(this, 'MysqlService', {
      name: 'mysql',
      selects: mysqlPod,
      headless: true,
      ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql' }],
    });
    new StatefulSet(this, 'Mysql', {
      name: 'mysql',
      template: mysqlPod,
      serviceName: mysqlService,
      replicas: 1,
      volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(10), accessModes: [AccessMode.READ_WRITE_ONCE] }],
    });
  }
}
