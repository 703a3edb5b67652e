import { ApiObject, Chart, Cron, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import {
  AccessMode, CompletionMode, ConcurrencyPolicy, CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, GpuPod, Ingress,
  Job, KubernetesVersion, LabelSelectorOperator, PathType, Pod, PodManagementPolicy, RestartPolicy, Service, ServiceType, SharedVolumePod, SidecarMode, SidecarPod,
  setKubernetesVersion, StatefulSet, StatefulSetUpdateStrategy, Volume,
} from '../lib';
import { Manifests, synthErrors } from '../lib/testing';

const WEB = { name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', number: 80 }] };

function orderPod(chart: Chart, labels: { [key: string]: string } = { 'app.kubernetes.io/name': 'orderapp' }): SidecarPod {
  return new SidecarPod(chart, 'OrderappPod', {
    labels,
    app: WEB,
    sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
    sidecarMode: SidecarMode.CLASSIC,
  });
}

/** The error lines of a failing synth, without the construct path prefix's brackets. */
function errors(chart: Chart): string[] {
  return synthErrors(chart).map(e => e.text);
}

describe('Deployment', () => {
  test('defaults: the pod becomes the template, the selector comes from its name label, nothing is added', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = orderPod(chart);
    // WHEN
    new Deployment(chart, 'Orderapp', { template: pod });
    // THEN
    const objects = Testing.synth(chart);
    expect(objects).toEqual([{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orderapp' },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'orderapp' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'orderapp' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] },
              { name: 'log-shipper', image: 'fluent/fluent-bit:3.0' },
            ],
          },
        },
      },
    }]);
  });

  test('replicas, strategy and the rollout fields are written as given, in whole seconds', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', {
      template: orderPod(chart),
      replicas: 3,
      strategy: DeploymentStrategy.rollingUpdate({ maxSurge: '25%', maxUnavailable: 0 }),
      minReady: Duration.seconds(10),
      revisionHistoryLimit: 5,
      progressDeadline: Duration.minutes(5),
      labels: { team: 'orders' },
    });
    const d = Manifests.of(chart).find('Deployment', 'orderapp');
    expect(d.metadata).toEqual({ name: 'orderapp', labels: { team: 'orders' } });
    expect(Object.keys(d.spec)).toEqual(['replicas', 'selector', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'template']);
    expect(d.spec).toMatchObject({ replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, minReadySeconds: 10, revisionHistoryLimit: 5, progressDeadlineSeconds: 300 });
  });

  test('Recreate has no rollingUpdate', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', { template: orderPod(chart), strategy: DeploymentStrategy.recreate() });
    expect(Manifests.of(chart).find('Deployment', 'orderapp').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('the default selector takes the well-known app labels only, never the version', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', {
      template: orderPod(chart, { 'app.kubernetes.io/name': 'orderapp', 'app.kubernetes.io/instance': 'prod', 'app.kubernetes.io/version': '1.2.0', 'tier': 'web' }),
    });
    expect(Manifests.of(chart).find('Deployment', 'orderapp').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'orderapp', 'app.kubernetes.io/instance': 'prod' } });
  });

  test('without well-known labels the default selector takes every label but the version', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', { template: orderPod(chart, { 'tier': 'web', 'app.kubernetes.io/version': '1.2.0' }) });
    expect(Manifests.of(chart).find('Deployment', 'orderapp').spec.selector).toEqual({ matchLabels: { tier: 'web' } });
  });

  test('a given selector is written as given', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', {
      template: orderPod(chart, { app: 'orderapp', track: 'stable' }),
      selector: { matchLabels: { app: 'orderapp' }, matchExpressions: [{ key: 'track', operator: LabelSelectorOperator.IN, values: ['stable'] }] },
    });
    expect(Manifests.of(chart).find('Deployment', 'orderapp').spec.selector).toEqual({ matchLabels: { app: 'orderapp' }, matchExpressions: [{ key: 'track', operator: 'In', values: ['stable'] }] });
  });

  test('labels added to the pod after the Deployment is made reach the template and the selector', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { containers: [WEB] });
    new Deployment(chart, 'Web', { template: pod });
    pod.metadata.addLabel('app', 'web');
    const spec = Manifests.of(chart).find('Deployment', 'web').spec;
    expect(spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(spec.template.metadata).toEqual({ labels: { app: 'web' } });
  });

  test('the pod writes no Pod of its own', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Deployment']);
  });

  test('fails when the template has no labels to select', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Web', { template: new Pod(chart, 'WebPod', { containers: [WEB] }) });
    expect(errors(chart)).toEqual([
      "[test/Web] spec.selector: a Deployment selects its pods by label, and its pod template has no labels to select; add labels to the pod, such as labels: { 'app.kubernetes.io/name': 'orderapp' }, or give selector [field-type]",
    ]);
  });

  test('fails when the selector does not select the template', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Orderapp', { template: orderPod(chart, { app: 'orderapp' }), selector: { matchLabels: { app: 'order-app' } } });
    expect(errors(chart)).toEqual([
      '[test/Orderapp] spec.template.metadata.labels: the selector of the Deployment does not select its pod template, which has labels {app: orderapp}; the Deployment would never find its pods, so make selector.matchLabels a subset of the template labels [selector]',
    ]);
  });

  test('fails when the pod has restartPolicy Never', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Web', { template: new Pod(chart, 'WebPod', { labels: { app: 'web' }, containers: [WEB], restartPolicy: RestartPolicy.NEVER }) });
    expect(errors(chart)).toEqual([
      "[test/Web] spec.template.spec.restartPolicy: a Deployment keeps its pods running, so restartPolicy must be Always, got 'Never'; remove restartPolicy, or use a Job for run-to-completion work [workload-restart-policy]",
    ]);
  });

  test('fails when the pod template was given a name or a namespace', () => {
    const chart = Testing.chart();
    new Deployment(chart, 'Web', { template: new Pod(chart, 'WebPod', { name: 'web', namespace: 'shop', labels: { app: 'web' }, containers: [WEB] }) });
    expect(errors(chart)).toEqual([
      "[test/Web] spec.template.metadata.name: the pod is the template of test/Web and was given name 'web', but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload [field-type]",
      "[test/Web] spec.template.metadata.namespace: the pod is the template of test/Web and was given namespace 'shop', but a pod template has no namespace (its pods run in the workload's); remove namespace from the pod and set it on the workload [field-type]",
    ]);
  });

  test('fails when a container mistake is in the template, with the workload path and the template field', () => {
    const chart = Testing.chart();
    const pod = new SidecarPod(chart, 'WebPod', {
      labels: { app: 'web' },
      app: { name: 'web', image: 'nginx:1.25', port: 80 },
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 80 }],
      sidecarMode: SidecarMode.CLASSIC,
    });
    new Deployment(chart, 'Web', { template: pod });
    expect(errors(chart)).toEqual([
      "[test/Web] spec.template.spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
    ]);
  });

  test('fails when a pod is the template of two workloads', () => {
    const chart = Testing.chart();
    const pod = orderPod(chart);
    new Deployment(chart, 'A', { template: pod });
    expect(() => new Deployment(chart, 'B', { template: pod })).toThrow('[test/B] template: pod test/OrderappPod is already the template of test/A; a pod is the template of one workload, so make another pod for this one');
  });

  test('fails when the template is not a pod construct', () => {
    const chart = Testing.chart();
    expect(() => new Deployment(chart, 'Web', { template: { name: 'web' } as any })).toThrow(
      "[test/Web] template: expected a Pod, SidecarPod, GpuPod or SharedVolumePod construct, got {\"name\":\"web\"}; make the pod first and pass it: new Deployment(scope, 'Web', { template: pod })");
  });

  test('fails when the adopted pod is patched instead of the workload', () => {
    const chart = Testing.chart();
    const pod = orderPod(chart);
    const apiObject = ApiObject.of(pod);
    new Deployment(chart, 'Orderapp', { template: pod });
    apiObject.addJsonPatch(JsonPatch.add('/spec/hostname', 'x'));
    expect(errors(chart)).toEqual([
      '[test/OrderappPod] metadata: the pod is the template of test/Orderapp and writes no Pod of its own, so the patch added to ApiObject.of(pod) is not written; patch ApiObject.of(workload) instead, where the pod spec is at /spec/template/spec (/spec/jobTemplate/spec/template/spec for a CronJob) [pod]',
    ]);
  });

  test('the escape hatch of the workload is checked like the rest', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    ApiObject.of(d).addJsonPatch(JsonPatch.add('/spec/replicas', -1));
    expect(errors(chart)).toEqual(['[test/Orderapp] spec.replicas: replicas -1 of the Deployment is negative; use 0 or more [workload-spec]']);
  });
});

