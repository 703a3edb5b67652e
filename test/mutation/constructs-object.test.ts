// Survivors of lib/constructs/_object.ts (test/mutation/SURVIVORS.md): the key order of written objects (null
// values included), when warnings are printed, the app-wide check (registered once per app, which kinds it
// summarizes, objects of other libraries, identities with namespace '' or none), cross-object errors vs warnings,
// the shared empty lists of _checkObject, the Kubernetes release of a Service's check, and metadata change tracking.
import { ApiObject, JsonPatch, Lazy, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Pod, Service } from '../../lib';
import { _checkObject, _metadataJson, _trackMetadata, KUBERNETES_VERSION_CONTEXT } from '../../lib/constructs/_object';
import * as rules from '../../lib/rules';
import { recordedWarnings as recorded, stderrOf, synthErrors } from '../util';

const APP = { name: 'app', image: 'busybox:1.36' };

/** Validates every construct of the app once, root first (what one validation pass of a synth does), and returns the errors. */
function validateAll(scope: IConstruct): string[] {
  return scope.node.root.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
}


describe('the written object', () => {
  test('a null a patch writes is kept, in the order of the render', () => {
    // GIVEN
    const chart = Testing.chart();
    const service = new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });

    // WHEN
    ApiObject.of(service).addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', null));

    // THEN
    expect(JSON.stringify(ApiObject.of(service).toJson())).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}],"externalTrafficPolicy":null}}');
  });
});

describe('the app-wide check', () => {
  test('is registered once per app: a Service of another library is summarized once per validation pass, however many of our objects there are', () => {
    // GIVEN three objects of this library and a Service built with plain cdk8s
    const chart = Testing.chart();
    new Pod(chart, 'A', { labels: { app: 'web' }, containers: [APP] });
    new Pod(chart, 'B', { labels: { app: 'web' }, containers: [APP] });
    new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    const foreign = new ApiObject(chart, 'F', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'f' }, spec: { selector: { app: 'web' }, ports: [{ port: 81 }] } } as any);
    const toJson = jest.spyOn(foreign, 'toJson');

    // WHEN
    expect(validateAll(chart)).toEqual([]);

    // THEN
    expect(toJson).toHaveBeenCalledTimes(1);
  });

  test('an app of bare Pods (ours or not) is not summarized: nothing there refers to another object', () => {
    // GIVEN
    const chart = Testing.chart();
    new Pod(chart, 'A', { labels: { app: 'web' }, containers: [APP] });
    const foreign = new ApiObject(chart, 'F', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'f', labels: { app: 'web' } }, spec: { containers: [APP] } } as any);
    const toJson = jest.spyOn(foreign, 'toJson');

    // WHEN
    expect(validateAll(chart)).toEqual([]);

    // THEN
    expect(toJson).not.toHaveBeenCalled();
  });

  test('an app with a Service and bare Pods is summarized: the Service is checked against the pods', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { labels: { app: 'web' }, containers: [{ ...APP, ports: [{ number: 8080, name: 'http' }] }] });

    // WHEN
    new Service(chart, 'S', { selects: pod, ports: [{ port: 80, targetPort: 'web' }] });

    // THEN
    expect(synthErrors(chart)).toEqual([
      "[test/S] spec.ports[0].targetPort: targetPort 'web' names no container port of the pods of Pod 'p', which declare 'http'; name the container port 'web' or use one of those names [service-target-port]",
    ]);
  });

  test('a PodTemplate object is not among the pods a Service selects (it runs no pods of its own)', () => {
    // GIVEN a pod labelled app: web, and a PodTemplate whose pods are labelled app: batch
    const chart = Testing.chart();
    new Pod(chart, 'P', { labels: { app: 'web' }, containers: [APP] });
    new ApiObject(chart, 'T', { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { metadata: { labels: { app: 'batch' } }, spec: { containers: [APP] } } } as any);

    // WHEN
    new Service(chart, 'S', { selector: { app: 'batch' }, ports: [{ port: 80 }] });

    // THEN
    expect(synthErrors(chart)).toEqual([
      "[test/S] spec.selector: the Service selects {app: batch} but no Pod or pod template in the same namespace (none given) has these labels, so it would have no endpoints; make the selector a subset of the labels of the pods it should reach (Pod 'p' has app: web) [service-selects]",
    ]);
  });

  test("reads our objects' checked manifests: validating the app does not write a Service", () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { labels: { app: 'web' }, containers: [{ ...APP, port: 8080 }] });
    const service = new Service(chart, 'S', { selects: pod, ports: [{ port: 80, targetPort: 8080 }] });
    const toJson = jest.spyOn(ApiObject.of(service), 'toJson');

    // WHEN
    expect(validateAll(chart)).toEqual([]);

    // THEN
    expect(toJson).not.toHaveBeenCalled();
  });

  test('summarizes each manifest once: a second validation pass without changes summarizes nothing', () => {
    // GIVEN
    const chart = Testing.chart();
    const pod = new Pod(chart, 'P', { labels: { app: 'web' }, containers: [{ ...APP, port: 8080 }] });
    new Service(chart, 'S', { selects: pod, ports: [{ port: 80, targetPort: 8080 }] });
    const summarize = jest.spyOn(rules, 'summarizeObject');
    try {
      // WHEN
      expect(validateAll(chart)).toEqual([]);
      expect(validateAll(chart)).toEqual([]);

      // THEN
      expect(summarize.mock.calls.map(([m]) => (m as any).kind)).toEqual(['Pod', 'Service']);
    } finally {
      summarize.mockRestore();
    }
  });
});

