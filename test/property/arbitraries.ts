// fast-check arbitraries for the props of the constructs (Pod, SidecarPod, GpuPod, SharedVolumePod)
// and for what is added to a pod after it is made (addContainer(), mount(), addEnv(), ...), used by
// the construct property test (test/property.test.ts) and scripts/gen-property-cases.js.
//
// Every value is within the TypeScript types: what a TypeScript user can write without a cast. Each
// field draws from a pool of plausible values (what a careful engineer writes) and, with a small
// weight, from edge values that type-check but are wrong or borderline: upper-case and over-long
// names, ports 0 and 70000, negative, fractional and NaN numbers, empty strings, duplicate container
// names, the same port twice, mounts of undeclared volumes, `$(VAR)` references, decimal file modes,
// and boundary values that are right (a 63-character label, port 65535). A case is drawn from one of
// two noise levels (`CLEAN`, two cases in three, and `NOISY`) so that both branches of the property,
// "synth fails with construct-path errors" and "synth succeeds and the API server accepts every
// object", get substantial numbers of cases. Clean cases are also tidied (see `Tidy`) the way a
// careful engineer keeps names, ports and mount paths apart; noisy ones keep those mistakes.
//
// Volumes are drawn once per case (a pool) and mounts choose among them by object or by name, so
// one Volume is declared and mounted by several containers, as in real pods. Container indexes in
// the changes made after construction (`Op`) are taken modulo the containers the pod has when the
// change is made.
//
// Not generated, on purpose: negative `Size` and `Duration` amounts (cdk8s throws in the caller's
// own `Size.mebibytes(-1)` call, before any construct sees it) and values that only a cast or plain
// JS can produce (`null`, a string where a number belongs; constructs-adversarial.test.ts has those).
import { Duration, OwnerReference, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import fc from 'fast-check';
import {
  ContainerLifecycle, ContainerPort, ContainerProps, ContainerResources, ContainerSecurityContext, DownwardApiFile, EnvFrom,
  EnvValue, GpuPodProps, GpuVendor, HttpGetOptions, KeyToPath, LifecycleHandler, PodProps, PodSecurityContext,
  PodSecurityStandard, Probe, ProbeOptions, ProjectedSource, SecurityPresets, SharedVolumePodProps, SidecarMode,
  SidecarPodProps, Toleration, TolerationOperator, Volume, VolumeMount,
} from '../../lib';
import { parseQuantity } from '../../lib/rules/formats';

// ---- The case ------------------------------------------------------------------------------------

/** A change made to a pod after it is made, through its methods or a container's. */
export type Op =
  | { readonly op: 'addContainer' | 'addInitContainer' | 'addSidecar'; readonly props: ContainerProps }
  | { readonly op: 'addVolume'; readonly volume: Volume }
  | { readonly op: 'addNodeSelector'; readonly key: string; readonly value: string }
  | { readonly op: 'addToleration'; readonly toleration: Toleration }
  | { readonly op: 'addLabel' | 'addAnnotation'; readonly key: string; readonly value: string }
  | { readonly op: 'addFinalizers'; readonly finalizers: string[] }
  | { readonly op: 'addOwnerReference'; readonly owner: OwnerReference }
  /** `container` indexes the pod's init containers then its containers, modulo their number. */
  | { readonly op: 'addPort'; readonly container: number; readonly port: ContainerPort }
  | { readonly op: 'addEnv'; readonly container: number; readonly name: string; readonly value: EnvValue | string }
  | { readonly op: 'addEnvFrom'; readonly container: number; readonly source: EnvFrom }
  | { readonly op: 'mount'; readonly container: number; readonly path: string; readonly volume: Volume | string; readonly options: Omit<VolumeMount, 'volume' | 'path'> }
  | { readonly op: 'setExtendedResource'; readonly container: number; readonly resource: string; readonly amount: number };

/** One case of the property: a construct with its props, in a chart with an optional namespace and labels, then changes. */
export type PropertyCase = { readonly chartNamespace?: string; readonly chartLabels?: { [key: string]: string }; readonly ops: readonly Op[] } & (
  | { readonly construct: 'Pod'; readonly props: PodProps }
  | { readonly construct: 'SidecarPod'; readonly props: SidecarPodProps }
  | { readonly construct: 'GpuPod'; readonly props: GpuPodProps }
  | { readonly construct: 'SharedVolumePod'; readonly props: SharedVolumePodProps }
);

// ---- Noise ---------------------------------------------------------------------------------------

/** How often a field takes an edge value: `edge` in 1000 draws. */
export interface Noise {
  readonly name: string;
  readonly edge: number;
}

/** Nearly always plausible: most of these cases synthesize, and the oracle judges what they emit. */
export const CLEAN: Noise = { name: 'clean', edge: 6 };
/** Often wrong somewhere: most of these cases fail synth, each with its construct path. */
export const NOISY: Noise = { name: 'noisy', edge: 60 };

function noisy(noise: Noise): boolean {
  return noise.edge >= NOISY.edge;
}

/** Shrinking may move a value to an earlier alternative: an edge value to a plausible one, a field to absent. */
const SHRINK = { withCrossShrink: true };

/** A plausible value, or with weight `noise.edge` in 1000 one of the edge values. */
function pick<T>(noise: Noise, plausible: fc.Arbitrary<T>, ...edges: Array<fc.Arbitrary<T>>): fc.Arbitrary<T> {
  if (edges.length === 0) return plausible;
  return fc.oneof(SHRINK, { weight: 1000 - noise.edge, arbitrary: plausible }, { weight: noise.edge, arbitrary: fc.oneof(...edges) });
}

/** `T` present with probability `present` (0-1), else undefined. */
function opt<T>(arb: fc.Arbitrary<T>, present: number): fc.Arbitrary<T | undefined> {
  const w = Math.round(present * 100);
  return fc.oneof(SHRINK, { weight: 100 - w, arbitrary: fc.constant(undefined) }, { weight: w, arbitrary: arb });
}

/** true with probability `p`. */
function chance(p: number): fc.Arbitrary<boolean> {
  const w = Math.round(p * 100);
  return fc.oneof(SHRINK, { weight: 100 - w, arbitrary: fc.constant(false) }, { weight: w, arbitrary: fc.constant(true) });
}

const k = <T>(...values: T[]) => fc.constantFrom(...values);

/** The object without its undefined fields (props read the same, counterexamples print shorter). */
function compact<T extends object>(obj: T): T {
  const out: any = {};
  for (const [key, value] of Object.entries(obj)) if (value !== undefined) out[key] = value;
  return out;
}

/** A map from a list of [key, value] pairs (a later key wins, as in an object literal). */
function toMap<V>(pairs: Array<[string, V]>): { [key: string]: V } {
  const out: { [key: string]: V } = {};
  for (const [key, value] of pairs) out[key] = value;
  return out;
}

// ---- Scalars -------------------------------------------------------------------------------------

const LONG_64 = 'x'.repeat(64);
const EDGE_NUMBERS = [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY];

/** Names, DNS-1123 labels: containers, volumes. */
function dnsLabel(noise: Noise, pool: string[]): fc.Arbitrary<string> {
  return pick(noise,
    fc.oneof({ weight: 6, arbitrary: k(...pool) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/) }, { weight: 1, arbitrary: k('a'.repeat(63), 'a', '0web') }),
    k('Web', 'my_app', LONG_64, '', '-web', 'web-', 'web.v1', ' web', 'wéb', 'web app'));
}

