// Survivors of lib/constructs/workload.ts (test/mutation/SURVIVORS.md): where each kind reports its template's
// errors, the strategies without parameters, the check cache after a change, a null selector, props that are no
// object, a patch that cannot be applied, and the manifest the cross-object rules read.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, Job, Pod, Protocol, Service, StatefulSet, StatefulSetUpdateStrategy,
} from '../../lib';
import { synthErrors } from '../util';

const LABELS = { 'app.kubernetes.io/name': 'web' };

/** A pod whose two containers both listen on 80/TCP: a port-clash error at its second container. */
function clashingPod(chart: Chart) {
  return new Pod(chart, 'WebPod', {
    labels: LABELS,
    containers: [
      { name: 'web', image: 'nginx:1.25', ports: [{ number: 80 }] },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', ports: [{ number: 80 }] },
    ],
  });
}

const CLASH = "containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]";

/** Each kind but Deployment: how to make one of a pod, and where it writes the pod template. */
const KINDS: Array<[string, (c: Chart, pod: Pod) => void, string]> = [
  ['StatefulSet', (c, pod) => new StatefulSet(c, 'W', { template: pod, serviceName: 'web' }), 'spec.template'],
  ['DaemonSet', (c, pod) => new DaemonSet(c, 'W', { template: pod }), 'spec.template'],
  ['Job', (c, pod) => new Job(c, 'W', { template: pod }), 'spec.template'],
  ['CronJob', (c, pod) => new CronJob(c, 'W', { template: pod, schedule: '0 * * * *' }), 'spec.jobTemplate.spec.template'],
];

describe('each kind reports its template\'s errors at the field of the object it writes', () => {
  test.each(KINDS)('%s', (_kind, make, at) => {
    const chart = Testing.chart();
    make(chart, clashingPod(chart));
    expect(synthErrors(chart).filter(e => e.endsWith('[port-clash]'))).toEqual([`[test/W] ${at}.spec.containers[1].ports[0].containerPort: ${CLASH}`]);
  });

  // A problem the template reports while it renders (not one the rules find in the written object).
  test.each(KINDS)('%s: a name on the template pod', (_kind, make, at) => {
    const chart = Testing.chart();
    make(chart, new Pod(chart, 'WebPod', { name: 'web', labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25' }] }));
    expect(synthErrors(chart).filter(e => e.endsWith('[field-type]'))).toEqual([`[test/W] ${at}.metadata.name: the pod is the template of test/W and was given name 'web', but a pod template has no name (the workload names its pods after itself); remove name from the pod and name the workload [field-type]`]);
  });
});

describe('strategies', () => {
  test('a rolling update without parameters has no rollingUpdate field; OnDelete is just its type', () => {
    expect(DeploymentStrategy.rollingUpdate()._json).toEqual({ type: 'RollingUpdate' });
    expect(StatefulSetUpdateStrategy.rollingUpdate()._json).toEqual({ type: 'RollingUpdate' });
    expect(DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 })._json).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(StatefulSetUpdateStrategy.onDelete()._json).toEqual({ type: 'OnDelete' });
  });

  test('a StatefulSet with the OnDelete strategy writes it', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'DbPod', { labels: { app: 'db' }, containers: [{ name: 'db', image: 'mysql:8.0' }] });
    new StatefulSet(chart, 'Db', { template: pod, serviceName: 'db', updateStrategy: StatefulSetUpdateStrategy.onDelete() });
    const set = Testing.synth(chart).find(o => o.kind === 'StatefulSet');
    expect(set.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('the check follows changes after a first synth', () => {
  test('a container added to the template after a synth is checked at the next one', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ number: 80 }] }] });
    new Deployment(chart, 'W', { template: pod });
    expect(synthErrors(chart)).toEqual([]);
    pod.addContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', ports: [{ number: 80 }] });
    expect(synthErrors(chart)).toEqual([`[test/W] spec.template.spec.containers[1].ports[0].containerPort: ${CLASH}`]);
  });

  test('a patch added after a synth is checked at the next one', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const deployment = new Deployment(chart, 'W', { template: pod });
    expect(synthErrors(chart)).toEqual([]);
    ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/replicas', -1));
    expect(synthErrors(chart)).toEqual(['[test/W] spec.replicas: replicas -1 of the Deployment is negative; use 0 or more [workload-spec]']);
  });

  test('a patch that cannot be applied is reported as such, with the kind', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const deployment = new Deployment(chart, 'W', { template: pod });
    ApiObject.of(deployment).addJsonPatch(JsonPatch.remove('/spec/nothing/there'));
    expect(synthErrors(chart, { crashes: 'allow' })).toEqual([
      "[test/W] spec: the Deployment could not be checked (Failed serializing construct at path 'test/W/Resource' with name 'w': TypeError: Cannot read properties of undefined (reading 'there')); check its props and its template's, and report this input to cdk8s-pods [pod]",
    ]);
  });
});

describe('props a plain-JS caller may give', () => {
  test('null props: the missing template is told, not a crash on null', () => {
    const chart = Testing.chart();
    expect(() => new Deployment(chart, 'W', null as never)).toThrow(
      "[test/W] template: expected a Pod, SidecarPod, GpuPod or SharedVolumePod construct, got undefined; make the pod first and pass it: new Deployment(scope, 'W', { template: pod })");
  });

  test('selector: null is no selector: the default one is used', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25' }] });
    new Deployment(chart, 'W', { template: pod, selector: null as never });
    expect(Testing.synth(chart)[0].spec.selector).toEqual({ matchLabels: LABELS });
  });
});

describe('selectorLabels and the cross-object rules', () => {
  test('a Job selects by its template\'s labels', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'BatchPod', { labels: { app: 'batch', tier: 'jobs' }, containers: [{ name: 'run', image: 'busybox:1.36' }] });
    expect(new Job(chart, 'Batch', { template: pod }).selectorLabels).toEqual({ app: 'batch', tier: 'jobs' });
  });

  test('a Service whose targetPort no container of the selected workload declares is reported', () => {
    const chart = Testing.chart();
    const pod = new Pod(chart, 'WebPod', { labels: LABELS, containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ number: 80, name: 'http', protocol: Protocol.TCP }] }] });
    const deployment = new Deployment(chart, 'W', { template: pod });
    new Service(chart, 'Svc', { name: 'web', selects: deployment, ports: [{ port: 80, targetPort: 'web' }] });
    expect(synthErrors(chart)).toEqual(["[test/Svc] spec.ports[0].targetPort: targetPort 'web' names no container port of the pods of Deployment 'w', which declare 'http'; name the container port 'web' or use one of those names [service-target-port]"]);
  });
});