describe('objects of other libraries', () => {
  test('are given their validation once: a second synth reports a duplicate once', () => {
    // GIVEN two ConfigMaps of plain cdk8s with the same name
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: [APP] });
    new ApiObject(chart, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    new ApiObject(chart, 'B', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    const expected = [
      "[test/B] metadata.name: ConfigMap 'cfg' with no namespace (both go to the namespace of kubectl apply) is also defined by test/A; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]",
    ];

    // WHEN / THEN
    expect(synthErrors(chart)).toEqual(expected);
    expect(synthErrors(chart)).toEqual(expected);
  });

  test('an object whose namespace cannot be read has no identity: it fails when written, not as a duplicate', () => {
    // GIVEN a ConfigMap whose namespace throws, and one of the same name without a namespace
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: [APP] });
    const broken = new ApiObject(chart, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    Object.defineProperty(broken.metadata, 'namespace', { get: () => { throw new Error('no namespace'); } });
    new ApiObject(chart, 'B', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });

    // WHEN
    let message: string | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }

    // THEN
    expect(message).toBe("Failed serializing construct at path 'test/A' with name 'cfg': Error: no namespace");
  });

  test("namespace '' is no namespace: such an object repeats one without a namespace", () => {
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: [APP] });
    new ApiObject(chart, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: '' } });
    new ApiObject(chart, 'B', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    expect(synthErrors(chart)).toEqual([
      "[test/B] metadata.name: ConfigMap 'cfg' with no namespace (both go to the namespace of kubectl apply) is also defined by test/A; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]",
    ]);
  });

  test.each(['shop'])('namespace %p tells an object apart from one without a namespace', namespace => {
    const chart = Testing.chart();
    new Pod(chart, 'P', { containers: [APP] });
    new ApiObject(chart, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace } });
    new ApiObject(chart, 'B', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    expect(synthErrors(chart)).toEqual([]);
  });
});