/** A DNS-1123 subdomain: object names. */
function dnsSubdomain(noise: Noise, pool: string[]): fc.Arbitrary<string> {
  return pick(noise,
    fc.oneof({ weight: 6, arbitrary: k(...pool) }, { weight: 1, arbitrary: k('web.v1', 'a'.repeat(253), 'api-7f9c') }),
    k('Web', 'my_pod', 'x'.repeat(254), '', 'web.', '.web', 'web..v1', 'web/v1'));
}

function labelKey(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    k('app', 'tier', 'version', 'app.kubernetes.io/name', 'example.com/team', 'a'.repeat(63)),
    k('Bad Key', '/app', 'a/b/c', LONG_64, 'Example.com/team', '', 'app-', 'example.com/'));
}

function labelValue(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    k('web', 'v1', 'backend', 'true', '', 'a'.repeat(63), 'A_b.c-1'),
    k(LONG_64, 'a b', '-web', 'web-', 'tëam', 'a/b'));
}

function annotationKey(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    k('owner', 'description', 'example.com/owner', 'Example.com/owner', 'kubectl.kubernetes.io/default-container'),
    k('bad key', 'a/b/c', '', LONG_64));
}

function annotationValue(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    fc.oneof(k('team-a', '', 'multi\nline', 'uses $(VAR)', 'ünïcode ✓', '{"json": true}'), fc.string({ maxLength: 30 })),
    k('x'.repeat(262_145)));
}

function port(noise: Noise): fc.Arbitrary<number> {
  return pick(noise,
    fc.oneof({ weight: 4, arbitrary: k(80, 443, 8080, 9090, 53, 3000) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 65535 }) }, { weight: 1, arbitrary: k(1, 65535) }),
    k(0, 70000, 65536, 80.5, ...EDGE_NUMBERS));
}

function portName(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, k('http', 'https', 'metrics', 'grpc', 'dns', 'admin', 'a'.repeat(15)), k('HTTP', 'http-frontend-port', '80', 'a--b', '', '-http'));
}

/** A whole-seconds duration, or with noise one that is not whole seconds. */
function seconds(noise: Noise): fc.Arbitrary<Duration> {
  return pick(noise,
    fc.oneof(fc.integer({ min: 0, max: 120 }).map(s => Duration.seconds(s)), k(Duration.minutes(1), Duration.millis(2000))),
    k(Duration.millis(1500), Duration.seconds(0.5), Duration.seconds(Number.NaN), Duration.seconds(1e10)));
}

function size(noise: Noise): fc.Arbitrary<Size> {
  return pick(noise,
    fc.oneof(k(64, 128, 256, 512, 1024, 1536).map(m => Size.mebibytes(m)), k(Size.gibibytes(1), Size.gibibytes(8), Size.kibibytes(1.5))),
    k(Size.mebibytes(0), Size.kibibytes(0.3), Size.mebibytes(Number.NaN), Size.pebibyte(1e9)));
}

function cpu(noise: Noise): fc.Arbitrary<kplus.Cpu> {
  return pick(noise,
    fc.oneof(k(100, 250, 500, 750).map(m => kplus.Cpu.millis(m)), k(1, 2, 0.5, 4).map(u => kplus.Cpu.units(u))),
    k(kplus.Cpu.millis(-1), kplus.Cpu.units(Number.NaN), kplus.Cpu.millis(0.5), kplus.Cpu.units(0), kplus.Cpu.units(1e21)));
}

/** A Linux user or group id. */
function id(noise: Noise): fc.Arbitrary<number> {
  return pick(noise, k(0, 1000, 1001, 65534, 2147483647), k(-1, 2147483648, 1.5, Number.NaN));
}

/** A file mode: octal literals; with noise a decimal 644, negative, too large or fractional. */
function fileMode(noise: Noise): fc.Arbitrary<number> {
  return pick(noise, k(0o644, 0o400, 0o440, 0o755, 0o600, 0, 0o777), k(644, 0o1000, -1, 1.5, Number.NaN));
}

/** A relative file path inside a volume. */
function itemPath(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, k('config.yaml', 'tls.crt', 'conf/app.properties', 'labels', 'token', 'a..b'), k('/etc/config', '../secret', '..data', '', 'a/../../b'));
}

function configKey(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, k('config.yaml', 'password', 'tls.crt', 'API_KEY', 'a-b_c.d'), k('bad key', '..x', '', 'a/b', '.'));
}

function configMapRef(noise: Noise): fc.Arbitrary<string> {
  return dnsSubdomain(noise, ['app-config', 'nginx-conf', 'settings']);
}

function secretRef(noise: Noise): fc.Arbitrary<string> {
  return dnsSubdomain(noise, ['db-secret', 'tls', 'regcred', 'api-keys']);
}

// ---- Environment ---------------------------------------------------------------------------------

const ENV_NAMES = ['PROFILE', 'GREETING', 'DB_HOST', 'PORT', 'POD_NAME', 'LOG_LEVEL', 'A'];

function envName(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, fc.oneof({ weight: 8, arbitrary: k(...ENV_NAMES) }, { weight: 1, arbitrary: k('my.var', 'my-var', '_x', 'lower') }),
    k('MY VAR', '1ABC', '', 'A=B', 'ÄNDERUNG', '$(PROFILE)'));
}

/** Text that may reference variables: `$(PROFILE)`, `$$(PROFILE)`, `$(cat file)`. */
function envText(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    fc.oneof(
      { weight: 12, arbitrary: k('production', 'hello', '', '8080', 'debug', 'db.example.com') },
      { weight: 1, arbitrary: k('running on $(PROFILE)', '$$(PROFILE) is literal', '$(cat /etc/hostname)', 'redis.$(POD_NAMESPACE).svc', '$(KUBERNETES_SERVICE_HOST)') },
    ),
    k('$(UNDEFINED_VAR)', '$(PROFILE', 'x'.repeat(1000), 'tab\there'));
}

/** A divisor that suits the resource (CPU: 1 or 1m; bytes: 1, 1Ki, 1Mi, ...). */
function divisorFor(resource: string, n: number): string {
  const list = resource.endsWith('.cpu') ? ['1', '1m'] : ['1', '1Ki', '1Mi', '1Gi', '1k', '1M'];
  return list[n % list.length];
}

const ENV_FIELDS = Object.values(kplus.EnvFieldPaths).filter(p => p !== kplus.EnvFieldPaths.POD_LABEL && p !== kplus.EnvFieldPaths.POD_ANNOTATION);

