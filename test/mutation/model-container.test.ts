// Container (lib/model/container.ts) as `_toJson` renders it for a plain-JS caller's odd props: what
// is rendered as it is (for the rules to report), what is reported at its field with the fix, and
// the Volume and EnvValue objects of another copy of the library, recognised by their shape.
import { Container, EnvValue, Volume } from '../../lib';

const PATH = ['spec', 'containers', 0];
const BASE = { name: 'web', image: 'nginx:1.25' };

/** The container's JSON and what it reported while rendering, as [path, message] pairs. */
function render(props: unknown, path: Array<string | number> = PATH): { json: unknown; reports: unknown[] } {
  const reports: unknown[] = [];
  const json = new Container(props as any)._toJson(path, (p, m) => reports.push([p, m]));
  return { json, reports };
}

/** A second copy of the library's model, as when two versions of cdk8s-pods are installed. */
function otherCopy(): { Volume: typeof Volume; EnvValue: typeof EnvValue } {
  let copy: any;
  jest.isolateModules(() => {
    copy = { Volume: require('../../lib/model/volume').Volume, EnvValue: require('../../lib/model/env').EnvValue };
  });
  return copy;
}

test('props that are not an object are rendered as they are, with no report', () => {
  expect(render('nginx')).toEqual({ json: 'nginx', reports: [] });
  expect(render(['web'])).toEqual({ json: ['web'], reports: [] });
  expect(render(42)).toEqual({ json: 42, reports: [] });
  expect(render(null)).toEqual({ json: null, reports: [] });
  const c = new Container('nginx' as any);
  expect([c.name, c.image, c.ports, c.envNames]).toEqual([undefined, undefined, [], []]);
});

test('list and map props of the wrong type are reported at their field, with the fix', () => {
  expect(render({ ...BASE, ports: 'x', env: 7, envFrom: 'y', volumeMounts: 5, resources: { extended: 'z' } })).toEqual({
    json: { name: 'web', image: 'nginx:1.25' },
    reports: [
      [[...PATH, 'ports'], "ports of container 'web' is 'x' but must be a list of ports; write it as [{ number: 8080, name: 'http' }]"],
      [[...PATH, 'env'], "env of container 'web' is 7 but must be a map of names to values; write it as { PROFILE: 'production', PASSWORD: EnvValue.fromSecret(secret, 'password') }"],
      [[...PATH, 'envFrom'], "envFrom of container 'web' is 'y' but must be a list of EnvFrom; write it as [EnvFrom.configMap(config)]"],
      [[...PATH, 'volumeMounts'], "volumeMounts of container 'web' is 5 but must be a list of mounts; write it as [{ volume: Volume.emptyDir('cache'), path: '/cache' }]"],
      [[...PATH, 'resources', 'limits'], "extended of container 'web' is 'z' but must be a map of resource names to whole numbers; write it as { 'nvidia.com/gpu': 1 }"],
    ],
  });
  // A number where the extended map goes is reported too, not merged into the limits.
  expect(render({ ...BASE, resources: { extended: 3 } })).toEqual({
    json: { name: 'web', image: 'nginx:1.25' },
    reports: [[[...PATH, 'resources', 'limits'], "extended of container 'web' is 3 but must be a map of resource names to whole numbers; write it as { 'nvidia.com/gpu': 1 }"]],
  });
});

test('null list and map props are left out, with no report', () => {
  expect(render({ ...BASE, ports: null, env: null, envFrom: null, volumeMounts: null, resources: { extended: null } })).toEqual({
    json: { name: 'web', image: 'nginx:1.25' },
    reports: [],
  });
});

test('without a path, reports are at the field itself', () => {
  const reports: unknown[] = [];
  const json = new Container({ ...BASE, ports: 'x' as any })._toJson(undefined, (p, m) => reports.push([p, m]));
  expect(json).toEqual({ name: 'web', image: 'nginx:1.25' });
  expect(reports).toEqual([[['ports'], "ports of container 'web' is 'x' but must be a list of ports; write it as [{ number: 8080, name: 'http' }]"]]);
});

test('null items of ports, volumeMounts and envFrom are rendered as they are; other envFrom items are reported', () => {
  const { json, reports } = render({ ...BASE, ports: [null], volumeMounts: [null], envFrom: [null, undefined, 'x'] });
  expect(json).toStrictEqual({ name: 'web', image: 'nginx:1.25', ports: [null], envFrom: [null, undefined, {}], volumeMounts: [null] });
  expect(reports).toEqual([
    [[...PATH, 'envFrom', 2], "envFrom item of container 'web' is 'x' but must be an EnvFrom; build it with EnvFrom.configMap() or EnvFrom.secret()"],
  ]);
});