describe('StatefulSet', () => {
  test('defaults: serviceName, claims and the pod template, mounted by name', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'MysqlPod', { labels: { app: 'mysql' }, containers: [{ name: 'mysql', image: 'mysql:8.0', port: 3306 }] });
    pod.containers[0].mount('/var/lib/mysql', 'data');
    const headless = new Service(chart, 'MysqlService', { name: 'mysql', selects: pod, headless: true, ports: [{ port: 3306 }] });
    new StatefulSet(chart, 'Mysql', {
      template: pod,
      serviceName: headless,
      replicas: 1,
      podManagementPolicy: PodManagementPolicy.PARALLEL,
      updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 }),
      volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(10), accessModes: [AccessMode.READ_WRITE_ONCE], storageClassName: 'standard' }],
    });
    const m = Manifests.of(chart);
    expect(m.find('Service', 'mysql').spec).toEqual({ clusterIP: 'None', selector: { app: 'mysql' }, ports: [{ port: 3306 }] });
    const s = m.find('StatefulSet', 'mysql');
    expect(Object.keys(s.spec)).toEqual(['serviceName', 'replicas', 'selector', 'podManagementPolicy', 'updateStrategy', 'template', 'volumeClaimTemplates']);
    expect(s.spec.serviceName).toBe('mysql');
    expect(s.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(s.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } } }]);
    expect(s.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/mysql' }]);
    expect(s.spec.template.spec.volumes).toBeUndefined();
  });

  test('fails when serviceName names a Service that is not headless', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'MysqlPod', { labels: { app: 'mysql' }, containers: [{ name: 'mysql', image: 'mysql:8.0', port: 3306 }] });
    new Service(chart, 'MysqlService', { name: 'mysql', selects: pod, ports: [{ port: 3306 }] });
    new StatefulSet(chart, 'Mysql', { template: pod, serviceName: 'mysql' });
    expect(errors(chart)).toEqual([
      "[test/Mysql] spec.serviceName: serviceName 'mysql' names a Service that is not headless; the pods' stable DNS names (mysql-0.mysql) come only from a headless Service, so set clusterIP: None on it (and expose clients through a second Service if needed) [statefulset-service]",
    ]);
  });

  test('fails when serviceName names no Service of the app', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'MysqlPod', { labels: { app: 'mysql' }, containers: [{ name: 'mysql', image: 'mysql:8.0', port: 3306 }] });
    new Service(chart, 'Db', { name: 'db', selects: pod, headless: true, ports: [{ port: 3306 }] });
    new StatefulSet(chart, 'Mysql', { template: pod, serviceName: 'mysql' });
    expect(errors(chart)).toEqual([
      "[test/Mysql] spec.serviceName: serviceName 'mysql' names no Service in the same namespace (none given); the StatefulSet's pods get their stable DNS names (mysql-0.mysql) from a headless Service of that name, so define one with clusterIP: None [statefulset-service]",
    ]);
  });

  test('fails when a container mounts a claim that is not declared', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'MysqlPod', { labels: { app: 'mysql' }, containers: [{ name: 'mysql', image: 'mysql:8.0' }] });
    pod.containers[0].mount('/var/lib/mysql', 'data');
    new StatefulSet(chart, 'Mysql', { template: pod, volumeClaimTemplates: [{ name: 'dat', storage: Size.gibibytes(1), accessModes: [AccessMode.READ_WRITE_ONCE] }] });
    expect(synthErrors(chart).map(e => e.rule)).toEqual(['mount-undeclared']);
  });
});