function envValue(noise: Noise): fc.Arbitrary<EnvValue | string> {
  const options = fc.record({ optional: opt(fc.boolean(), 0.3) }).map(compact);
  return fc.oneof(
    { weight: 6, arbitrary: envText(noise) },
    { weight: 2, arbitrary: envText(noise).map(t => EnvValue.literal(t)) },
    { weight: 1, arbitrary: fc.tuple(configMapRef(noise), configKey(noise), options).map(([c, key, o]) => EnvValue.fromConfigMap(c, key, o)) },
    { weight: 1, arbitrary: fc.tuple(secretRef(noise), configKey(noise), options).map(([s, key, o]) => EnvValue.fromSecret(s, key, o)) },
    {
      weight: 2,
      arbitrary: pick(noise, fc.oneof(k(...ENV_FIELDS), k("metadata.labels['app']", "metadata.annotations['example.com/owner']", 'status.hostIPs', 'spec.host')),
        k<string>(kplus.EnvFieldPaths.POD_LABEL, kplus.EnvFieldPaths.POD_ANNOTATION, 'status.phase', '', "metadata.labels['Bad Key']")).map(p => EnvValue.fromField(p)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(
        pick(noise, k<string>(...Object.values(kplus.ResourceFieldPaths)), k('limits.gpu', 'cpu', 'requests.hugepages-2Mi')),
        opt(dnsLabel(noise, ['web', 'app', 'proxy', 'missing']), 0.5),
        opt(fc.tuple(fc.nat(5), pick(noise, fc.constant(undefined), k('3m', 'abc', '0', '-1', '1Gi'))), 0.4),
      ).map(([resource, container, d]) => EnvValue.fromResource(resource, compact({ container, divisor: d === undefined ? undefined : d[1] ?? divisorFor(resource, d[0]) }))),
    },
  );
}

function envMap(noise: Noise): fc.Arbitrary<{ [name: string]: EnvValue | string }> {
  return fc.array(fc.tuple(envName(noise), envValue(noise)), { maxLength: 4 }).map(toMap);
}

function envFrom(noise: Noise): fc.Arbitrary<EnvFrom> {
  const prefix = opt(pick(noise, k('APP_', 'DB_', 'cfg.'), k('1_', 'MY PREFIX', '')), 0.4);
  return fc.oneof(
    fc.tuple(configMapRef(noise), prefix).map(([c, p]) => EnvFrom.configMap(c, p)),
    fc.tuple(secretRef(noise), prefix).map(([s, p]) => EnvFrom.secret(s, p)),
  );
}

// ---- Probes and hooks ----------------------------------------------------------------------------

/** A port by number, or by a name the container may or may not declare. */
function portRef(noise: Noise): fc.Arbitrary<number | string> {
  // Clean cases name a port only through the `http` pattern of rawContainer(), which declares it.
  if (!noisy(noise)) return port(noise);
  return fc.oneof({ weight: 3, arbitrary: port(noise) }, { weight: 1, arbitrary: pick(noise, k('http', 'metrics', 'grpc'), k('8080', 'HTTP', 'nope', '')) });
}

function httpGetOptions(noise: Noise): fc.Arbitrary<HttpGetOptions> {
  return fc.record({
    port: portRef(noise),
    scheme: opt(k<'HTTP' | 'HTTPS'>('HTTP', 'HTTPS'), 0.3),
    headers: opt(fc.array(fc.tuple(pick(noise, k('X-Probe', 'Authorization', 'Accept'), k('X Probe', 'Bad:Header', '', 'ünï')), k('true', 'Bearer x', '')), { minLength: 1, maxLength: 2 }).map(toMap), 0.2),
  }).map(compact);
}

function probeOptions(noise: Noise): fc.Arbitrary<ProbeOptions> {
  const threshold = pick(noise, k(1, 3, 5), k(0, -1, 1.5, Number.NaN));
  return fc.record({
    initialDelay: opt(seconds(noise), 0.4),
    period: opt(seconds(noise), 0.3),
    timeout: opt(seconds(noise), 0.3),
    failureThreshold: opt(threshold, 0.3),
    successThreshold: opt(pick(noise, k(1), k(2, 0, -1)), 0.15),
  }).map(compact);
}

function command(noise: Noise): fc.Arbitrary<string[]> {
  return pick(noise,
    fc.oneof(k(['cat', '/tmp/healthy'], ['sh', '-c', 'test -f /ready'], ['/bin/true'], ['sh', '-c', 'echo $(GREETING)'], ['sh', '-c', 'date; $(date)'])),
    k([], [''], ['echo', '$(UNDEFINED)']));
}

function probe(noise: Noise): fc.Arbitrary<Probe> {
  return fc.oneof(
    fc.tuple(pick(noise, k('/healthz', '/ready', '/'), k('', 'healthz', '/a b')), httpGetOptions(noise), probeOptions(noise)).map(([path, h, o]) => Probe.httpGet(path, { ...h, ...o })),
    fc.tuple(portRef(noise), probeOptions(noise)).map(([p, o]) => Probe.tcpSocket(p, o)),
    fc.tuple(command(noise), probeOptions(noise)).map(([c, o]) => Probe.exec(c, o)),
    fc.tuple(port(noise), probeOptions(noise), opt(k('', 'liveness', 'grpc.health.v1.Health'), 0.3)).map(([p, o, service]) => Probe.grpc(p, compact({ ...o, service }))),
  );
}

function lifecycleHandler(noise: Noise): fc.Arbitrary<LifecycleHandler> {
  return fc.oneof(
    command(noise).map(c => LifecycleHandler.exec(c)),
    fc.tuple(pick(noise, k('/shutdown', '/'), k('', 'shutdown')), httpGetOptions(noise)).map(([path, h]) => LifecycleHandler.httpGet(path, h)),
  );
}

function lifecycle(noise: Noise): fc.Arbitrary<ContainerLifecycle> {
  return fc.record({ postStart: opt(lifecycleHandler(noise), 0.5), preStop: opt(lifecycleHandler(noise), 0.6) }).map(compact);
}

// ---- Security ------------------------------------------------------------------------------------

function seccompProfile(noise: Noise) {
  return pick(noise,
    fc.oneof(
      { weight: 4, arbitrary: k({ type: kplus.SeccompProfileType.RUNTIME_DEFAULT }) },
      { weight: 1, arbitrary: k({ type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/audit.json' }) },
      { weight: 1, arbitrary: k({ type: kplus.SeccompProfileType.UNCONFINED }) },
    ),
    k(
      { type: kplus.SeccompProfileType.LOCALHOST },
      { type: kplus.SeccompProfileType.RUNTIME_DEFAULT, localhostProfile: 'profiles/audit.json' },
      { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: '/abs/profile.json' },
      { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: '../escape.json' },
    ));
}

function capabilityList(noise: Noise): fc.Arbitrary<string[]> {
  return fc.array(pick(noise, k<string>(kplus.Capability.NET_BIND_SERVICE, kplus.Capability.NET_ADMIN, kplus.Capability.SYS_TIME, kplus.Capability.CHOWN, 'CAP_NET_RAW'),
    k<string>(kplus.Capability.SYS_ADMIN, 'CAP_SYS_ADMIN', 'net_admin', '', 'ALL')), { maxLength: 2 });
}

function containerSecurityContext(noise: Noise): fc.Arbitrary<ContainerSecurityContext> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(SecurityPresets.restrictedContainer()) },
    {
      weight: 3,
      arbitrary: fc.record({
        runAsUser: opt(id(noise), 0.4),
        runAsGroup: opt(id(noise), 0.2),
        runAsNonRoot: opt(fc.boolean(), 0.3),
        privileged: opt(chance(0.3), 0.3),
        readOnlyRootFilesystem: opt(fc.boolean(), 0.3),
        allowPrivilegeEscalation: opt(fc.boolean(), 0.4),
        capabilities: opt(fc.record({ add: opt(capabilityList(noise), 0.6), drop: opt(fc.oneof(k(['ALL']), capabilityList(noise)), 0.6) }).map(compact), 0.4),
        seccompProfile: opt(seccompProfile(noise), 0.3),
      }).map(compact),
    },
  );
}

function sysctlName(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, k('net.core.somaxconn', 'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'kernel/shm_rmid_forced'),
    k('Net.Core.Somaxconn', 'net..core', '', 'net.core.', 'x'.repeat(254)));
}

function podSecurityContext(noise: Noise): fc.Arbitrary<PodSecurityContext> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.record({ runAsUser: opt(id(noise), 0.5), fsGroup: opt(id(noise), 0.5) }).map(o => SecurityPresets.restrictedPod(compact(o))) },
    {
      weight: 3,
      arbitrary: fc.record({
        runAsUser: opt(id(noise), 0.4),
        runAsGroup: opt(id(noise), 0.3),
        runAsNonRoot: opt(fc.boolean(), 0.3),
        fsGroup: opt(id(noise), 0.3),
        supplementalGroups: opt(fc.array(id(noise), { maxLength: 3 }), 0.2),
        seccompProfile: opt(seccompProfile(noise), 0.3),
        sysctls: opt(fc.array(fc.tuple(sysctlName(noise), k('1024', '1', '32768 60999', '')), { minLength: 1, maxLength: 2 }).map(toMap), 0.2),
      }).map(compact),
    },
  );
}

