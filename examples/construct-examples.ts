import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Cpu, DnsPolicy, EnvFrom, EnvValue, EnvFieldPaths, GpuPod, GpuVendor, KubernetesVersion, NodeLabel, Pod, PodSecurityStandard, Probe,
  ResourcePresets, RestartPolicy, SecurityPresets, setKubernetesVersion, SharedVolumePod, SidecarMode, SidecarPod, Volume,
} from '../lib';

/** One realistic pod per construct, the combined GPU + sidecar + shared volume pod, and the pod-level flags. */
export class ConstructExamplesChart extends Chart {
  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    // These pods target Kubernetes 1.30 clusters: native sidecars are on (and SidecarPod's default).
    setKubernetesVersion(this, KubernetesVersion.V1_30);

    // SidecarPod: nginx with a log shipper reading its access log from a shared volume.
    const nginxLogs = Volume.emptyDir('nginx-logs', { sizeLimit: Size.mebibytes(512) });
    new SidecarPod(this, 'WebWithLogShipper', {
      name: 'web',
      labels: { 'app.kubernetes.io/name': 'web' },
      app: {
        name: 'nginx',
        image: 'nginx:1.25',
        ports: [{ number: 80, name: 'http' }],
        resources: ResourcePresets.small(),
        readiness: Probe.httpGet('/', { port: 'http', period: Duration.seconds(5) }),
        liveness: Probe.tcpSocket('http', { initialDelay: Duration.seconds(10) }),
        volumeMounts: [{ volume: nginxLogs, path: '/var/log/nginx' }],
      },
      sidecars: [{
        name: 'log-shipper',
        image: 'fluent/fluent-bit:3.0',
        args: ['-i', 'tail', '-p', 'path=/logs/access.log', '-o', 'stdout'],
        ports: [{ number: 2020, name: 'metrics' }],
        resources: {
          cpu: { request: Cpu.millis(50), limit: Cpu.millis(100) },
          memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
        },
        volumeMounts: [{ volume: nginxLogs, path: '/logs', readOnly: true }],
      }],
      terminationGracePeriod: Duration.seconds(45),
    });

    // GpuPod: a PyTorch training pod on two NVIDIA GPUs, with /dev/shm for data loader workers.
    new GpuPod(this, 'PytorchTrain', {
      name: 'pytorch-train',
      labels: { 'app.kubernetes.io/name': 'pytorch-train' },
      container: {
        name: 'trainer',
        image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
        command: ['python', 'train.py'],
        args: ['--epochs', '10', '--data', '$(DATA_DIR)'],
        env: { DATA_DIR: '/data', NCCL_DEBUG: 'INFO' },
        resources: { cpu: { request: Cpu.units(8) }, memory: { request: Size.gibibytes(32), limit: Size.gibibytes(32) } },
      },
      gpuCount: 2,
      nodeSelector: { gpu: 'true', [NodeLabel.NVIDIA_GPU_PRODUCT]: 'NVIDIA-A100-SXM4-80GB' },
      sharedMemory: Size.gibibytes(8),
      restartPolicy: RestartPolicy.ON_FAILURE,
    });

    // SharedVolumePod: the notes' html volume, written by one container and served by nginx.
    const html = Volume.emptyDir('html');
    new SharedVolumePod(this, 'HtmlPair', {
      name: 'html-pair',
      sharedVolumes: [html],
      containers: [
        {
          name: 'content',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'while true; do date > /var/html/index.html; sleep 10; done'],
          volumeMounts: [{ volume: html, path: '/var/html' }],
        },
        {
          name: 'web-server',
          image: 'nginx:1.25',
          port: 80,
          volumeMounts: [{ volume: html, path: '/usr/share/nginx/html', readOnly: true }],
        },
      ],
    });

    // Composition: a GPU trainer whose log shipper (a native sidecar) shares the trainer's log volume.
    const trainLogs = Volume.emptyDir('train-logs');
    new GpuPod(this, 'GpuTrainerWithLogShipper', {
      name: 'gpu-trainer',
      container: {
        name: 'trainer',
        image: 'nvcr.io/nvidia/pytorch:24.05-py3',
        command: ['torchrun', '--nproc_per_node=1', 'train.py', '--log-dir=/var/log/train'],
        volumeMounts: [{ volume: trainLogs, path: '/var/log/train' }],
      },
      gpuCount: 1,
      gpuVendor: GpuVendor.nvidiaMig('1g.10gb'),
      runtimeClassName: 'nvidia',
      sidecarMode: SidecarMode.NATIVE,
      sidecars: [{
        name: 'log-shipper',
        image: 'fluent/fluent-bit:3.0',
        args: ['-i', 'tail', '-p', 'path=/logs/*.log', '-o', 'stdout'],
        volumeMounts: [{ volume: trainLogs, path: '/logs', readOnly: true }],
      }],
      restartPolicy: RestartPolicy.NEVER,
    });

    // The pod-level flags of the notes: restartPolicy, serviceAccount (a cdk8s-plus ServiceAccount),
    // hostNetwork with its DNS policy, terminationGracePeriodSeconds, and env from a ConfigMap.
    const account = new kplus.ServiceAccount(this, 'NodeAgentAccount', { metadata: { name: 'node-agent' }, automountToken: true });
    const config = new kplus.ConfigMap(this, 'NodeAgentConfig', { metadata: { name: 'node-agent' }, data: { LOG_LEVEL: 'info' } });
    new Pod(this, 'NodeAgent', {
      name: 'node-agent',
      serviceAccount: account,
      hostNetwork: true,
      dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      restartPolicy: RestartPolicy.ALWAYS,
      terminationGracePeriod: Duration.seconds(10),
      nodeSelector: { [NodeLabel.OS]: 'linux' },
      containers: [{
        name: 'agent',
        image: 'quay.io/prometheus/node-exporter:v1.8.1',
        ports: [{ number: 9100, name: 'metrics' }],
        envFrom: [EnvFrom.configMap(config)],
        env: { NODE_NAME: EnvValue.fromField(EnvFieldPaths.NODE_NAME) },
        resources: ResourcePresets.small(),
      }],
    });

    // Opt-in hardening, visible where it is asked for and enforced at synth.
    new Pod(this, 'HardenedApi', {
      name: 'hardened-api',
      podSecurityStandard: PodSecurityStandard.RESTRICTED,
      securityContext: SecurityPresets.restrictedPod({ runAsUser: 10001 }),
      containers: [{
        name: 'api',
        image: 'ghcr.io/example/api:1.4.2',
        port: 8080,
        securityContext: SecurityPresets.restrictedContainer(),
        resources: ResourcePresets.medium(),
        volumeMounts: [{ volume: Volume.emptyDir('tmp'), path: '/tmp' }],
      }],
    });
  }
}
