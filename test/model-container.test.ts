// Containers of the model (lib/model/container.ts, lib/model/env.ts, lib/model/security.ts): exact fields for ports,
// env and envFrom, security contexts and resource presets, and the errors about them.
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Capability, ContainerProps, EnvFrom, EnvValue, Pod, Protocol, ResourcePresets, SeccompProfileType, SecurityPresets } from '../lib';
import { synthErrors, synthOne } from './util';

function renderContainer(props: Partial<ContainerProps>): any {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', ...props }] });
  return synthOne(chart).spec.containers[0];
}

function errorsOf(props: Partial<ContainerProps>): string[] {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', ...props }] });
  return synthErrors(chart);
}

test('defaults', () => {
  // GIVEN a container with only a name and an image
  // WHEN it is rendered
  // THEN nothing else is emitted: no ports, env, resources, probes or security context
  expect(renderContainer({})).toEqual({ name: 'web', image: 'nginx:1.25' });
});

describe('ports', () => {
  test('a hostPort and a UDP port', () => {
    const c = renderContainer({
      ports: [
        { number: 8080, name: 'http', hostPort: 80 },
        { number: 8125, name: 'statsd', protocol: Protocol.UDP },
        { number: 3868, protocol: Protocol.SCTP },
      ],
    });
    // In the order Kubernetes documents the fields; TCP, the default, is not emitted.
    expect(c.ports).toEqual([
      { name: 'http', containerPort: 8080, hostPort: 80 },
      { name: 'statsd', containerPort: 8125, protocol: 'UDP' },
      { containerPort: 3868, protocol: 'SCTP' },
    ]);
    expect(Object.keys(c.ports[0])).toEqual(['name', 'containerPort', 'hostPort']);
    expect(Object.keys(c.ports[1])).toEqual(['name', 'containerPort', 'protocol']);
  });

  test('port, ports and addPort add up in order, and addPort copies its argument', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web' });
    const web = pod.addContainer({ name: 'web', image: 'nginx:1.25', port: 80, ports: [{ number: 443, name: 'https' }] });
    const dns = { number: 53, protocol: Protocol.UDP };
    web.addPort(dns);
    (dns as any).number = 54;
    expect(synthOne(chart).spec.containers[0].ports).toEqual([{ containerPort: 80 }, { name: 'https', containerPort: 443 }, { containerPort: 53, protocol: 'UDP' }]);
    expect(web.ports).toEqual([{ number: 80 }, { number: 443, name: 'https' }, { number: 53, protocol: 'UDP' }]);
  });

  test('fails when two containers bind the same hostPort', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', {
      name: 'web',
      containers: [
        { name: 'proxy', image: 'envoy:1.29', ports: [{ number: 8080, hostPort: 80 }] },
        { name: 'admin', image: 'admin:1.0', ports: [{ number: 9090, hostPort: 80 }] },
      ],
    });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[1].ports[0].hostPort: hostPort 80/TCP of container 'admin' is already taken by container 'proxy'; a node port can be bound once, so pick another hostPort [host-port-clash]",
    ]);
  });

  test('fails when a hostPort is out of range', () => {
    expect(errorsOf({ ports: [{ number: 8080, hostPort: 70000 }] })).toEqual([
      "[test/Web] spec.containers[0].ports[0].hostPort: hostPort 70000 of container 'web' is outside 1-65535; use a valid port or remove hostPort [port-range]",
    ]);
  });
});