// ---- Resources -----------------------------------------------------------------------------------

function requestLimit<T>(arb: fc.Arbitrary<T>) {
  return fc.record({ request: opt(arb, 0.6), limit: opt(arb, 0.6) }).map(compact);
}

function extendedName(noise: Noise): fc.Arbitrary<string> {
  // hugepages-2Mi type-checks as an extended resource but is memory in bytes: an edge.
  return pick(noise, k('nvidia.com/gpu', 'example.com/dongle', 'amd.com/gpu'), k('gpu', 'Example.com/x', 'a/b/c', 'example.com/', 'hugepages-2Mi'));
}

function wholeAmount(noise: Noise): fc.Arbitrary<number> {
  return pick(noise, k(1, 2, 4, 8), k(0, 0.5, -1, Number.NaN, 1e21));
}

function resources(noise: Noise): fc.Arbitrary<ContainerResources> {
  return fc.record({
    cpu: opt(requestLimit(cpu(noise)), 0.6),
    memory: opt(requestLimit(size(noise)), 0.6),
    ephemeralStorage: opt(requestLimit(size(noise)), 0.15),
    extended: opt(fc.array(fc.tuple(extendedName(noise), wholeAmount(noise)), { minLength: 1, maxLength: 2 }).map(toMap), 0.15),
  }).map(compact);
}

// ---- Volumes -------------------------------------------------------------------------------------

const VOLUME_NAMES = ['data', 'cache', 'html', 'config', 'logs', 'secrets', 'token', 'podinfo', 'shm', 'scratch'];
/** Names of volumes made for one mount in clean cases, apart from the pool's. */
const FRESH_NAMES = ['tmp', 'work', 'spool', 'run-dir'];

function keyToPath(noise: Noise): fc.Arbitrary<KeyToPath> {
  return fc.record({ key: configKey(noise), path: itemPath(noise), mode: opt(fileMode(noise), 0.3) }).map(compact);
}

function keysOptions(noise: Noise) {
  return fc.record({
    items: opt(fc.array(keyToPath(noise), { minLength: 1, maxLength: 2 }), 0.3),
    defaultMode: opt(fileMode(noise), 0.3),
    optional: opt(fc.boolean(), 0.2),
  }).map(compact);
}

function downwardFile(noise: Noise): fc.Arbitrary<DownwardApiFile> {
  const field = pick(noise, k('metadata.labels', 'metadata.annotations', 'metadata.name', 'metadata.namespace', 'metadata.uid', "metadata.labels['app']"), k('status.podIP', 'spec.nodeName', 'metadata.labels.app'));
  const resource = fc.record({
    container: dnsLabel(noise, ['web', 'app', 'trainer', 'missing']),
    resource: pick(noise, k<string>(...Object.values(kplus.ResourceFieldPaths)), k('limits.gpu', 'memory')),
    divisor: opt(fc.tuple(fc.nat(5), pick(noise, fc.constant(undefined), k('3m', 'x', '1Gi'))), 0.3),
  }).map(({ divisor, ...r }) => compact({ ...r, divisor: divisor === undefined ? undefined : divisor[1] ?? divisorFor(r.resource, divisor[0]) }));
  const files: Array<fc.WeightedArbitrary<DownwardApiFile>> = [
    { weight: 8, arbitrary: fc.record({ path: itemPath(noise), fieldPath: field, mode: opt(fileMode(noise), 0.2) }).map(compact) },
    { weight: 3, arbitrary: fc.record({ path: itemPath(noise), resource, mode: opt(fileMode(noise), 0.2) }).map(compact) },
  ];
  // Neither source, or both: only in noisy cases.
  if (noisy(noise)) files.push({ weight: 1, arbitrary: fc.record({ path: itemPath(noise) }) }, { weight: 1, arbitrary: fc.record({ path: itemPath(noise), fieldPath: field, resource }) });
  return fc.oneof(...files);
}

function projectedSource(noise: Noise): fc.Arbitrary<ProjectedSource> {
  const items = opt(fc.array(keyToPath(noise), { minLength: 1, maxLength: 2 }), 0.4);
  return fc.oneof(
    fc.tuple(configMapRef(noise), items, opt(fc.boolean(), 0.2)).map(([c, i, o]) => ProjectedSource.configMap(c, compact({ items: i, optional: o }))),
    fc.tuple(secretRef(noise), items, opt(fc.boolean(), 0.2)).map(([s, i, o]) => ProjectedSource.secret(s, compact({ items: i, optional: o }))),
    fc.array(downwardFile(noise), { minLength: 1, maxLength: 2 }).map(f => ProjectedSource.downwardApi(f)),
    fc.tuple(itemPath(noise), opt(k('vault', 'https://kubernetes.default.svc', ''), 0.4), opt(pick(noise, k(600, 3600, 86400), k(599, 0, 1.5, 2 ** 32 + 1, -1)), 0.5))
      .map(([path, audience, expirationSeconds]) => ProjectedSource.serviceAccountToken(path, compact({ audience, expirationSeconds }))),
  );
}

/** A volume of any source the `Volume` class offers. */
export function volume(noise: Noise): fc.Arbitrary<Volume> {
  const name = dnsLabel(noise, VOLUME_NAMES);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(name, fc.record({ medium: opt(k(...Object.values(kplus.EmptyDirMedium)), 0.4), sizeLimit: opt(size(noise), 0.3) }).map(compact)).map(([n, o]) => Volume.emptyDir(n, o)) },
    {
      weight: 1,
      arbitrary: fc.tuple(name, pick(noise, k('/data', '/var/log', '/var/run/docker.sock', '/'), k('relative/path', '/var/log/../../etc', '', '/data/')), fc.record({ type: opt(k(...Object.values(kplus.HostPathVolumeType)), 0.5) }).map(compact))
        .map(([n, p, o]) => Volume.hostPath(n, p, o)),
    },
    { weight: 2, arbitrary: fc.tuple(name, configMapRef(noise), keysOptions(noise)).map(([n, c, o]) => Volume.fromConfigMap(n, c, o)) },
    { weight: 2, arbitrary: fc.tuple(name, secretRef(noise), keysOptions(noise)).map(([n, s, o]) => Volume.fromSecret(n, s, o)) },
    { weight: 1, arbitrary: fc.tuple(name, dnsSubdomain(noise, ['data-claim', 'models']), fc.record({ readOnly: opt(fc.boolean(), 0.5) }).map(compact)).map(([n, c, o]) => Volume.fromPersistentVolumeClaim(n, c, o)) },
    { weight: 1, arbitrary: fc.tuple(name, fc.array(downwardFile(noise), { minLength: 1, maxLength: 3 }), fc.record({ defaultMode: opt(fileMode(noise), 0.3) }).map(compact)).map(([n, f, o]) => Volume.downwardApi(n, f, o)) },
    { weight: 1, arbitrary: fc.tuple(name, fc.array(projectedSource(noise), { minLength: 1, maxLength: 3 }), fc.record({ defaultMode: opt(fileMode(noise), 0.3) }).map(compact)).map(([n, s, o]) => Volume.projected(n, s, o)) },
  );
}

