// Probes and lifecycle hooks of the model (lib/model/probe.ts): exact fields, timings in whole seconds,
// and the errors for what Kubernetes rejects.
import { Duration, Testing } from 'cdk8s';
import { ContainerProps, LifecycleHandler, Pod, Probe } from '../lib';
import { synthErrors, synthOne } from './util';

/** The container of a one-pod chart whose only container has `props` (name `web`, image `nginx:1.25`, port 8080 named `http`). */
function renderContainer(props: Partial<ContainerProps>): any {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ number: 8080, name: 'http' }], ...props }] });
  return synthOne(chart).spec.containers[0];
}

function errorsOf(props: Partial<ContainerProps>): string[] {
  const chart = Testing.chart();
  new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ number: 8080, name: 'http' }], ...props }] });
  return synthErrors(chart);
}

test('defaults', () => {
  // GIVEN a probe of each kind with no options
  // WHEN they are rendered
  const c = renderContainer({
    liveness: Probe.httpGet('/healthz', { port: 'http' }),
    readiness: Probe.tcpSocket(8080),
    startup: Probe.exec(['cat', '/tmp/started']),
  });

  // THEN only the handler is emitted: Kubernetes' defaults (period 10 s, timeout 1 s, thresholds 1 and 3) are not repeated
  expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' } });
  expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 } });
  expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/started'] } });
  expect(c.lifecycle).toBeUndefined();
});

test('timings are whole seconds, not milliseconds', () => {
  // GIVEN every timing of a probe, given in seconds and in minutes
  const c = renderContainer({
    liveness: Probe.httpGet('/healthz', {
      port: 8080,
      initialDelay: Duration.seconds(15),
      period: Duration.seconds(20),
      timeout: Duration.seconds(3),
      failureThreshold: 4,
      successThreshold: 1,
    }),
    startup: Probe.tcpSocket('http', { period: Duration.minutes(1), failureThreshold: 30 }),
  });

  // THEN the fields are the numbers of seconds, in the order the Kubernetes docs write them
  expect(c.livenessProbe).toEqual({
    httpGet: { path: '/healthz', port: 8080 },
    initialDelaySeconds: 15,
    periodSeconds: 20,
    timeoutSeconds: 3,
    successThreshold: 1,
    failureThreshold: 4,
  });
  expect(Object.keys(c.livenessProbe)).toEqual(['httpGet', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']);
  expect(c.startupProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 60, failureThreshold: 30 });
});

test('an httpGet probe has its scheme and headers, in order', () => {
  const c = renderContainer({
    readiness: Probe.httpGet('/ready', { port: 8443, scheme: 'HTTPS', headers: { 'X-Probe': 'kubelet', 'Accept': 'application/json' } }),
  });
  expect(c.readinessProbe).toEqual({
    httpGet: { path: '/ready', port: 8443, scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: 'kubelet' }, { name: 'Accept', value: 'application/json' }] },
  });
});

test('a grpc probe has its port and service', () => {
  const c = renderContainer({
    liveness: Probe.grpc(9090, { service: 'health.v1', timeout: Duration.seconds(2) }),
    readiness: Probe.grpc(9090),
  });
  expect(c.livenessProbe).toEqual({ grpc: { port: 9090, service: 'health.v1' }, timeoutSeconds: 2 });
  expect(c.readinessProbe).toEqual({ grpc: { port: 9090 } });
});

test('the options of a probe are copied when it is made', () => {
  const command = ['cat', '/tmp/ready'];
  const headers: { [name: string]: string } = { 'X-Probe': 'kubelet' };
  const exec = Probe.exec(command);
  const http = Probe.httpGet('/ready', { port: 8080, headers });
  command.push('/tmp/other');
  headers['X-Other'] = 'x';
  const c = renderContainer({ liveness: exec, readiness: http });
  expect(c.livenessProbe).toEqual({ exec: { command: ['cat', '/tmp/ready'] } });
  expect(c.readinessProbe.httpGet.httpHeaders).toEqual([{ name: 'X-Probe', value: 'kubelet' }]);
});

