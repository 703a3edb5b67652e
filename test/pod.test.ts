import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Cpu, DnsPolicy, EnvFrom, EnvValue, ImagePullPolicy, LifecycleHandler, NodeLabel, Pod, Probe, Protocol, RestartPolicy,
  SecurityPresets, TaintEffect, TolerationOperator, Volume,
} from '../lib';
import { synthErrors, synthOne, synthValid, toYaml } from './util';

test('defaults', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new Pod(chart, 'MyPod', {
    name: 'my-pod',
    containers: [{ name: 'my-container', image: 'nginx:latest', port: 80 }],
  });

  // THEN: exactly what the notes' YAML says, nothing added
  const pod = synthOne(chart);
  expect(pod).toEqual({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'my-pod' },
    spec: { containers: [{ name: 'my-container', image: 'nginx:latest', ports: [{ containerPort: 80 }] }] },
  });
  expect(toYaml(pod)).toMatchSnapshot();
});

test('name defaults to the construct id in lower case, without a hash', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web_Server', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
  expect(synthOne(chart).metadata.name).toEqual('web-server');
});

test('fields come out in Kubernetes order, not alphabetically', () => {
  const chart = Testing.chart();
  new Pod(chart, 'P', {
    name: 'p',
    namespace: 'team-a',
    labels: { app: 'p' },
    annotations: { owner: 'platform' },
    containers: [{
      name: 'c',
      image: 'busybox:1.36',
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      command: ['sh'],
      args: ['-c', 'sleep 3600'],
      port: 8080,
      env: { A: 'x' },
      resources: { cpu: { request: Cpu.millis(100) } },
      volumeMounts: [{ volume: Volume.emptyDir('scratch'), path: '/scratch' }],
    }],
    restartPolicy: RestartPolicy.NEVER,
    nodeSelector: { gpu: 'true' },
  });
  const pod = synthOne(chart);
  expect(Object.keys(pod)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  expect(Object.keys(pod.metadata)).toEqual(['name', 'namespace', 'labels', 'annotations']);
  expect(Object.keys(pod.spec)).toEqual(['nodeSelector', 'restartPolicy', 'containers', 'volumes']);
  expect(Object.keys(pod.spec.containers[0])).toEqual(['name', 'image', 'imagePullPolicy', 'command', 'args', 'ports', 'env', 'resources', 'volumeMounts']);
});

test('every pod field of the typed model', () => {
  // GIVEN
  const chart = Testing.chart();
  const account = new kplus.ServiceAccount(chart, 'Account', { metadata: { name: 'runner' } });
  const registry = kplus.Secret.fromSecretName(chart, 'Registry', 'registry-creds');
  const config = kplus.ConfigMap.fromConfigMapName(chart, 'Config', 'app-config');
  const secret = kplus.Secret.fromSecretName(chart, 'Db', 'db');

  // WHEN
  const pod = new Pod(chart, 'Full', {
    name: 'full',
    restartPolicy: RestartPolicy.ON_FAILURE,
    serviceAccount: account,
    automountServiceAccountToken: false,
    hostNetwork: true,
    dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
    terminationGracePeriod: Duration.seconds(60),
    nodeSelector: { [NodeLabel.ARCH]: 'arm64' },
    tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'batch', effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 300 }],
    runtimeClassName: 'gvisor',
    priorityClassName: 'high',
    securityContext: { ...SecurityPresets.restrictedPod({ runAsUser: 1000, fsGroup: 2000 }), sysctls: { 'net.ipv4.tcp_syncookies': '1' } },
    imagePullSecrets: [registry],
    initContainers: [{ name: 'migrate', image: 'migrate:1.0', command: ['migrate', 'up'] }],
    containers: [{
      name: 'app',
      image: 'app:1.0',
      workingDir: '/srv',
      ports: [{ number: 8080, name: 'http', hostPort: 8080 }, { number: 8125, name: 'statsd', protocol: Protocol.UDP, hostPort: 8125 }],
      envFrom: [EnvFrom.configMap(config, 'CFG_'), EnvFrom.secret('extra')],
      env: {
        PROFILE: 'production',
        PASSWORD: EnvValue.fromSecret(secret, 'password'),
        FLAG: EnvValue.fromConfigMap('flags', 'beta', { optional: true }),
        POD_IP: EnvValue.fromField('status.podIP'),
        MEM: EnvValue.fromResource('limits.memory', { divisor: '1Mi' }),
      },
      resources: {
        cpu: { request: Cpu.millis(250), limit: Cpu.units(1) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(1536) },
        ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
      },
      volumeMounts: [
        { volume: Volume.fromConfigMap('config', config, { defaultMode: 0o444, items: [{ key: 'app.yaml', path: 'app.yaml' }] }), path: '/etc/app', readOnly: true },
        { volume: Volume.fromPersistentVolumeClaim('data', 'data-claim'), path: '/data', subPath: 'app' },
      ],
      liveness: Probe.httpGet('/healthz', { port: 'http', initialDelay: Duration.seconds(5), failureThreshold: 5 }),
      readiness: Probe.exec(['cat', '/tmp/ready'], { period: Duration.seconds(2), successThreshold: 2 }),
      startup: Probe.grpc(9090, { timeout: Duration.seconds(3) }),
      lifecycle: { preStop: LifecycleHandler.exec(['sh', '-c', 'sleep 5']) },
      securityContext: SecurityPresets.restrictedContainer(),
    }],
  });

  // THEN
  const objects = synthValid(chart);
  expect(objects.map(o => o.kind)).toEqual(['ServiceAccount', 'Pod']);
  expect(ApiObject.of(pod).kind).toEqual('Pod');
  const spec = objects[1].spec;
  expect(spec.serviceAccountName).toEqual('runner');
  expect(spec.terminationGracePeriodSeconds).toEqual(60);
  expect(spec.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
  expect(spec.containers[0].resources).toEqual({
    requests: { 'cpu': '250m', 'memory': '256Mi', 'ephemeral-storage': '1Gi' },
    limits: { 'cpu': '1', 'memory': '1536Mi', 'ephemeral-storage': '2Gi' },
  });
  expect(spec.containers[0].env).toEqual([
    { name: 'PROFILE', value: 'production' },
    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'FLAG', valueFrom: { configMapKeyRef: { name: 'flags', key: 'beta', optional: true } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
  ]);
  expect(spec.volumes).toEqual([
    { name: 'config', configMap: { name: 'app-config', items: [{ key: 'app.yaml', path: 'app.yaml' }], defaultMode: 0o444 } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
  ]);
  expect(toYaml(spec)).toMatchSnapshot();
});

test('containers, env, mounts and labels added after construction are seen at synth', () => {
  const chart = Testing.chart();
  const pod = new Pod(chart, 'Late', { name: 'late' });
  const web = pod.addContainer({ name: 'web', image: 'nginx:1.25' });
  web.addPort({ number: 80 });
  web.addEnv('MODE', 'late');
  web.mount('/cache', Volume.emptyDir('cache'));
  pod.metadata.addLabel('team', 'platform');
  pod.addNodeSelector('disktype', 'ssd');
  const out = synthOne(chart);
  expect(out.metadata.labels).toEqual({ team: 'platform' });
  expect(out.spec).toEqual({
    nodeSelector: { disktype: 'ssd' },
    containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'MODE', value: 'late' }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }],
    volumes: [{ name: 'cache', emptyDir: {} }],
  });
});