/**
 * Which volume a mount names, resolved against the case's pool of volumes: a pool volume by object
 * or by name, a name nothing declares, or a volume made just for this mount.
 */
type VolumeChoice =
  | { readonly pool: number; readonly byName: boolean }
  | { readonly undeclared: string }
  | { readonly fresh: Volume };

function volumeChoice(noise: Noise): fc.Arbitrary<VolumeChoice> {
  const pool = fc.record({ pool: fc.nat(9), byName: chance(0.3) });
  // A clean case's volume for one mount is an emptyDir of a name apart from the pool's (two mounts of one such name are one volume).
  if (!noisy(noise)) return fc.oneof({ weight: 12, arbitrary: pool }, { weight: 1, arbitrary: k(...FRESH_NAMES).map(n => ({ fresh: Volume.emptyDir(n) })) });
  return fc.oneof(
    { weight: 12, arbitrary: pool },
    { weight: 2, arbitrary: volume(noise).map(v => ({ fresh: v })) },
    { weight: 2, arbitrary: k('missing', 'Data', 'cache').map(n => ({ undeclared: n })) },
  );
}

function mountPath(noise: Noise): fc.Arbitrary<string> {
  return pick(noise, k('/data', '/cache', '/usr/share/nginx/html', '/etc/config', '/var/log/app', '/var/run/secrets/tokens', '/etc/podinfo', '/scratch'),
    k('relative', '', '/data/', '/', '/etc/config/../x'));
}

type MountOptions = Omit<VolumeMount, 'volume' | 'path'>;

function mountOptions(noise: Noise): fc.Arbitrary<MountOptions> {
  return fc.record({
    readOnly: opt(fc.boolean(), 0.4),
    subPath: opt(pick(noise, k('conf', 'a/b', 'nginx.conf', ''), k('/abs', '../up', 'a/../../b')), 0.15),
    subPathExpr: opt(pick(noise, k('$(POD_NAME)', 'logs/$(POD_NAME)'), k('/$(POD_NAME)', '../$(POD_NAME)')), 0.05),
    propagation: opt(k(...Object.values(kplus.MountPropagation)), 0.1),
  }).map(compact);
}

/** A mount before its volume is resolved against the pool. */
interface RawMount extends MountOptions {
  readonly choice: VolumeChoice;
  readonly path: string;
}

function rawMount(noise: Noise): fc.Arbitrary<RawMount> {
  return fc.tuple(volumeChoice(noise), mountPath(noise), mountOptions(noise)).map(([choice, path, o]) => ({ ...o, choice, path }));
}

/** The volumes a case's mounts choose from: the pool, those of it the pod declares, and the noise. */
interface Volumes {
  readonly pool: readonly Volume[];
  readonly declared: readonly Volume[];
  readonly clean: boolean;
}

function resolveVolume(choice: VolumeChoice, ctx: Volumes): Volume | string {
  if ('fresh' in choice) return choice.fresh;
  if ('undeclared' in choice) return choice.undeclared;
  if (ctx.pool.length === 0) {
    const name = VOLUME_NAMES[choice.pool % VOLUME_NAMES.length];
    return ctx.clean ? Volume.emptyDir(name) : name;
  }
  const v = ctx.pool[choice.pool % ctx.pool.length];
  // A clean case names only volumes it declares; mounting by object declares it.
  return choice.byName && (!ctx.clean || ctx.declared.includes(v)) ? v.name : v;
}

// ---- Containers ----------------------------------------------------------------------------------

const CONTAINER_NAMES = ['web', 'app', 'proxy', 'sidecar', 'log-shipper', 'metrics', 'worker', 'init-db', 'trainer', 'migrate'];

function image(noise: Noise): fc.Arbitrary<string> {
  return pick(noise,
    k('nginx:1.25', 'busybox', 'envoyproxy/envoy:v1.29.0', 'fluent/fluent-bit:3.0', 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
      `registry.example.com:5000/team/app@sha256:${'a'.repeat(64)}`, 'nginx:latest', 'NGINX'),
    k('', ' nginx', 'nginx ', 'nginx latest'));
}

function containerPort(noise: Noise): fc.Arbitrary<ContainerPort> {
  return fc.record({
    number: port(noise),
    name: opt(portName(noise), 0.4),
    protocol: opt(k(...Object.values(kplus.Protocol)), 0.3),
    hostPort: opt(pick(noise, k(8080, 8443, 30080), k(0, 70000, -1)), 0.1),
  }).map(compact);
}

/** Container props before mounts are resolved against the pool. */
type RawContainer = Omit<ContainerProps, 'volumeMounts'> & { readonly mounts?: RawMount[] };

function rawContainer(noise: Noise, names: string[] = CONTAINER_NAMES): fc.Arbitrary<RawContainer> {
  return fc.record({
    name: dnsLabel(noise, names),
    image: image(noise),
    imagePullPolicy: opt(k(...Object.values(kplus.ImagePullPolicy)), 0.2),
    command: opt(command(noise), 0.2),
    args: opt(fc.array(pick(noise, k('--port=8080', '-v', '$(PROFILE)', '--name=$(POD_NAME)', '$$(LITERAL)'), k('$(MISSPELT)', '')), { maxLength: 3 }), 0.2),
    workingDir: opt(pick(noise, k('/app', '/workspace'), k('relative', '')), 0.1),
    port: opt(port(noise), 0.3),
    ports: opt(fc.array(containerPort(noise), { minLength: 1, maxLength: 3 }), 0.3),
    env: opt(envMap(noise), 0.4),
    envFrom: opt(fc.array(envFrom(noise), { minLength: 1, maxLength: 2 }), 0.1),
    resources: opt(resources(noise), 0.4),
    mounts: opt(fc.array(rawMount(noise), { minLength: 1, maxLength: 3 }), 0.4),
    liveness: opt(probe(noise), 0.25),
    readiness: opt(probe(noise), 0.25),
    startup: opt(probe(noise), 0.1),
    lifecycle: opt(lifecycle(noise), 0.1),
    securityContext: opt(containerSecurityContext(noise), 0.25),
    // The pattern of a probe on a named port: the container declares `http` and probes it by name.
    http: opt(port(noise), noisy(noise) ? 0.05 : 0.15),
  }).map(({ http, ...c }) => (http === undefined ? compact(c) : compact({
    ...c,
    ports: [...(c.ports ?? []), { number: http, name: 'http' }],
    readiness: c.readiness ?? Probe.httpGet('/ready', { port: 'http' }),
  })));
}