test('lifecycle hooks: an exec postStart and an httpGet preStop', () => {
  // GIVEN
  // WHEN
  const c = renderContainer({
    lifecycle: {
      postStart: LifecycleHandler.exec(['sh', '-c', 'echo started > /tmp/started']),
      preStop: LifecycleHandler.httpGet('/drain', { port: 'http', scheme: 'HTTP', headers: { 'X-Reason': 'shutdown' } }),
    },
  });

  // THEN
  expect(c.lifecycle).toEqual({
    postStart: { exec: { command: ['sh', '-c', 'echo started > /tmp/started'] } },
    preStop: { httpGet: { path: '/drain', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Reason', value: 'shutdown' }] } },
  });
  expect(Object.keys(c)).toEqual(['name', 'image', 'ports', 'lifecycle']);
});

test('a single hook renders alone', () => {
  expect(renderContainer({ lifecycle: { preStop: LifecycleHandler.exec(['nginx', '-s', 'quit']) } }).lifecycle)
    .toEqual({ preStop: { exec: { command: ['nginx', '-s', 'quit'] } } });
  expect(renderContainer({ lifecycle: { postStart: LifecycleHandler.httpGet('/warm', { port: 8080 }) } }).lifecycle)
    .toEqual({ postStart: { httpGet: { path: '/warm', port: 8080 } } });
});

test('fails when a probe period is not whole seconds', () => {
  expect(errorsOf({ readiness: Probe.tcpSocket(8080, { period: Duration.millis(1500) }) })).toEqual([
    '[test/Web] spec.containers[0].readinessProbe.periodSeconds: periodSeconds is the number 1.5 but must be an integer; use a whole number such as 2 [field-type]',
  ]);
});

test('fails when a probe timeout is under a second', () => {
  expect(errorsOf({ liveness: Probe.exec(['true'], { timeout: Duration.millis(500) }) })).toEqual([
    '[test/Web] spec.containers[0].livenessProbe.timeoutSeconds: timeoutSeconds is the number 0.5 but must be an integer; use a whole number such as 1 [field-type]',
  ]);
});

test('fails when a liveness probe has a successThreshold other than 1', () => {
  expect(errorsOf({ liveness: Probe.tcpSocket(8080, { successThreshold: 2 }) })).toEqual([
    "[test/Web] spec.containers[0].livenessProbe.successThreshold: livenessProbe.successThreshold 2 of container 'web' is not 1, and only readiness probes take another value; set it to 1 or remove it [probe-handler]",
  ]);
});

test('fails when a probe names a port the container does not declare', () => {
  expect(errorsOf({ readiness: Probe.httpGet('/ready', { port: 'metrics' }) })).toEqual([
    "[test/Web] spec.containers[0].readinessProbe.httpGet.port: readinessProbe of container 'web' uses port 'metrics', which the container does not declare; name one of its ports 'metrics' or use a number [probe-port]",
  ]);
});

test('fails when a hook names a port the container does not declare', () => {
  expect(errorsOf({ lifecycle: { preStop: LifecycleHandler.httpGet('/drain', { port: 'admin' }) } })).toEqual([
    "[test/Web] spec.containers[0].lifecycle.preStop.httpGet.port: lifecycle.preStop of container 'web' uses port 'admin', which the container does not declare; name one of its ports 'admin' or use a number [probe-port]",
  ]);
});

test('fails when a probe is not a Probe (a plain-JS caller)', () => {
  expect(errorsOf({ liveness: { httpGet: { path: '/', port: 80 } } as any })).toEqual([
    "[test/Web] spec.containers[0].livenessProbe: liveness of container 'web' is {\"httpGet\":{\"path\":\"/\",\"port\":80}} but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc() [field-type]",
  ]);
});
