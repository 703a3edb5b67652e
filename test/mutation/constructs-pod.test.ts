// Survivors of lib/constructs/pod.ts (test/mutation/SURVIVORS.md): the render cache and what invalidates it (changes
// through the pod's methods, an escape-hatch patch, a template changed after synth), plain-JS props of the wrong type,
// the crash paths, the template-naming errors, and the dedup of volumes mounted by object.
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Deployment, Pod, Service, SidecarMode, TolerationOperator, Volume } from '../../lib';
import { KUBERNETES_VERSION_CONTEXT } from '../../lib/constructs/pod';
import { synthErrors, synthOne } from '../util';

const APP = { name: 'app', image: 'busybox:1.36' };
const none = null as any;

/** A pod that shows how many sidecars it counted (the counter `SidecarPod` checks). */
class CountingPod extends Pod {
  public sidecarCount(): number {
    return this._sidecarCount;
  }
}

describe('plain-JS props', () => {
  test('null props are no props: synth reports the missing containers, it does not throw', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const pod = new Pod(chart, 'P', none);

    // THEN
    expect(pod.name).toBe('p');
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.containers: the pod has no containers, which Kubernetes requires; add at least one container [required-field]',
    ]);
  });

  test('a function given as props is no props, whatever properties it carries', () => {
    // GIVEN
    const chart = Testing.chart();
    const props = Object.assign(() => undefined, { containers: [APP] });

    // WHEN
    const pod = new Pod(chart, 'P', props as any);

    // THEN
    expect(pod.containers).toEqual([]);
    expect(pod.name).toBe('p');
  });

  test('null list props and a null nodeSelector are left out, like undefined ones', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new Pod(chart, 'P', {
      containers: [APP],
      initContainers: none,
      sidecars: none,
      volumes: none,
      tolerations: none,
      nodeSelector: none,
      securityContext: none,
    });

    // THEN
    expect(synthErrors(chart)).toEqual([]);
    expect(synthOne(chart)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
    });
  });

  test('a null securityContext is rendered as none, not as null', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP], securityContext: none });
    expect(pod._renderSpec()).toStrictEqual({ containers: [{ name: 'app', image: 'busybox:1.36' }] });
  });

  test('null containers are left out too: the pod then has none', () => {
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: none });
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.containers: the pod has no containers, which Kubernetes requires; add at least one container [required-field]',
    ]);
  });

  test('list and map props that are not lists or maps are each reported at their field, all of them', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new Pod(chart, 'P', {
      containers: [APP],
      initContainers: 'x' as any,
      sidecars: {} as any,
      volumes: 5 as any,
      nodeSelector: 'z' as any,
      tolerations: 'y' as any,
    });

    // THEN
    expect(synthErrors(chart)).toEqual([
      "[test/P] spec.initContainers: initContainers is 'x' but must be a list of containers; write it as [{ name: 'migrate', image: 'migrate:1.0' }] [field-type]",
      "[test/P] spec.containers: sidecars is {} but must be a list of containers; write it as [{ name: 'proxy', image: 'envoy:1.29' }] [field-type]",
      "[test/P] spec.volumes: volumes is 5 but must be a list of Volumes; write it as [Volume.emptyDir('cache')] [field-type]",
      "[test/P] spec.nodeSelector: nodeSelector is 'z' but must be a map of node label keys to values; write it as { gpu: 'true' } [field-type]",
      "[test/P] spec.tolerations: tolerations is 'y' but must be a list of tolerations; write it as [{ key: 'dedicated', operator: TolerationOperator.EXISTS }] [field-type]",
    ]);
  });

  test('containers that are not a list are reported at spec.containers', () => {
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: 'app' as any });
    expect(synthErrors(chart)).toEqual([
      "[test/P] spec.containers: containers is 'app' but must be a list of containers; write it as [{ name: 'web', image: 'nginx:1.25' }] [field-type]",
    ]);
  });

  test('imagePullSecrets entries that are neither a name nor a Secret are each reported; names and Secrets are written', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new Pod(chart, 'P', { containers: [APP], imagePullSecrets: [42, none, {}, 'regcred', { name: 'other' }] as any });

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.imagePullSecrets[0]: imagePullSecrets[0] is 42 but must be a cdk8s-plus Secret or the name of a Secret; remove it or give the name [field-type]',
      '[test/P] spec.imagePullSecrets[1]: imagePullSecrets[1] is null but must be a cdk8s-plus Secret or the name of a Secret; remove it or give the name [field-type]',
      '[test/P] spec.imagePullSecrets[2]: imagePullSecrets[2] is {} but must be a cdk8s-plus Secret or the name of a Secret; remove it or give the name [field-type]',
    ]);
  });

  test('a props problem of an init container is reported at its path under spec.initContainers', () => {
    const chart = Testing.chart();
    new Pod(chart, 'P', { initContainers: [{ name: 'init', image: 'busybox:1.36', env: 5 as any }], containers: [APP] });
    expect(synthErrors(chart)).toEqual([
      "[test/P] spec.initContainers[0].env: env of container 'init' is 5 but must be a map of names to values; write it as { PROFILE: 'production', PASSWORD: EnvValue.fromSecret(secret, 'password') } [field-type]",
    ]);
  });
});