function resolveContainer(raw: RawContainer, ctx: Volumes): ContainerProps {
  const { mounts, ...rest } = raw;
  if (mounts === undefined) return rest;
  return { ...rest, volumeMounts: mounts.map(({ choice, ...m }) => ({ ...m, volume: resolveVolume(choice, ctx) })) };
}

// ---- Pods ----------------------------------------------------------------------------------------

function toleration(noise: Noise): fc.Arbitrary<Toleration> {
  const kinds: Array<fc.Arbitrary<Toleration>> = [
    fc.record({ key: k('dedicated', 'nvidia.com/gpu', 'example.com/spot'), operator: k(TolerationOperator.EXISTS), effect: opt(k(...Object.values(kplus.TaintEffect)), 0.7) }).map(compact),
    fc.record({ key: k('dedicated', 'example.com/pool'), operator: opt(k(TolerationOperator.EQUAL), 0.5), value: k('gpu', 'batch', ''), effect: opt(k(...Object.values(kplus.TaintEffect)), 0.7) }).map(compact),
    fc.record({ key: k('node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'), operator: k(TolerationOperator.EXISTS), effect: k(kplus.TaintEffect.NO_EXECUTE), tolerationSeconds: opt(k(0, 300, 3600), 0.7) }).map(compact),
    fc.record({ operator: k(TolerationOperator.EXISTS) }),
    fc.record({
      key: opt(pick(noise, k('dedicated'), k('Bad Key', '', 'a/b/c')), 0.8),
      operator: opt(k(...Object.values(TolerationOperator)), 0.7),
      value: opt(pick(noise, k('gpu'), k('a b', LONG_64)), 0.5),
      effect: opt(k(...Object.values(kplus.TaintEffect)), 0.5),
      tolerationSeconds: opt(pick(noise, k(60), k(-1, 1.5, Number.NaN)), 0.3),
    }).map(compact),
  ];
  // The last kind mixes fields freely: only in noisy cases.
  return fc.oneof(...(noisy(noise) ? kinds : kinds.slice(0, -1)));
}

function stringMap(key: fc.Arbitrary<string>, value: fc.Arbitrary<string>, present: number): fc.Arbitrary<{ [key: string]: string } | undefined> {
  return opt(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map(toMap), present);
}

/** The pod-wide props every construct takes (PodProps but its container lists and volumes). */
function commonProps(noise: Noise) {
  return fc.record({
    name: opt(dnsSubdomain(noise, ['web', 'api', 'trainer', 'batch-job', 'kube-basic', 'my-pod']), 0.8),
    namespace: opt(pick(noise, k('default', 'team-a', 'kube-system'), k('Bad NS!', 'a.b', LONG_64, '')), 0.2),
    labels: stringMap(labelKey(noise), labelValue(noise), 0.5),
    annotations: stringMap(annotationKey(noise), annotationValue(noise), 0.2),
    // Native sidecars need 1.29+ (the rules check 1.28 by default): an edge.
    sidecarMode: opt(pick(noise, k(SidecarMode.CLASSIC), k(SidecarMode.NATIVE)), 0.3),
    restartPolicy: opt(k(...Object.values(kplus.RestartPolicy)), 0.2),
    serviceAccount: opt(dnsSubdomain(noise, ['builder', 'default', 'ci-runner']), 0.15),
    automountServiceAccountToken: opt(fc.boolean(), 0.1),
    hostNetwork: opt(chance(0.4), 0.15),
    dnsPolicy: opt(k(...Object.values(kplus.DnsPolicy)), 0.15),
    terminationGracePeriod: opt(seconds(noise), 0.15),
    nodeSelector: stringMap(pick(noise, k('gpu', 'kubernetes.io/arch', 'node.kubernetes.io/instance-type', 'disktype'), k('gpu model', 'Bad/Key/x')), pick(noise, k('true', 'amd64', 'ssd', 'p4d.24xlarge'), k('a b', LONG_64)), 0.2),
    tolerations: opt(fc.array(toleration(noise), { minLength: 1, maxLength: 2 }), 0.15),
    runtimeClassName: opt(pick(noise, k('gvisor', 'nvidia', 'kata.v2'), k('', 'GVisor', 'run_c')), 0.1),
    priorityClassName: opt(pick(noise, k('high-priority', 'system-cluster-critical'), k('High', 'p_1')), 0.1),
    securityContext: opt(podSecurityContext(noise), 0.2),
    imagePullSecrets: opt(fc.array(secretRef(noise), { minLength: 1, maxLength: 2 }), 0.1),
    podSecurityStandard: opt(k(PodSecurityStandard.BASELINE, PodSecurityStandard.RESTRICTED), 0.05),
  }).map(compact);
}

/** Changes after construction, with container props and mounts still to resolve. */
type RawOp =
  | { readonly op: 'addContainer' | 'addInitContainer' | 'addSidecar'; readonly props: RawContainer }
  | { readonly op: 'addVolume'; readonly pool: number }
  | { readonly op: 'mount'; readonly container: number; readonly mount: RawMount }
  | Exclude<Op, { op: 'addContainer' | 'addInitContainer' | 'addSidecar' | 'addVolume' | 'mount' }>;

function ownerReference(noise: Noise): fc.Arbitrary<OwnerReference> {
  return fc.record({
    apiVersion: pick(noise, k('apps/v1', 'v1', 'batch/v1', 'example.com/v1alpha1'), k('', 'apps', 'Apps/V1')),
    kind: pick(noise, k('ReplicaSet', 'Job', 'StatefulSet', 'MyResource'), k('', 'replica set', 'List')),
    name: dnsSubdomain(noise, ['web-7f9c', 'batch-job', 'db']),
    uid: pick(noise, k('d9607e19-f88f-11e6-a518-42010a800195', '0b7b3a4e-6f1c-4a5e-9b8e-2c3d4e5f6a7b'), k('', 'not-a-uid')),
    controller: opt(fc.boolean(), 0.4),
    blockOwnerDeletion: opt(fc.boolean(), 0.3),
  }).map(compact);
}

function rawOp(noise: Noise): fc.Arbitrary<RawOp> {
  const c = fc.nat(7);
  return fc.oneof(
    fc.record({ op: k<'addContainer' | 'addInitContainer' | 'addSidecar'>('addContainer', 'addInitContainer', 'addSidecar'), props: rawContainer(noise) }),
    fc.record({ op: k<'addVolume'>('addVolume'), pool: fc.nat(9) }),
    fc.record({ op: k<'addNodeSelector'>('addNodeSelector'), key: pick(noise, k('gpu', 'disktype'), k('gpu model')), value: pick(noise, k('true', 'ssd'), k('a b')) }),
    fc.record({ op: k<'addToleration'>('addToleration'), toleration: toleration(noise) }),
    fc.record({ op: k<'addLabel'>('addLabel'), key: labelKey(noise), value: labelValue(noise) }),
    fc.record({ op: k<'addAnnotation'>('addAnnotation'), key: annotationKey(noise), value: annotationValue(noise) }),
    fc.record({ op: k<'addFinalizers'>('addFinalizers'), finalizers: fc.array(pick(noise, k('example.com/cleanup', 'kubernetes.io/pv-protection', 'foregroundDeletion'), k('cleanup', 'Bad Finalizer', '', 'example.com/')), { minLength: 1, maxLength: 2 }) }),
    fc.record({ op: k<'addOwnerReference'>('addOwnerReference'), owner: ownerReference(noise) }),
    fc.record({ op: k<'addPort'>('addPort'), container: c, port: containerPort(noise) }),
    fc.record({ op: k<'addEnv'>('addEnv'), container: c, name: envName(noise), value: envValue(noise) }),
    fc.record({ op: k<'addEnvFrom'>('addEnvFrom'), container: c, source: envFrom(noise) }),
    fc.record({ op: k<'mount'>('mount'), container: c, mount: rawMount(noise) }),
    fc.record({ op: k<'setExtendedResource'>('setExtendedResource'), container: c, resource: extendedName(noise), amount: wholeAmount(noise) }),
  );
}