describe('DaemonSet', () => {
  test('defaults: a log agent with a hostPath, updated node by node', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'AgentPod', { labels: { 'app.kubernetes.io/name': 'log-agent' }, containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.0' }] });
    pod.containers[0].mount('/var/log', Volume.hostPath('varlog', '/var/log'), { readOnly: true });
    new DaemonSet(chart, 'LogAgent', { template: pod, updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 }) });
    const d = Manifests.of(chart).find('DaemonSet', 'logagent');
    expect(d.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(d.spec.template.spec.volumes).toEqual([{ name: 'varlog', hostPath: { path: '/var/log' } }]);
  });

  test('OnDelete', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'LogAgent', { template: new Pod(chart, 'P', { labels: { app: 'a' }, containers: [WEB] }), updateStrategy: DaemonSetUpdateStrategy.onDelete() });
    expect(Manifests.of(chart).find('DaemonSet', 'logagent').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('Job and CronJob', () => {
  function trainPod(chart: Chart, mode: SidecarMode): GpuPod {
    // Native sidecars are on by default from Kubernetes 1.29.
    setKubernetesVersion(chart, KubernetesVersion.V1_30);
    return new GpuPod(chart, 'TrainPod', {
      labels: { 'app.kubernetes.io/name': 'train' },
      container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime' },
      gpuCount: 2,
      sharedMemory: Size.gibibytes(8),
      restartPolicy: RestartPolicy.NEVER,
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
      sidecarMode: mode,
    });
  }

  test('defaults: an Indexed GPU training Job with a native sidecar', () => {
    const chart = Testing.chart();
    new Job(chart, 'Train', {
      template: trainPod(chart, SidecarMode.NATIVE),
      completionMode: CompletionMode.INDEXED,
      completions: 2,
      parallelism: 2,
      backoffLimit: 0,
      activeDeadline: Duration.hours(6),
      ttlAfterFinished: Duration.days(1),
    });
    const j = Manifests.of(chart).find('Job', 'train');
    expect(j.apiVersion).toBe('batch/v1');
    expect(Object.keys(j.spec)).toEqual(['completions', 'parallelism', 'completionMode', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'template']);
    expect(j.spec).toMatchObject({ completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimit: 0, activeDeadlineSeconds: 21600, ttlSecondsAfterFinished: 86400 });
    expect(j.spec.selector).toBeUndefined();
    expect(j.spec.template.spec.initContainers).toEqual([{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' }]);
    expect(j.spec.template.spec.containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': 2 } });
  });

  test('warns when a classic sidecar keeps a Job from completing', () => {
    const chart = Testing.chart();
    const job = new Job(chart, 'Train', { template: trainPod(chart, SidecarMode.CLASSIC) });
    Testing.synth(chart);
    expect(job.node.metadata.filter(m => m.type === 'cdk8s-pods:warning').map(m => m.data)).toEqual([
      "[test/Train] spec.template.spec.containers[1]: container 'log-shipper' is a second regular container of a Job's pod, and a Job completes only when every regular container exits; if it is a helper that runs until stopped (a log shipper, a proxy), the Job never completes: make it a native sidecar (an init container with restartPolicy: Always, SidecarMode.NATIVE), or make sure it exits [job-sidecar]",
    ]);
  });

  test('fails when the Job pod keeps the default restartPolicy', () => {
    const chart = Testing.chart();
    new Job(chart, 'Migrate', { template: new Pod(chart, 'P', { containers: [{ name: 'migrate', image: 'migrate:1.0' }] }) });
    expect(errors(chart)).toEqual([
      '[test/Migrate] spec.template.spec.restartPolicy: a Job pod template needs restartPolicy OnFailure or Never, got none (Always by default); set restartPolicy: OnFailure [workload-restart-policy]',
    ]);
  });

  test('fails when an Indexed Job sets parallelism without completions', () => {
    const chart = Testing.chart();
    new Job(chart, 'Train', { template: trainPod(chart, SidecarMode.NATIVE), completionMode: CompletionMode.INDEXED, parallelism: 2 });
    expect(synthErrors(chart).map(e => e.rule)).toEqual(['workload-spec']);
  });

  test('an Indexed Job with neither completions nor parallelism synthesizes: Kubernetes sets both to 1', () => {
    const chart = Testing.chart();
    new Job(chart, 'Train', { template: trainPod(chart, SidecarMode.NATIVE), completionMode: CompletionMode.INDEXED });
    expect(synthErrors(chart)).toEqual([]);
  });

  test('CronJob: schedule from a cdk8s Cron, the job fields in jobTemplate', () => {
    const chart = Testing.chart();
    new CronJob(chart, 'Nightly', {
      template: new Pod(chart, 'ReportPod', { containers: [{ name: 'report', image: 'report:1.0' }], restartPolicy: RestartPolicy.ON_FAILURE }),
      schedule: Cron.schedule({ minute: '0', hour: '2' }),
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.minutes(10),
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      backoffLimit: 2,
    });
    const c = Manifests.of(chart).find('CronJob', 'nightly');
    expect(c.spec).toEqual({
      schedule: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'report:1.0' }] } } } },
    });
  });

  test('fails when a CronJob schedule is not a cron expression', () => {
    const chart = Testing.chart();
    new CronJob(chart, 'Nightly', { template: new Pod(chart, 'P', { containers: [{ name: 'r', image: 'r:1' }], restartPolicy: RestartPolicy.NEVER }), schedule: 'every night' });
    expect(synthErrors(chart).map(e => e.rule)).toEqual(['workload-spec']);
  });
});

