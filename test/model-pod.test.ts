// The pod model (lib/constructs/pod.ts, lib/model/toleration.ts): the default name, tolerations, which containers
// run together for the port-clash rule, and the render cache: every change made after a synth
// must show in the next synth's output and findings.
import { Chart, Testing } from 'cdk8s';
import {
  KubernetesVersion, Pod, Protocol, setKubernetesVersion, SidecarMode, TaintEffect, TolerationOperator, Volume,
} from '../lib';
import { synthErrors, synthOne } from './util';

/** A chart of an app checked against `version`. */
function chartAt(version: KubernetesVersion): Chart {
  const app = Testing.app();
  setKubernetesVersion(app, version);
  return new Chart(app, 'test');
}

test('defaults', () => {
  // GIVEN a pod with one container and no name
  const chart = Testing.chart();

  // WHEN
  new Pod(chart, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });

  // THEN the name is the id in lower case, and nothing but the containers is in the spec
  expect(synthOne(chart)).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } });
});

describe('the default name', () => {
  test.each([
    ['Web__@@Server', 'web-server'],
    ['API  Gateway!!v2', 'api-gateway-v2'],
    ['db.primary-0', 'db.primary-0'],
    ['Cache', 'cache'],
  ])('id %p gives the name %p: lower case, and each run of other characters one -', (id, name) => {
    const chart = Testing.chart();
    const pod = new Pod(chart, id, { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    expect(pod.name).toEqual(name);
    expect(synthOne(chart).metadata.name).toEqual(name);
  });

  test('an explicit name is kept exactly', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web__Server', { name: 'frontend', containers: [{ name: 'web', image: 'nginx:1.25' }] });
    expect(synthOne(chart).metadata.name).toEqual('frontend');
  });
});

describe('tolerations', () => {
  test('every field, in the order Kubernetes documents them, props first and then addToleration', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', {
      name: 'web',
      containers: [{ name: 'web', image: 'nginx:1.25' }],
      tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'batch', effect: TaintEffect.NO_SCHEDULE }],
    });

    // WHEN
    const late = { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 300 };
    pod.addToleration(late);
    (late as any).tolerationSeconds = 1; // a copy was taken
    pod.addToleration({ operator: TolerationOperator.EXISTS });

    // THEN
    const tolerations = synthOne(chart).spec.tolerations;
    expect(tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists' },
    ]);
    expect(Object.keys(tolerations[1])).toEqual(['key', 'operator', 'effect', 'tolerationSeconds']);
  });

  test('fails when tolerationSeconds is set without effect NoExecute', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25' }], tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: 60 }] });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.tolerations[0].effect: tolerationSeconds is set with effect 'NoSchedule'; only NoExecute taints evict, so set effect: NoExecute or remove tolerationSeconds [toleration]",
    ]);
  });

  test('fails when operator Exists has a value', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25' }], tolerations: [{ key: 'dedicated', operator: TolerationOperator.EXISTS, value: 'gpu' }] });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.tolerations[0].value: toleration 'dedicated' has operator Exists and value 'gpu'; Exists matches any value, so remove the value or use operator: Equal [toleration]",
    ]);
  });
});

describe('which containers run together (port-clash)', () => {
  test('a plain init container may use the port of an app container: it has finished before the app starts', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Web', {
      name: 'web',
      initContainers: [{ name: 'warm-up', image: 'warm-up:1.0', port: 8080 }],
      containers: [{ name: 'web', image: 'nginx:1.25', port: 8080 }],
    });
    expect(synthErrors(chart)).toEqual([]);
  });

  test('two plain init containers may use the same port: they run one after the other', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25' }] });
    pod.addInitContainer({ name: 'first', image: 'busybox:1.36', port: 9000 });
    pod.addInitContainer({ name: 'second', image: 'busybox:1.36', port: 9000 });
    expect(synthErrors(chart)).toEqual([]);
  });

  test('fails when a native sidecar uses the port of an app container: it runs beside the app', () => {
    const chart = chartAt(KubernetesVersion.V1_29);
    new Pod(chart, 'Web', {
      name: 'web',
      sidecarMode: SidecarMode.NATIVE,
      sidecars: [{ name: 'proxy', image: 'envoy:1.29', port: 8080 }],
      containers: [{ name: 'web', image: 'nginx:1.25', port: 8080 }],
    });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[0].ports[0].containerPort: containers 'proxy' and 'web' both listen on port 8080/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
    ]);
  });

  test('the same number with another protocol is another port', () => {
    const chart = Testing.chart();
    new Pod(chart, 'Dns', {
      name: 'dns',
      containers: [
        { name: 'tcp', image: 'coredns:1.11', ports: [{ number: 53 }] },
        { name: 'udp', image: 'coredns:1.11', ports: [{ number: 53, protocol: Protocol.UDP }] },
      ],
    });
    expect(synthErrors(chart)).toEqual([]);
  });
});