function resolveOp(op: RawOp, ctx: Volumes): Op | undefined {
  switch (op.op) {
    case 'addContainer':
    case 'addInitContainer':
    case 'addSidecar':
      return { op: op.op, props: resolveContainer(op.props, ctx) };
    case 'addVolume':
      return ctx.pool.length === 0 ? undefined : { op: 'addVolume', volume: ctx.pool[op.pool % ctx.pool.length] };
    case 'mount': {
      const { choice, path, ...options } = op.mount;
      return { op: 'mount', container: op.container, path, volume: resolveVolume(choice, ctx), options };
    }
    default:
      return op;
  }
}

/** What every case shares: the pool of volumes, which of them are declared, the pod props, the changes. */
function shared(noise: Noise) {
  // Clean cases draw volumes with distinct names; noisy ones may declare two volumes of one name.
  const pool = noisy(noise) ? fc.array(volume(noise), { maxLength: 3 }) : fc.uniqueArray(volume(noise), { maxLength: 3, selector: v => v.name });
  return fc.record({
    chartNamespace: opt(pick(noise, k('default', 'prod'), k('Bad NS!')), 0.1),
    chartLabels: stringMap(labelKey(noise), labelValue(noise), 0.1),
    pool,
    declare: fc.oneof({ weight: 6, arbitrary: fc.constant('all' as const) }, { weight: 1, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constant('first' as const) }),
    common: commonProps(noise),
    ops: fc.array(rawOp(noise), { maxLength: 3 }),
  });
}

type Shared = typeof shared extends (noise: Noise) => fc.Arbitrary<infer T> ? T : never;

/** The volumes of a case: its pool (after `extra`), those of it declared in `volumes`. */
function volumesOf(noise: Noise, s: Shared, extra: readonly Volume[] = []): Volumes {
  const pool = [...extra, ...s.pool.filter(v => noisy(noise) || !extra.some(e => e.name === v.name))];
  const own = pool.slice(extra.length);
  const declared = s.declare === 'all' ? own : s.declare === 'first' ? own.slice(0, 1) : [];
  return { pool, declared: [...extra, ...declared], clean: !noisy(noise) };
}

/** `volumes` of the props: the declared volumes but `except`, or undefined when there are none. */
function volumesProp(v: Volumes, except: readonly Volume[] = []): Volume[] | undefined {
  const list = v.declared.filter(x => !except.includes(x));
  return list.length > 0 ? list : undefined;
}

// ---- Tidy: what a careful engineer gets right ----------------------------------------------------

/**
 * Clean cases are what a careful engineer writes: containers named apart (`web`, `web-2`), no port
 * declared twice in the pod, each mount path used once in a container, Bidirectional propagation
 * only in privileged containers, no probes or hooks on (plain) init containers, requests within limits. Noisy cases keep these mistakes. Returns new
 * objects: generated values may be shared with the shrunk values fast-check derives from them.
 */
class Tidy {
  private readonly names = new Set<string>();
  private readonly ports = new Set<string>();

  public container(c: ContainerProps, init: boolean): ContainerProps {
    let name = c.name;
    for (let n = 2; this.names.has(name); n++) name = `${c.name.slice(0, 60)}-${n}`;
    this.names.add(name);
    const out: { -readonly [K in keyof ContainerProps]: ContainerProps[K] } = { ...c, name };
    if (c.port !== undefined) out.port = this.port(c.port, undefined);
    const portNames = new Set<string>();
    if (c.ports !== undefined) out.ports = c.ports.map(p => this.containerPort(p, portNames));
    if (c.volumeMounts !== undefined) {
      const paths = new Set<string>();
      const privileged = c.securityContext?.privileged === true;
      out.volumeMounts = c.volumeMounts.map(m => {
        let path = m.path;
        for (let n = 2; paths.has(path.replace(/\/+$/, '')); n++) path = `${m.path.replace(/\/+$/, '')}-${n}`;
        paths.add(path.replace(/\/+$/, ''));
        // Bidirectional propagation is for privileged containers only.
        const propagation = m.propagation === kplus.MountPropagation.BIDIRECTIONAL && !privileged ? kplus.MountPropagation.HOST_TO_CONTAINER : m.propagation;
        return compact({ ...m, path, propagation });
      });
    }
    if (init) {
      delete out.liveness;
      delete out.readiness;
      delete out.startup;
      delete out.lifecycle;
    }
    if (c.resources !== undefined) out.resources = withinLimits(c.resources);
    return out;
  }

  public containerPort(p: ContainerPort, names?: Set<string>): ContainerPort {
    const out = { ...p, number: this.port(p.number, p.protocol) };
    if (names === undefined || p.name === undefined) return out;
    if (names.has(p.name)) return compact({ ...out, name: undefined });
    names.add(p.name);
    return out;
  }

  private port(n: number, protocol: string | undefined): number {
    let number = n;
    if (Number.isInteger(n) && n >= 1 && n <= 65535) {
      while (this.ports.has(`${number}/${protocol ?? 'TCP'}`)) number = number >= 65535 ? 1024 : number + 1;
    }
    this.ports.add(`${number}/${protocol ?? 'TCP'}`);
    return number;
  }
}

function cpuValue(c: kplus.Cpu | undefined): number {
  return parseQuantity(c?.amount)?.value ?? Number.NaN;
}

function sizeValue(s: Size | undefined): number {
  return s === undefined ? Number.NaN : s.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}

/** The resources with a request above its limit swapped. */
function withinLimits(r: ContainerResources): ContainerResources {
  const swap = <T>(pair: { request?: T; limit?: T } | undefined, value: (x: T | undefined) => number) =>
    (pair !== undefined && value(pair.request) > value(pair.limit) ? { request: pair.limit, limit: pair.request } : pair);
  return compact({ ...r, cpu: swap(r.cpu, cpuValue), memory: swap(r.memory, sizeValue), ephemeralStorage: swap(r.ephemeralStorage, sizeValue) });
}

/** Containers of a case by role, to tidy together. */
interface Containers {
  readonly init?: ContainerProps[];
  readonly main: ContainerProps[];
  /** Sidecars: init containers with restartPolicy Always in native mode, so they keep their probes. */
  readonly sidecars?: ContainerProps[];
}