describe('Service and Ingress', () => {
  function app(chart: Chart) {
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart), replicas: 3 });
    const svc = new Service(chart, 'OrderappService', { name: 'orderapp', selects: d, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    return { d, svc };
  }

  test('defaults: the selector comes from the workload, ports as given', () => {
    const chart = Testing.chart();
    const { svc } = app(chart);
    new Ingress(chart, 'OrderappIngress', {
      name: 'orderapp',
      ingressClassName: 'nginx',
      rules: [{ host: 'orders.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: { service: svc, port: 'http' } }] }],
      tls: [{ hosts: ['orders.example.com'], secret: 'orders-tls' }],
    });
    const m = Manifests.of(chart);
    expect(m.find('Service', 'orderapp')).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'orderapp' },
      spec: { selector: { 'app.kubernetes.io/name': 'orderapp' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    expect(m.find('Ingress', 'orderapp')).toEqual({
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'orderapp' },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['orders.example.com'], secretName: 'orders-tls' }],
        rules: [{ host: 'orders.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'orderapp', port: { name: 'http' } } } }] } }],
      },
    });
  });

  test('NodePort and LoadBalancer fields', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Service(chart, 'Np', { selects: d, type: ServiceType.NODE_PORT, externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] });
    expect(Manifests.of(chart).find('Service', 'np').spec).toEqual({ type: 'NodePort', selector: { 'app.kubernetes.io/name': 'orderapp' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }], externalTrafficPolicy: 'Local' });
  });

  test('fails when a Service selects no pod of the app', () => {
    const chart = Testing.chart();
    app(chart);
    new Service(chart, 'Typo', { selector: { 'app.kubernetes.io/name': 'order-app' }, ports: [{ port: 80 }] });
    expect(errors(chart)).toEqual([
      "[test/Typo] spec.selector: the Service selects {app.kubernetes.io/name: order-app} but no Pod or pod template in the same namespace (none given) has these labels, so it would have no endpoints; make the selector a subset of the labels of the pods it should reach (Deployment 'orderapp' has app.kubernetes.io/name: orderapp) [service-selects]",
    ]);
  });

  test('fails when a targetPort name is declared by no selected container', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Service(chart, 'S', { selects: d, ports: [{ port: 80, targetPort: 'web' }] });
    expect(errors(chart)).toEqual([
      "[test/S] spec.ports[0].targetPort: targetPort 'web' names no container port of the pods of Deployment 'orderapp', which declare 'http'; name the container port 'web' or use one of those names [service-target-port]",
    ]);
  });

  test('fails when a numeric targetPort is no declared container port', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Service(chart, 'S', { selects: d, ports: [{ port: 80, targetPort: 8080 }] });
    expect(errors(chart)).toEqual([
      "[test/S] spec.ports[0].targetPort: targetPort 8080/TCP is not a port the pods of Deployment 'orderapp' declare (80/TCP); point targetPort at the port the app listens on, or declare it on the container [service-target-port]",
    ]);
  });

  test('fails when an Ingress backend names a Service the app does not define, or a port it does not have', () => {
    const chart = Testing.chart();
    const { svc } = app(chart);
    new Ingress(chart, 'In', {
      rules: [{ host: 'orders.example.com', paths: [
        { path: '/', pathType: PathType.PREFIX, backend: { service: 'order-app', port: 80 } },
        { path: '/api', pathType: PathType.PREFIX, backend: { service: svc, port: 8080 } },
        { path: '/ws', pathType: PathType.PREFIX, backend: { service: svc, port: 'ws' } },
      ] }],
    });
    expect(errors(chart)).toEqual([
      "[test/In] spec.rules[0].http.paths[0].backend.service.name: the backend names Service 'order-app', which is not defined in the same namespace (none given) (Services there: 'orderapp'); name one of them, or define the Service [ingress-backend]",
      "[test/In] spec.rules[0].http.paths[1].backend.service.port.number: the backend uses port 8080 of Service 'orderapp', which has ports 80; use one of them [ingress-backend]",
      "[test/In] spec.rules[0].http.paths[2].backend.service.port.name: the backend uses port 'ws' of Service 'orderapp', which has port names 'http'; use one of them [ingress-backend]",
    ]);
  });

  test('fails when a NodePort is outside the range and two ports share a name', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Service(chart, 'S', { selects: d, type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 8080 }, { name: 'http', port: 81, targetPort: 80 }] });
    expect(synthErrors(chart).map(e => e.rule)).toEqual(['service', 'service']);
  });

  test('fails when a Service has both selects and selector', () => {
    const chart = Testing.chart();
    const d = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Service(chart, 'S', { selects: d, selector: { app: 'x' }, ports: [{ port: 80 }] });
    expect(errors(chart)[0]).toBe('[test/S] spec.selector: the Service has both selects and selector; give one: selects takes the selector from test/Orderapp [field-type]');
  });

  test('warns when two workloads select the same pods', () => {
    const chart = Testing.chart();
    const a = new Deployment(chart, 'Orderapp', { template: orderPod(chart) });
    new Deployment(chart, 'Canary', { template: new Pod(chart, 'CanaryPod', { labels: { 'app.kubernetes.io/name': 'orderapp', 'track': 'canary' }, containers: [WEB] }) });
    Testing.synth(chart);
    expect(a.node.metadata.filter(m => m.type === 'cdk8s-pods:warning').map(m => m.data)).toEqual([
      "[test/Orderapp] spec.selector: the selector of this Deployment also selects the pods of Deployment 'canary', whose controller would fight this one over them; give each workload a label the other's selector does not match [selector-overlap]",
    ]);
  });

  test('SharedVolumePod as a template keeps its sharing check', () => {
    const chart = Testing.chart();
    const html = Volume.emptyDir('html');
    const pod = new SharedVolumePod(chart, 'WebPod', {
      labels: { app: 'web' },
      sharedVolumes: [html],
      containers: [{ name: 'writer', image: 'busybox:1.36', volumeMounts: [{ volume: html, path: '/var/html' }] }, { name: 'web', image: 'nginx:1.25' }],
    });
    new Deployment(chart, 'Web', { template: pod });
    expect(errors(chart)).toEqual([
      "[test/WebPod] sharedVolumes[0]: shared volume 'html' is mounted by only container 'writer'; a SharedVolumePod shares each volume between two or more containers, so mount it in another container or use Pod [shared-volume-pod]",
    ]);
  });
});