describe('sidecars and the Kubernetes release', () => {
  test('an unsupported release is reported, and sidecars then stay classic (regular containers)', () => {
    // GIVEN
    const chart = Testing.chart();
    chart.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.99');

    // WHEN
    const pod = new Pod(chart, 'P', { containers: [APP], sidecars: [{ name: 'side', image: 'busybox:1.36' }] });

    // THEN
    expect(pod.containers.map(c => c.name)).toEqual(['app', 'side']);
    expect(pod.initContainers).toEqual([]);
    expect(synthErrors(chart)).toEqual([
      "[test/P] context cdk8s-pods:kubernetesVersion: kubernetesVersion '1.99' is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34' [pod]",
    ]);
  });

  test('every sidecar is counted, from the props and from addSidecar()', () => {
    const chart = Testing.chart();
    const pod = new CountingPod(chart, 'P', { containers: [APP], sidecars: [{ name: 'a', image: 'busybox:1.36' }], sidecarMode: SidecarMode.NATIVE });
    expect(pod.sidecarCount()).toBe(1);
    pod.addSidecar({ name: 'b', image: 'busybox:1.36' });
    expect(pod.sidecarCount()).toBe(2);
  });
});

describe('getters', () => {
  test('initContainers and nodeSelector are copies of what the pod has', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', {
      containers: [APP],
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      nodeSelector: { disk: 'ssd' },
      sidecars: [{ name: 'side', image: 'busybox:1.36' }],
      sidecarMode: SidecarMode.NATIVE,
    });

    // WHEN
    pod.addNodeSelector('zone', 'a');
    const inits = pod.initContainers;
    inits.pop();
    const selector = pod.nodeSelector;
    selector.extra = 'x';

    // THEN
    expect(pod.initContainers.map(c => c.name)).toEqual(['init', 'side']);
    expect(pod.nodeSelector).toEqual({ disk: 'ssd', zone: 'a' });
  });
});

describe('the render cache', () => {
  test('the spec is rendered once and reused until the pod changes', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    const first = pod._renderSpec();
    expect(pod._renderSpec()).toBe(first);
    pod.addNodeSelector('disk', 'ssd');
    const second = pod._renderSpec();
    expect(second).not.toBe(first);
    expect(second).toEqual({ nodeSelector: { disk: 'ssd' }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
  });

  test('a node selector and a volume added after a synth are written by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [{ ...APP, volumeMounts: [] }] });
    expect(synthOne(chart).spec).toEqual({ containers: [{ name: 'app', image: 'busybox:1.36' }] });

    // WHEN
    pod.addNodeSelector('disk', 'ssd');
    pod.addVolume(Volume.emptyDir('cache'));

    // THEN
    expect(Testing.synth(chart)[0].spec).toEqual({
      nodeSelector: { disk: 'ssd' },
      containers: [{ name: 'app', image: 'busybox:1.36' }],
      volumes: [{ name: 'cache', emptyDir: {} }],
    });
  });

  test('a toleration and a volume added after a synth are written by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    expect(synthOne(chart).spec).toEqual({ containers: [{ name: 'app', image: 'busybox:1.36' }] });

    // WHEN
    pod.addToleration({ key: 'dedicated', operator: TolerationOperator.EXISTS });
    pod.addVolume(Volume.emptyDir('cache'));

    // THEN
    expect(Testing.synth(chart)[0].spec).toEqual({
      tolerations: [{ key: 'dedicated', operator: 'Exists' }],
      containers: [{ name: 'app', image: 'busybox:1.36' }],
      volumes: [{ name: 'cache', emptyDir: {} }],
    });
  });

  test('a node selector and a patch added after a synth are both written by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    expect(synthOne(chart).spec).toEqual({ containers: [{ name: 'app', image: 'busybox:1.36' }] });

    // WHEN
    pod.addNodeSelector('disk', 'ssd');
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/priorityClassName', 'high'));

    // THEN
    expect(synthOne(chart).spec).toEqual({
      nodeSelector: { disk: 'ssd' },
      containers: [{ name: 'app', image: 'busybox:1.36' }],
      priorityClassName: 'high',
    });
  });

  test('a node selector and a patch added after a synth are both checked by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    expect(synthErrors(chart)).toEqual([]);

    // WHEN
    pod.addNodeSelector('disk', 'ssd');
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/terminationGracePeriodSeconds', -1));

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.terminationGracePeriodSeconds: terminationGracePeriodSeconds -1 is negative, and Kubernetes treats it as 1 second; use 0 for an immediate kill or a positive number of seconds [grace-period]',
    ]);
  });

  test('containers added after a synth are written by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    expect(synthOne(chart).spec.containers).toHaveLength(1);

    // WHEN
    pod.addInitContainer({ name: 'init', image: 'busybox:1.36' });
    pod.addContainer({ name: 'two', image: 'busybox:1.36' });

    // THEN
    expect(synthOne(chart).spec).toEqual({
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      containers: [{ name: 'app', image: 'busybox:1.36' }, { name: 'two', image: 'busybox:1.36' }],
    });
  });
});