describe('the render cache: a change after a synth shows in the next synth', () => {
  /** A valid pod, synthesized (and so validated and rendered) once. */
  function synthesized() {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'nginx:1.25', port: 80 }] });
    const first = synthOne(chart);
    expect(synthErrors(chart)).toEqual([]);
    return { chart, pod, web: pod.containers[0], first };
  }

  test('addInitContainer', () => {
    // GIVEN
    const { chart, pod, first } = synthesized();
    expect(first.spec.initContainers).toBeUndefined();

    // WHEN
    pod.addInitContainer({ name: 'migrate', image: 'migrate:1.0', command: ['migrate', 'up'] });

    // THEN the output has it
    expect(synthOne(chart).spec.initContainers).toEqual([{ name: 'migrate', image: 'migrate:1.0', command: ['migrate', 'up'] }]);

    // AND the findings see the next one
    pod.addInitContainer({ name: 'web', image: 'busybox:1.36' });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[0].name: container name 'web' is used twice (spec.initContainers[1] and spec.containers[0]); container names must be unique across containers and init containers, so rename one of them [container-name-unique]",
    ]);
  });

  test('addNodeSelector', () => {
    const { chart, pod, first } = synthesized();
    expect(first.spec.nodeSelector).toBeUndefined();

    pod.addNodeSelector('disktype', 'ssd');
    expect(synthOne(chart).spec.nodeSelector).toEqual({ disktype: 'ssd' });

    pod.addNodeSelector('gpu', 'yes please');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.nodeSelector.gpu: nodeSelector gpu='yes please': the value is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'yes-please' [node-selector]",
    ]);
  });

  test('a change to an init container through its own methods', () => {
    const { chart, pod } = synthesized();
    const init = pod.addInitContainer({ name: 'migrate', image: 'migrate:1.0' });
    expect(synthErrors(chart)).toEqual([]);

    init.mount('/seed', Volume.emptyDir('seed'));
    expect(synthOne(chart).spec.initContainers).toEqual([{ name: 'migrate', image: 'migrate:1.0', volumeMounts: [{ name: 'seed', mountPath: '/seed' }] }]);

    init.addEnv('URL', 'postgres://$(DB_HOST)/app');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.initContainers[0].env[0].value: env 'URL' of init container 'migrate' uses $(DB_HOST), which the container does not define; Kubernetes leaves it as the literal text, so define 'DB_HOST' earlier in env, or write $$(DB_HOST) for a literal [env-reference]",
    ]);
  });

  test('container.mount', () => {
    const { chart, web } = synthesized();

    web.mount('/cache', Volume.emptyDir('cache'), { readOnly: true });
    const pod = synthOne(chart);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'cache', mountPath: '/cache', readOnly: true }]);
    expect(pod.spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);

    web.mount('/html', 'html');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[0].volumeMounts[1].name: container 'web' mounts volume 'html', which the pod does not declare; add it to spec.volumes [mount-undeclared]",
    ]);
  });

  test('container.addPort', () => {
    const { chart, pod, web } = synthesized();

    web.addPort({ number: 443, name: 'https' });
    expect(synthOne(chart).spec.containers[0].ports).toEqual([{ containerPort: 80 }, { name: 'https', containerPort: 443 }]);

    const proxy = pod.addContainer({ name: 'proxy', image: 'envoy:1.29' });
    expect(synthErrors(chart)).toEqual([]);
    proxy.addPort({ number: 443 });
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 443/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
    ]);
  });

  test('metadata.addLabel', () => {
    const { chart, pod, first } = synthesized();
    expect(first.metadata).toEqual({ name: 'web' });

    pod.metadata.addLabel('app', 'web');
    expect(synthOne(chart).metadata).toEqual({ name: 'web', labels: { app: 'web' } });

    pod.metadata.addLabel('tier', 'front end');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] metadata.labels.tier: label tier='front end': the value is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'front-end' [labels]",
    ]);
  });

  test('metadata.addAnnotation', () => {
    const { chart, pod } = synthesized();
    pod.metadata.addAnnotation('bad key', 'x');
    expect(synthErrors(chart)).toEqual([
      "[test/Web] metadata.annotations['bad key']: annotation key 'bad key' has a name part that is not alphanumeric with '-', '_' or '.' inside; use a key such as 'owner' or 'example.com/owner' [annotations]",
    ]);
  });
});