test('the L1 object is reachable as ApiObject.of(pod) for escape hatches', () => {
  const chart = Testing.chart();
  const pod = new Pod(chart, 'P', { name: 'p', containers: [{ name: 'c', image: 'busybox:1.36' }] });
  ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/shareProcessNamespace', true));
  expect(ApiObject.of(pod)).toBe(pod.apiObject);
  expect(synthOne(chart).spec.shareProcessNamespace).toBe(true);
});

test('a volume mounted by object is declared once, however many containers mount it', () => {
  const chart = Testing.chart();
  const shared = Volume.emptyDir('shared');
  new Pod(chart, 'P', {
    name: 'p',
    containers: [
      { name: 'a', image: 'busybox:1.36', volumeMounts: [{ volume: shared, path: '/a' }] },
      { name: 'b', image: 'busybox:1.36', volumeMounts: [{ volume: shared, path: '/b', readOnly: true }] },
    ],
  });
  expect(synthOne(chart).spec.volumes).toEqual([{ name: 'shared', emptyDir: {} }]);
});

test('two synths of the same app are byte-identical', () => {
  const build = () => {
    const app = Testing.app();
    const chart = new (require('cdk8s').Chart)(app, 'c');
    new Pod(chart, 'P', { name: 'p', labels: { b: '2', a: '1' }, containers: [{ name: 'c', image: 'busybox:1.36', env: { Z: '1', A: '2' } }] });
    return app.synthYaml();
  };
  expect(build()).toEqual(build());
});

test('fails when two containers share a port', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web', {
    name: 'web',
    containers: [{ name: 'web', image: 'nginx:1.25', port: 80 }, { name: 'log-shipper', image: 'fluent/fluent-bit:3.0', port: 80 }],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[1].ports[0].containerPort: containers 'web' and 'log-shipper' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
  ]);
});