describe('a pod as a template', () => {
  test('a change to the pod or its labels after a synth is written into the workload by the next synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: { app: 'web' }, containers: [APP] });
    new Deployment(chart, 'Web', { template: pod });
    expect(synthOne(chart).spec.template).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
    });

    // WHEN
    pod.addNodeSelector('disk', 'ssd');

    // THEN
    expect(synthOne(chart).spec.template).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'app', image: 'busybox:1.36' }] },
    });

    // WHEN
    pod.metadata.addLabel('tier', 'front');

    // THEN
    expect(synthOne(chart).spec.template).toEqual({
      metadata: { labels: { app: 'web', tier: 'front' } },
      spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'app', image: 'busybox:1.36' }] },
    });
  });

  test('a named pod rendered as a template before any workload adopts it says "a workload"', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { name: 'web', namespace: 'shop', containers: [APP] });

    // WHEN
    const t = pod._renderTemplate();

    // THEN
    expect(t.issues).toEqual([
      { path: ['metadata', 'name'], message: "the pod is the template of a workload and was given name 'web', but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload" },
      { path: ['metadata', 'namespace'], message: "the pod is the template of a workload and was given namespace 'shop', but a pod template has no namespace (its pods run in the workload's); remove namespace from the pod and set it on the workload" },
    ]);
  });

  test('a named pod rendered as a template before its adoption names its workload once adopted', () => {
    // GIVEN a render before any workload adopts the pod
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { name: 'web', labels: { app: 'web' }, containers: [APP] });
    expect(pod._renderTemplate().issues[0].message).toContain('the pod is the template of a workload and');

    // WHEN a Deployment adopts it
    new Deployment(chart, 'D', { template: pod });

    // THEN the problem names the Deployment, not the render from before
    expect(pod._renderTemplate().issues).toEqual([
      { path: ['metadata', 'name'], message: "the pod is the template of test/D and was given name 'web', but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload" },
    ]);
  });

  test('adoption after a render and a change that bumps only the pod\'s own version still renders again', () => {
    // GIVEN a render, then a change counted by the pod's version alone (no container, no metadata)
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { name: 'web', containers: [APP] });
    pod._renderTemplate();
    pod.addNodeSelector('disk', 'ssd');

    // WHEN a Deployment adopts it (the adoption must not take the version back to the rendered one)
    new Deployment(chart, 'D', { template: pod });
    const t = pod._renderTemplate();

    // THEN the render has the change and names the Deployment
    expect((t.spec as { nodeSelector?: unknown }).nodeSelector).toEqual({ disk: 'ssd' });
    expect(t.issues.map(i => i.message)).toEqual([
      "the pod is the template of test/D and was given name 'web', but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload",
    ]);
  });

  test('pods without problems share one empty list of issues', () => {
    const chart = Testing.chart();
    const a = new Pod(chart, 'A', { containers: [APP] })._renderTemplate();
    const b = new Pod(chart, 'B', { containers: [APP] })._renderTemplate();
    expect(a.issues).toEqual([]);
    expect(a.issues).toBe(b.issues);
  });
});