test("a Volume of another copy of the library is mounted by its name; an object that only looks like one is reported", () => {
  // GIVEN
  const other = otherCopy().Volume.emptyDir('shared');
  const own = Volume.emptyDir('cache');
  expect(other).not.toBeInstanceOf(Volume);
  const container = new Container({
    ...BASE,
    volumeMounts: [
      null as any,
      { volume: other, path: '/shared' },
      { volume: own, path: '/cache' },
      { volume: { kind: 'emptyDir', name: 'fake' } as any, path: '/fake' },
      { volume: { _toJson: () => ({}), name: 'nokind' } as any, path: '/nokind' },
    ],
  });

  // WHEN
  const reports: unknown[] = [];
  const json = container._toJson(PATH, (p, m) => reports.push([p, m])) as any;

  // THEN
  expect(container._mountedVolumes()).toEqual([other, own]);
  expect(container._mountedVolumes()[0]).toBe(other);
  expect(json.volumeMounts).toStrictEqual([
    null,
    { name: 'shared', mountPath: '/shared' },
    { name: 'cache', mountPath: '/cache' },
    { mountPath: '/fake' },
    { mountPath: '/nokind' },
  ]);
  const fix = "but must be a Volume or the name of a volume the pod declares; pass the Volume object, such as Volume.emptyDir('cache'), or its name";
  expect(reports).toEqual([
    [[...PATH, 'volumeMounts', 3, 'name'], `volume of the mount at '/fake' in container 'web' is {"kind":"emptyDir","name":"fake"} ${fix}`],
    [[...PATH, 'volumeMounts', 4, 'name'], `volume of the mount at '/nokind' in container 'web' is {"name":"nokind"} ${fix}`],
  ]);
});

test('env: an EnvValue of another copy of the library, booleans as they are, and an object that only looks like an EnvValue reported', () => {
  // GIVEN
  const { EnvValue: OtherEnvValue } = otherCopy();
  const literal = OtherEnvValue.literal('v');
  const field = OtherEnvValue.fromField('metadata.name');
  expect(literal).not.toBeInstanceOf(EnvValue);

  // WHEN
  const { json, reports } = render({
    ...BASE,
    env: { A: literal, B: field, C: true, D: { value: 'v', valueFrom: undefined }, E: EnvValue.literal('e') },
  });

  // THEN
  expect(json).toStrictEqual({
    name: 'web',
    image: 'nginx:1.25',
    env: [
      { name: 'A', value: 'v' },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'C', value: true },
      { name: 'D' },
      { name: 'E', value: 'e' },
    ],
  });
  expect(reports).toEqual([
    [[...PATH, 'env', 3, 'value'], "env 'D' of container 'web' is {\"value\":\"v\"} but must be a string or an EnvValue; set a value such as 'production' or EnvValue.fromSecret(secret, 'key'), or remove 'D'"],
  ]);
});

test('probes, lifecycle hooks and resources of the wrong type are reported at their fields', () => {
  expect(render({ ...BASE, liveness: 'l', readiness: 'r', startup: 's', lifecycle: { postStart: 'x', preStop: null }, resources: 'res' })).toEqual({
    json: { name: 'web', image: 'nginx:1.25', lifecycle: {} },
    reports: [
      [[...PATH, 'resources'], "resources of container 'web' is 'res' but must be an object such as { cpu: { request: Cpu.millis(250) }, memory: { limit: Size.mebibytes(512) } }; write it as one"],
      [[...PATH, 'livenessProbe'], "liveness of container 'web' is 'l' but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc()"],
      [[...PATH, 'readinessProbe'], "readiness of container 'web' is 'r' but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc()"],
      [[...PATH, 'startupProbe'], "startup of container 'web' is 's' but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc()"],
      [[...PATH, 'lifecycle', 'postStart'], "lifecycle.postStart of container 'web' is 'x' but must be a LifecycleHandler; build it with LifecycleHandler.exec() or LifecycleHandler.httpGet()"],
      [[...PATH, 'lifecycle', 'preStop'], "lifecycle.preStop of container 'web' is null but must be a LifecycleHandler; build it with LifecycleHandler.exec() or LifecycleHandler.httpGet()"],
    ],
  });
});

test('null resources are left out; a lifecycle or security context that is not an object is rendered as it is', () => {
  expect(render({ ...BASE, resources: null, lifecycle: 'x', securityContext: 'sc' })).toStrictEqual({
    json: { name: 'web', image: 'nginx:1.25', lifecycle: 'x', securityContext: 'sc' },
    reports: [],
  });
  expect(render({ ...BASE, lifecycle: null, securityContext: null })).toStrictEqual({
    json: { name: 'web', image: 'nginx:1.25', lifecycle: null, securityContext: null },
    reports: [],
  });
});