describe('errors and warnings', () => {
  const MISSING = "[test/S] spec.selector: the Service selects {app: api} but no Pod or pod template in the same namespace (none given) has these labels, so it would have no endpoints; make the selector a subset of the labels of the pods it should reach (Pod 'p' has app: web) [service-selects]";

  test('a cross-object error is an error only: it is neither printed nor recorded as a warning', async () => {
    // GIVEN
    const chart = Testing.chart();
    new Pod(chart, 'P', { labels: { app: 'web' }, containers: [APP] });
    const service = new Service(chart, 'S', { selector: { app: 'api' }, ports: [{ port: 80 }] });

    // WHEN
    let errors: string[] = [];
    const written = await stderrOf(() => { errors = synthErrors(chart); });

    // THEN
    expect(errors).toEqual([MISSING]);
    expect(written).toEqual([]);
    expect(recorded(service)).toEqual([]);
  });

  test("a rule error of a Service's own check is an error only, and its rule warning a warning only", async () => {
    // GIVEN a label value the labels rule rejects, and an ignore annotation that names no rule
    const chart = Testing.chart();
    const service = new Service(chart, 'S', {
      labels: { app: 'web app' },
      annotations: { 'cdk8s-pods.io/ignore': 'no-such-rule' },
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    });

    // WHEN
    let errors: string[] = [];
    const written = await stderrOf(() => { errors = synthErrors(chart); });

    // THEN
    expect(errors).toEqual([
      "[test/S] metadata.labels.app: label app='web app': the value is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'web-app' [labels]",
    ]);
    const warning = "[test/S] metadata.annotations['cdk8s-pods.io/ignore']: cdk8s-pods.io/ignore names 'no-such-rule', which is not a rule, so nothing is ignored for it; see `cdk8s-pods rules` for the ids [ignore-annotation]";
    expect(written).toEqual([`Warning: ${warning}\n`]);
    expect(recorded(service)).toEqual([warning]);
  });

  test('_checkObject: objects without findings share one empty list for their errors and their warnings', () => {
    // GIVEN
    const manifest = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });

    // WHEN
    const a = _checkObject(manifest('a'), [], {});
    const b = _checkObject(manifest('b'), [], {});

    // THEN
    expect(a).toEqual({ errors: [], warnings: [] });
    expect(a.errors).toBe(a.warnings);
    expect(b.errors).toBe(a.errors);
  });
});

describe('a Service or Ingress (KubeObject)', () => {
  test('a check that fails is reported with the kind, not thrown', () => {
    // GIVEN
    const chart = Testing.chart();
    const service = new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });

    // WHEN
    ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/nothing/there'));

    // THEN
    expect(synthErrors(chart, { crashes: 'allow' })).toEqual([
      "[test/S] metadata: the Service could not be checked (Failed serializing construct at path 'test/S/Resource' with name 's': TypeError: Cannot read properties of undefined (reading 'there')); check its props, and report this input to cdk8s-pods [pod]",
    ]);
  });

  test('is checked against the Kubernetes release of the context', () => {
    // GIVEN
    const chart = Testing.chart();
    chart.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.99');

    // WHEN
    new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });

    // THEN
    expect(synthErrors(chart)).toEqual([
      "[test/S] context cdk8s-pods:kubernetesVersion: kubernetesVersion '1.99' is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34' [pod]",
    ]);
  });
});

describe('metadata change tracking', () => {
  test('each change through the metadata methods counts one up', () => {
    // GIVEN
    const chart = Testing.chart();
    const service = new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    const state = _trackMetadata(service.metadata);
    expect(state.version).toBe(0);

    // WHEN
    service.metadata.addLabel('tier', 'front');
    service.metadata.addAnnotation('owner', 'shop');

    // THEN
    expect(_trackMetadata(service.metadata)).toBe(state);
    expect(state.version).toBe(2);
  });

  test('the JSON is computed again only after a change: a Lazy label is resolved once per change', () => {
    // GIVEN
    const chart = Testing.chart();
    const service = new Service(chart, 'S', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    let resolved = 0;
    service.metadata.addLabel('tier', Lazy.any({ produce: () => `front-${++resolved}` }) as any);

    // WHEN
    const first = _metadataJson(service.metadata);
    const second = _metadataJson(service.metadata);
    service.metadata.addAnnotation('owner', 'shop');
    const third = _metadataJson(service.metadata);

    // THEN
    expect(second).toBe(first);
    expect(first).toEqual({ name: 's', labels: { tier: 'front-1' } });
    expect(third).toEqual({ name: 's', labels: { tier: 'front-2' }, annotations: { owner: 'shop' } });
    expect(resolved).toBe(2);
  });
});