describe('env and envFrom', () => {
  test('envFrom: a ConfigMap with a prefix and a Secret, before env, in order', () => {
    const chart = Testing.chart();
    const config = kplus.ConfigMap.fromConfigMapName(chart, 'Config', 'app-config');
    new Pod(chart, 'Web', {
      name: 'web',
      containers: [{ name: 'web', image: 'nginx:1.25', env: { MODE: 'prod' }, envFrom: [EnvFrom.configMap(config, 'CFG_'), EnvFrom.secret('db-credentials')] }],
    });
    const c = synthOne(chart).spec.containers[0];
    expect(c.envFrom).toEqual([{ prefix: 'CFG_', configMapRef: { name: 'app-config' } }, { secretRef: { name: 'db-credentials' } }]);
    expect(Object.keys(c)).toEqual(['name', 'image', 'envFrom', 'env']);
  });

  test('addEnvFrom adds after the envFrom of the props', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web' });
    const web = pod.addContainer({ name: 'web', image: 'nginx:1.25', envFrom: [EnvFrom.configMap('base')] });
    web.addEnvFrom(EnvFrom.secret('tokens', 'TOKEN_'));
    web.addEnvFrom(EnvFrom.configMap('overrides'));
    expect(synthOne(chart).spec.containers[0].envFrom).toEqual([
      { configMapRef: { name: 'base' } },
      { prefix: 'TOKEN_', secretRef: { name: 'tokens' } },
      { configMapRef: { name: 'overrides' } },
    ]);
  });

  test('env keeps the order of declaration, props first, then addEnv', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web' });
    const web = pod.addContainer({ name: 'web', image: 'nginx:1.25', env: { HOST: EnvValue.fromField('status.podIP'), URL: 'http://$(HOST):8080' } });
    web.addEnv('LITERAL', EnvValue.literal('$$(HOST)'));
    expect(web.envNames).toEqual(['HOST', 'URL', 'LITERAL']);
    expect(synthOne(chart).spec.containers[0].env).toEqual([
      { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'URL', value: 'http://$(HOST):8080' },
      { name: 'LITERAL', value: '$$(HOST)' },
    ]);
  });

  test('a reference to a variable of an envFrom source is left to Kubernetes', () => {
    expect(errorsOf({ envFrom: [EnvFrom.configMap('app-config')], env: { URL: 'http://$(DB_HOST):5432' } })).toEqual([]);
  });

  test('fails when env refers to a variable defined later', () => {
    expect(errorsOf({ env: { URL: 'http://$(HOST):8080', HOST: 'db' } })).toEqual([
      "[test/Web] spec.containers[0].env[0].value: env 'URL' of container 'web' uses $(HOST), which is defined later at env[1]; Kubernetes leaves it unexpanded, so define 'HOST' before 'URL' [env-reference]",
    ]);
  });

  // A variable that refers to itself, A=$(A): Kubernetes expands $(A) with the variables defined
  // before A only, so the value stays the literal text '$(A)'.
  test('fails when an env variable refers to itself', () => {
    expect(errorsOf({ env: { PATH_EXTRA: '/opt/bin:$(PATH_EXTRA)' } })).toEqual([
      "[test/Web] spec.containers[0].env[0].value: env 'PATH_EXTRA' of container 'web' uses $(PATH_EXTRA), its own name, before it is defined; Kubernetes expands only variables defined earlier in env (not the image's), so the value keeps the literal text: build it from another variable defined earlier, or write $$(PATH_EXTRA) for a literal [env-reference]",
    ]);
  });

  test('fails when a variable is defined twice', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web' });
    pod.addContainer({ name: 'web', image: 'nginx:1.25', env: { MODE: 'dev' } }).addEnv('MODE', 'prod');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[0].env[1].name: env 'MODE' of container 'web' is already defined at env[0] and hides it; remove one of the two [env-duplicate]",
    ]);
  });
});

describe('security context', () => {
  test('every field, in the order Kubernetes documents them', () => {
    const c = renderContainer({
      securityContext: {
        runAsUser: 1000,
        runAsGroup: 3000,
        runAsNonRoot: true,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { add: [Capability.NET_BIND_SERVICE], drop: [Capability.ALL] },
        seccompProfile: { type: SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/web.json' },
      },
    });
    expect(c.securityContext).toEqual({
      runAsUser: 1000,
      runAsGroup: 3000,
      runAsNonRoot: true,
      privileged: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/web.json' },
    });
    expect(Object.keys(c.securityContext)).toEqual(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'privileged', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'capabilities', 'seccompProfile']);
  });

  test('only the fields given are emitted; empty capability lists are not', () => {
    expect(renderContainer({ securityContext: { readOnlyRootFilesystem: true } }).securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(renderContainer({ securityContext: { capabilities: { add: [], drop: ['ALL'] } } }).securityContext).toEqual({ capabilities: { drop: ['ALL'] } });
    expect(renderContainer({ securityContext: {} }).securityContext).toEqual({});
  });

  test('SecurityPresets.restrictedContainer', () => {
    expect(renderContainer({ securityContext: SecurityPresets.restrictedContainer() }).securityContext).toEqual({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('fails when allowPrivilegeEscalation is false in a privileged container', () => {
    expect(errorsOf({ securityContext: { privileged: true, allowPrivilegeEscalation: false } })).toEqual([
      "[test/Web] spec.containers[0].securityContext.allowPrivilegeEscalation: container 'web' sets allowPrivilegeEscalation: false and privileged: true, which Kubernetes rejects: a privileged container can always escalate; remove one of the two [user-group-id]",
    ]);
  });

  test('fails when runAsUser is negative', () => {
    expect(errorsOf({ securityContext: { runAsUser: -1 } })).toEqual([
      "[test/Web] spec.containers[0].securityContext.runAsUser: runAsUser of container 'web' -1 is outside 0-2147483647; use a Linux ID such as 1000 (0 is root) [user-group-id]",
    ]);
  });
});

describe('ResourcePresets', () => {
  test.each([
    ['small', ResourcePresets.small(), { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } }],
    ['medium', ResourcePresets.medium(), { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }],
    ['large', ResourcePresets.large(), { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } }],
  ])('%s renders its documented requests and limits', (_name, resources, expected) => {
    expect(renderContainer({ resources }).resources).toEqual(expected);
  });

  test('a preset combines with extended resources', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web' });
    pod.addContainer({ name: 'web', image: 'nginx:1.25', resources: { ...ResourcePresets.small(), extended: { 'example.com/foo': 1 } } });
    expect(synthOne(chart).spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { 'cpu': '200m', 'memory': '256Mi', 'example.com/foo': 1 },
    });
  });
});