function finish(noise: Noise, s: Shared, v: Volumes, containers: Containers, build: (c: Containers) => Omit<PropertyCase, 'ops' | 'chartNamespace'>): PropertyCase {
  let ops = s.ops.map(o => resolveOp(o, v)).filter((o): o is Op => o !== undefined);
  let tidied = containers;
  if (!noisy(noise)) {
    // Declare each volume once: addVolume() of a volume the props declare, or a second time, is a noisy mistake.
    const added = new Set<Volume>(v.declared);
    ops = ops.filter(o => o.op !== 'addVolume' || (!added.has(o.volume) && added.add(o.volume) !== undefined));
    const tidy = new Tidy();
    tidied = {
      init: containers.init?.map(c => tidy.container(c, true)),
      main: containers.main.map(c => tidy.container(c, false)),
      sidecars: containers.sidecars?.map(c => tidy.container(c, false)),
    };
    ops = ops.map(o => {
      switch (o.op) {
        case 'addContainer':
        case 'addSidecar':
        case 'addInitContainer':
          return { ...o, props: tidy.container(o.props, o.op === 'addInitContainer') };
        case 'addPort':
          return { ...o, port: tidy.containerPort(o.port) };
        case 'mount':
          // A path of its own, whichever container the mount lands in.
          return { ...o, path: `/mnt/extra-${ops.indexOf(o)}` };
        default:
          return o;
      }
    });
  }
  return compact({ chartNamespace: s.chartNamespace, chartLabels: s.chartLabels, ...build(tidied), ops } as PropertyCase);
}

// ---- The constructs ------------------------------------------------------------------------------

function podCase(noise: Noise): fc.Arbitrary<PropertyCase> {
  return fc.tuple(
    shared(noise),
    fc.array(rawContainer(noise), { minLength: 1, maxLength: 3 }),
    opt(fc.array(rawContainer(noise, ['init-db', 'migrate', 'setup', 'web']), { minLength: 1, maxLength: 2 }), 0.2),
    opt(fc.array(rawContainer(noise, ['log-shipper', 'proxy', 'sidecar', 'metrics']), { minLength: 1, maxLength: 2 }), 0.25),
  ).map(([s, rawMain, rawInit, rawSidecars]) => {
    const v = volumesOf(noise, s);
    const resolve = (c: RawContainer) => resolveContainer(c, v);
    return finish(noise, s, v, { init: rawInit?.map(resolve), main: rawMain.map(resolve), sidecars: rawSidecars?.map(resolve) }, c => ({
      construct: 'Pod',
      props: compact({ ...s.common, volumes: volumesProp(v), initContainers: c.init, containers: c.main, sidecars: c.sidecars }),
    }));
  });
}

function sidecarPodCase(noise: Noise): fc.Arbitrary<PropertyCase> {
  return fc.tuple(
    shared(noise),
    rawContainer(noise, ['web', 'app', 'api']),
    fc.array(rawContainer(noise, ['log-shipper', 'proxy', 'sidecar', 'metrics', 'web']), { minLength: noisy(noise) ? 0 : 1, maxLength: 3 }),
  ).map(([s, rawApp, rawSidecars]) => {
    const v = volumesOf(noise, s);
    const resolve = (c: RawContainer) => resolveContainer(c, v);
    return finish(noise, s, v, { main: [resolve(rawApp)], sidecars: rawSidecars.map(resolve) }, c => ({
      construct: 'SidecarPod',
      props: compact({ ...s.common, volumes: volumesProp(v), app: c.main[0], sidecars: c.sidecars ?? [] }),
    }));
  });
}

const GPU_VENDORS = [
  GpuVendor.NVIDIA, GpuVendor.AMD, GpuVendor.INTEL, GpuVendor.nvidiaMig('1g.5gb'), GpuVendor.nvidiaMig('3g.20gb'),
  GpuVendor.custom('habana.ai/gaudi'), GpuVendor.custom('example.com/tpu', 'example.com/accelerator'),
];

function gpuPodCase(noise: Noise): fc.Arbitrary<PropertyCase> {
  return fc.tuple(
    shared(noise),
    rawContainer(noise, ['trainer', 'inference', 'web']),
    fc.record({
      gpuCount: pick(noise, k(1, 2, 4, 8), k(0, 0.5, -1, Number.NaN, 1e21)),
      gpuVendor: opt(pick(noise, k(...GPU_VENDORS), k(GpuVendor.nvidiaMig('Bad Profile'), GpuVendor.custom('gpu'), GpuVendor.custom('example.com/gpu', 'Bad Key'))), 0.4),
      tolerateGpuTaint: opt(fc.boolean(), 0.2),
      sharedMemory: opt(size(noise), 0.3),
    }).map(compact),
    opt(fc.array(rawContainer(noise, ['log-shipper', 'metrics', 'trainer']), { minLength: 1, maxLength: 2 }), 0.3),
  ).map(([s, rawGpu, gpu, rawSidecars]) => {
    const v = volumesOf(noise, s);
    const resolve = (c: RawContainer) => resolveContainer(c, v);
    return finish(noise, s, v, { main: [resolve(rawGpu)], sidecars: rawSidecars?.map(resolve) }, c => ({
      construct: 'GpuPod',
      props: compact({ ...s.common, ...gpu, volumes: volumesProp(v), container: c.main[0], sidecars: c.sidecars }),
    }));
  });
}

function sharedVolumePodCase(noise: Noise): fc.Arbitrary<PropertyCase> {
  const shareable = noisy(noise) ? fc.array(volume(noise), { maxLength: 2 }) : fc.uniqueArray(volume(noise), { minLength: 1, maxLength: 2, selector: v => v.name });
  return fc.tuple(
    shared(noise),
    shareable,
    fc.array(fc.tuple(
      rawContainer(noise, ['writer', 'server', 'web', 'reloader', 'backup']),
      fc.array(chance(noisy(noise) ? 0.2 : 0.02), { minLength: 2, maxLength: 2 }),
      fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    ), { minLength: noisy(noise) ? 1 : 2, maxLength: 3 }),
  ).map(([s, sharedVolumes, rawContainers]) => {
    const v = volumesOf(noise, s, sharedVolumes);
    const main = rawContainers.map(([raw, skip, readOnly], i) => {
      const c = resolveContainer(raw, v);
      // Each container mounts each shared volume (by object or by name) at a path of its own, unless it skips it.
      const mounts: VolumeMount[] = sharedVolumes.flatMap((sv, j) => (skip[j] ? [] : [compact({ volume: (i + j) % 3 === 2 ? sv.name : sv, path: `/shared/${j}`, readOnly: readOnly[j] || undefined })]));
      return { ...c, volumeMounts: [...mounts, ...(c.volumeMounts ?? [])] };
    });
    return finish(noise, s, v, { main }, c => ({
      construct: 'SharedVolumePod',
      props: compact({ ...s.common, sharedVolumes, volumes: volumesProp(v, sharedVolumes), containers: c.main }),
    }));
  });
}

/** A case of one noise level: one of the four constructs, with props and changes. */
export function propertyCase(noise: Noise): fc.Arbitrary<PropertyCase> {
  return fc.oneof(
    { weight: 4, arbitrary: podCase(noise) },
    { weight: 2, arbitrary: sidecarPodCase(noise) },
    { weight: 2, arbitrary: gpuPodCase(noise) },
    { weight: 2, arbitrary: sharedVolumePodCase(noise) },
  );
}

/** The arbitrary of the property: two clean cases for every noisy one. */
export const caseArbitrary: fc.Arbitrary<PropertyCase> = fc.oneof({ weight: 2, arbitrary: propertyCase(CLEAN) }, { weight: 1, arbitrary: propertyCase(NOISY) });