test('fails when a mount names an undeclared volume', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Web', {
    name: 'web',
    volumes: [Volume.emptyDir('html')],
    containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: 'htlm', path: '/usr/share/nginx/html' }] }],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].volumeMounts[0].name: container 'web' mounts volume 'htlm', which the pod does not declare; did you mean 'html'? Otherwise add it to spec.volumes [mount-undeclared]",
  ]);
});

test('fails listing every error of every pod at once', () => {
  const chart = Testing.chart();
  new Pod(chart, 'A', {
    name: 'a',
    containers: [
      { name: 'app', image: 'app:1.0', env: { MESSAGE: 'running on $(PROFILE)', PROFILE: 'production' } },
      { name: 'app', image: 'app:1.0' },
    ],
  });
  new Pod(chart, 'B', { name: 'B', containers: [{ name: 'c', image: ' busybox' }] });
  expect(synthErrors(chart)).toEqual([
    "[test/A] spec.containers[1].name: container name 'app' is used twice (spec.containers[0] and spec.containers[1]); container names must be unique across containers and init containers, so rename one of them [container-name-unique]",
    "[test/A] spec.containers[0].env[0].value: env 'MESSAGE' of container 'app' uses $(PROFILE), which is defined later at env[1]; Kubernetes leaves it unexpanded, so define 'PROFILE' before 'MESSAGE' [env-reference]",
    "[test/B] metadata.name: name 'B' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'b' [object-name]",
    "[test/B] spec.containers[0].image: image ' busybox' of container 'c' has leading or trailing spaces; use 'busybox' [image]",
  ]);
});

test('fails when a restricted pod is not hardened', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Api', {
    name: 'api',
    podSecurityStandard: 'restricted' as any,
    containers: [{ name: 'api', image: 'api:1.0', securityContext: { privileged: true } }],
  });
  expect(synthErrors(chart)).toEqual([
    "[test/Api] spec.containers[0].securityContext.capabilities.drop: container 'api' does not drop all capabilities; set securityContext.capabilities.drop: [ALL] [pss-capabilities-restricted]",
    "[test/Api] spec.containers[0].securityContext.allowPrivilegeEscalation: container 'api' allows privilege escalation; set securityContext.allowPrivilegeEscalation: false [pss-privilege-escalation]",
    "[test/Api] spec.containers[0].securityContext.privileged: container 'api' is privileged and has full access to the node; remove privileged: true and add only the capabilities it needs [pss-privileged]",
    "[test/Api] spec.containers[0].securityContext.runAsNonRoot: container 'api' may run as root; set securityContext.runAsNonRoot: true on the pod or the container [pss-run-as-non-root]",
    "[test/Api] spec.containers[0].securityContext.seccompProfile: container 'api' has no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault on the pod or the container [pss-seccomp-restricted]",
  ]);
});

test('changes after a synth are checked again at the next synth', () => {
  // GIVEN a pod that fails: it mounts a volume it does not declare
  const chart = Testing.chart();
  const pod = new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ volume: 'html', path: '/html' }] }] });
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].volumeMounts[0].name: container 'web' mounts volume 'html', which the pod does not declare; add it to spec.volumes [mount-undeclared]",
  ]);

  // WHEN the volume is declared, THEN it passes
  pod.addVolume(Volume.emptyDir('html'));
  expect(synthErrors(chart)).toEqual([]);

  // WHEN a container change breaks it again, THEN it fails again
  pod.containers[0].addEnv('MESSAGE', 'on $(PROFILE)');
  expect(synthErrors(chart)).toEqual([
    "[test/Web] spec.containers[0].env[0].value: env 'MESSAGE' of container 'web' uses $(PROFILE), which the container does not define; Kubernetes leaves it as the literal text, so define 'PROFILE' earlier in env, or write $$(PROFILE) for a literal [env-reference]",
  ]);

  // WHEN only metadata changes, THEN that is seen too
  pod.containers[0].addEnv('PROFILE', 'production');
  pod.metadata.addLabel('tier', 'front end');
  expect(synthErrors(chart)).toEqual([
    "[test/Web] metadata.labels.tier: label tier='front end': the value is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'front-end' [labels]",
    "[test/Web] spec.containers[0].env[0].value: env 'MESSAGE' of container 'web' uses $(PROFILE), which is defined later at env[1]; Kubernetes leaves it unexpanded, so define 'PROFILE' before 'MESSAGE' [env-reference]",
  ]);
});