describe('crashes', () => {
  test('a pod that cannot be rendered reports the exception at spec', () => {
    // GIVEN
    const chart = Testing.chart();
    const broken = Object.assign(Volume.emptyDir('cache'), { _toJson: () => { throw new Error('boom'); } });

    // WHEN
    new Pod(chart, 'P', { containers: [APP], volumes: [broken] });

    // THEN
    expect(synthErrors(chart, { crashes: 'allow' })).toEqual([
      '[test/P] spec: the pod could not be rendered (boom); check the props of the pod, and report this input to cdk8s-pods [field-type]',
      '[test/P] spec.containers: the pod has no containers, which Kubernetes requires; add at least one container [required-field]',
    ]);
  });

  test('a pod that cannot be checked reports the exception at spec', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { containers: [APP] });
    pod.metadata.addLabel('x', { resolve: () => { throw new Error('boom'); } } as any);
    expect(synthErrors(chart, { crashes: 'allow' })).toEqual([
      '[test/P] spec: the pod could not be checked (boom); check the props of the pod, and report this input to cdk8s-pods [pod]',
    ]);
  });
});

describe('volumes mounted by object', () => {
  test('a second Volume object with the same name and the same fields as a declared one is declared once', () => {
    // GIVEN
    const chart = Testing.chart();
    const declared = Volume.emptyDir('cache');
    const mounted = Volume.emptyDir('cache');

    // WHEN
    const pod = new Pod(chart, 'P', { volumes: [declared], containers: [{ ...APP, volumeMounts: [{ volume: mounted, path: '/cache' }] }] });

    // THEN
    expect(pod.volumes).toEqual([declared]);
    expect(pod.volumes[0]).toBe(declared);
    expect(synthOne(chart).spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
  });

  test('the same Volume object declared and mounted twice is declared once', () => {
    const chart = Testing.chart();
    const cache = Volume.emptyDir('cache');
    const pod = new Pod(chart, 'P', {
      volumes: [cache],
      containers: [{ ...APP, volumeMounts: [{ volume: cache, path: '/a' }, { volume: cache, path: '/b', readOnly: true }] }],
    });
    expect(pod.volumes).toHaveLength(1);
    expect(synthOne(chart).spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
  });

  test('two Volume objects with the same name but different fields are both declared, and the rules report it', () => {
    // GIVEN
    const chart = Testing.chart();
    const disk = Volume.emptyDir('cache');
    const memory = Volume.emptyDir('cache', { medium: 'Memory' as any });

    // WHEN
    const pod = new Pod(chart, 'P', { volumes: [disk], containers: [{ ...APP, volumeMounts: [{ volume: memory, path: '/cache' }] }] });

    // THEN
    expect(pod.volumes).toEqual([disk, memory]);
    expect(synthErrors(chart)).toEqual([
      "[test/P] spec.volumes[1].name: volume name 'cache' is declared twice; declare each volume once and mount it from as many containers as need it [volume-name]",
    ]);
  });

  test('a declared entry that is not a Volume is kept as it is next to a mounted Volume, for the rules to report', () => {
    const chart = Testing.chart();
    const cache = Volume.emptyDir('cache');
    new Pod(chart, 'P', { volumes: [none], containers: [{ ...APP, volumeMounts: [{ volume: cache, path: '/cache' }] }] });
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.volumes[0]: volumes[0] is null but must be an object (Volume); remove the empty item or fill in its fields [field-type]',
    ]);
  });

  test('two Volume objects whose names are both NaN are not the same volume (NaN is no name)', () => {
    const chart = Testing.chart();
    const a = Volume.emptyDir(NaN as any);
    const b = Volume.emptyDir(NaN as any);
    const pod = new Pod(chart, 'P', { containers: [{ ...APP, volumeMounts: [{ volume: a, path: '/a' }, { volume: b, path: '/b' }] }] });
    expect(pod.volumes).toHaveLength(2);
    expect(pod.volumes[0]).toBe(a);
    expect(pod.volumes[1]).toBe(b);
    expect(synthErrors(chart)).toEqual([
      '[test/P] spec.containers[0].volumeMounts[0].name: name is the number NaN but must be a string; quote it: "NaN" [field-type]',
      '[test/P] spec.containers[0].volumeMounts[1].name: name is the number NaN but must be a string; quote it: "NaN" [field-type]',
      '[test/P] spec.volumes[0].name: name is the number NaN but must be a string; quote it: "NaN" [field-type]',
      '[test/P] spec.volumes[1].name: name is the number NaN but must be a string; quote it: "NaN" [field-type]',
    ]);
  });
});

describe('the app-wide check', () => {
  test('reads the pod\'s checked manifest: validating the app does not serialize the pod again', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { labels: { app: 'web' }, containers: [{ ...APP, port: 8080 }] });
    new Service(chart, 'S', { selects: pod, ports: [{ port: 80, targetPort: 8080 }] });
    const toJson = jest.spyOn(ApiObject.of(pod), 'toJson');

    // WHEN
    for (const c of chart.node.root.node.findAll()) expect(c.node.validate()).toEqual([]);

    // THEN
    expect(toJson).not.toHaveBeenCalled();
  });
});
