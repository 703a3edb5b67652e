// The lifecycle rules of lib/rules/lifecycle.ts (init-container-probes, probe-handler, probe-port, grace-period and the
// maxSurge/maxUnavailable and timeZone parts of workload-spec), in the corners the corpus leaves open; the hook
// handler counts are in rules-lifecycle-hooks.test.ts. Truth, for the rules checked by the API server, is
// pkg/apis/core/validation/validation.go at 1.34 (the same at 1.28 to 1.33): validateInitContainers (an init container
// without restartPolicy: Always may not have probes or lifecycle; at 1.28 the SidecarContainers gate is off, so the
// API server drops restartPolicy first and rejects the probes), validateExecAction (a null command is "Required"),
// validateProbe (terminationGracePeriodSeconds must be > 0 when set; null is unset), validateReadinessProbe (it may
// not be set, null being unset), ValidatePodSpec (activeDeadlineSeconds within 1..2147483647, both ends allowed);
// pkg/apis/apps/validation ValidatePositiveIntOrPercent (a string must match ^[0-9]+%$) and
// pkg/apis/batch/validation validateTimeZone (every '/'-part matches ^[A-Za-z.\-_0-9+]{1,14}$ and is not '.', '..'
// nor starts with '-'). Values of the wrong JSON type (a string for an int32, a number for a string, -1.5 for an
// IntOrString) fail decoding, so only field-type reports them. For the runtime rules: the kubelet resolves a hook's or
// probe's named port among the container's ports by name (resolvePort, pkg/kubelet/lifecycle/handlers.go; findPortByName
// for probes), so a name that starts with digits is still a name, and an undeclared one fails the hook. Each manifest
// was checked with the oracle (oracle/, the API server's own create path) at 1.28 and 1.34.
// Every case lists all findings of the manifest.
import { lint } from './findings';

/** A v1 Pod 'p' with this spec. */
function pod(spec: object): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

/** A container with this name and these extra fields. */
function container(name: string, fields: object = {}): object {
  return { name, image: 'nginx:1.27', ...fields };
}

/** A pod with one container 'app' with these extra fields. */
function app(fields: object): object {
  return pod({ containers: [container('app', fields)] });
}

/** A complete exec probe handler. */
const EXEC = { exec: { command: ['cat', '/tmp/ok'] } };

/** A Deployment 'web' with a RollingUpdate strategy of this rollingUpdate. */
function deployment(rollingUpdate: object): object {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [container('app')] } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate }, template } };
}

/** A CronJob 'nightly' with this timeZone. */
function cronJob(timeZone: string): object {
  const jobTemplate = { spec: { template: { spec: { restartPolicy: 'Never', containers: [container('job')] } } } };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '30 2 * * *', timeZone, jobTemplate } };
}

describe('init-container-probes', () => {
  test('a native sidecar with a probe is rejected at 1.28 and accepted from 1.29', () => {
    // GIVEN an init container 'proxy' with restartPolicy: Always and a readinessProbe
    const manifest = pod({ initContainers: [container('proxy', { restartPolicy: 'Always', readinessProbe: EXEC })], containers: [container('app')] });

    // WHEN it is linted at 1.28 and at 1.34
    // THEN 1.28 drops restartPolicy (SidecarContainers is off) and forbids the probe of what is then a plain init
    // container ("may not be set for init containers without restartPolicy=Always"), with the message for a
    // sidecar; 1.34 accepts it
    expect(lint(manifest, '1.28')).toEqual([
      "error container-restart-policy spec.initContainers[0].restartPolicy: init container 'proxy' is a native sidecar (restartPolicy: Always), which Kubernetes 1.28 drops unless the SidecarContainers feature gate is on: the pod would hang in Init; check against 1.29 or newer (--kubernetes-version, or kubernetesVersion in code) if your clusters run it, or make it a regular container (SidecarMode.CLASSIC)",
      "error init-container-probes spec.initContainers[0].readinessProbe: init container 'proxy' has readinessProbe, which Kubernetes 1.28 rejects: it drops restartPolicy: Always (native sidecars need 1.29+) and init containers may not have readinessProbe; check against 1.29 or newer, or make it a regular container",
    ]);
    expect(lint(manifest, '1.34')).toEqual([]);
  });
});

describe('probe-handler', () => {
  test('probe timings written as strings are a decoding error only, not negative numbers', () => {
    // GIVEN a liveness probe with periodSeconds '-1', successThreshold '2' and initialDelaySeconds '-1', all quoted
    // WHEN it is linted
    // THEN each is reported as the wrong type (the API server cannot decode a string into an int32), and
    // probe-handler compares no string with a number
    expect(lint(app({ livenessProbe: { ...EXEC, periodSeconds: '-1', successThreshold: '2', initialDelaySeconds: '-1' } }))).toEqual([
      "error field-type spec.containers[0].livenessProbe.periodSeconds: periodSeconds is the string '-1' but must be an integer; write -1 without quotes",
      "error field-type spec.containers[0].livenessProbe.successThreshold: successThreshold is the string '2' but must be an integer; write 2 without quotes",
      "error field-type spec.containers[0].livenessProbe.initialDelaySeconds: initialDelaySeconds is the string '-1' but must be an integer; write -1 without quotes",
    ]);
  });

  test('a readiness probe with terminationGracePeriodSeconds null is fine', () => {
    // GIVEN a readiness probe whose terminationGracePeriodSeconds is null
    // WHEN it is linted
    // THEN nothing is reported: null is an unset pointer, and validateReadinessProbe rejects only a set one
    expect(lint(app({ readinessProbe: { ...EXEC, terminationGracePeriodSeconds: null } }))).toEqual([]);
  });

  test('an exec handler whose command is null has an empty command', () => {
    // GIVEN a liveness probe with exec: { command: null }
    // WHEN it is linted
    // THEN the command is reported (validateExecAction: exec.command Required value)
    expect(lint(app({ livenessProbe: { exec: { command: null } } }))).toEqual([
      "error probe-handler spec.containers[0].livenessProbe.exec.command: livenessProbe of container 'app' runs an exec with an empty command; give the command to run, such as ['cat', '/tmp/healthy']",
    ]);
  });

  test('an HTTP header name that is a number is a decoding error only', () => {
    // GIVEN an httpGet liveness probe with a header whose name is the number 1.5
    // WHEN it is linted
    // THEN it is reported as the wrong type (it cannot be decoded into a string), not as an invalid header name
    expect(lint(app({ livenessProbe: { httpGet: { port: 8080, httpHeaders: [{ name: 1.5, value: 'x' }] } } }))).toEqual([
      'error field-type spec.containers[0].livenessProbe.httpGet.httpHeaders[0].name: name is the number 1.5 but must be a string; quote it: "1.5"',
    ]);
  });
});

describe('probe-port', () => {
  test('a null item in ports is a type error, and the probe is still checked', () => {
    // GIVEN a container whose ports list is [null], with a tcpSocket probe on port 8080
    // WHEN it is linted
    // THEN only the null port is reported (the API server decodes it as an empty port: containerPort Required)
    expect(lint(app({ ports: [null], livenessProbe: { tcpSocket: { port: 8080 } } }))).toEqual([
      'error field-type spec.containers[0].ports[0]: ports[0] is null but must be an object (ContainerPort); remove the empty item or fill in its fields',
    ]);
  });

  test('declared port names that start or end with digits are names, not quoted numbers', () => {
    // GIVEN a container declaring the ports 'web-8080' and '8443https', and probes using them by name
    const ports = [{ name: 'web-8080', containerPort: 8080 }, { name: '8443https', containerPort: 8443 }];

    // WHEN it is linted
    // THEN nothing is reported: both are valid port names (IsValidPortName) that the kubelet finds among the ports
    expect(lint(app({ ports, livenessProbe: { httpGet: { port: 'web-8080' } }, readinessProbe: { tcpSocket: { port: '8443https' } } }))).toEqual([]);
  });

  test('a postStart hook on an undeclared port name is reported at the hook', () => {
    // GIVEN a postStart httpGet hook on port 'admin', which the container does not declare
    // WHEN it is linted
    // THEN it is reported (the API server accepts it; the kubelet cannot resolve the port, so the hook fails)
    expect(lint(app({ lifecycle: { postStart: { httpGet: { path: '/warm', port: 'admin' } } } }))).toEqual([
      "error probe-port spec.containers[0].lifecycle.postStart.httpGet.port: lifecycle.postStart of container 'app' uses port 'admin', which the container does not declare; name one of its ports 'admin' or use a number",
    ]);
  });
});

describe('grace-period', () => {
  test('a quoted negative terminationGracePeriodSeconds is a decoding error only', () => {
    // GIVEN a pod with terminationGracePeriodSeconds '-1'
    // WHEN it is linted
    // THEN it is reported as the wrong type only (the API server cannot decode a string into an int64)
    expect(lint(pod({ terminationGracePeriodSeconds: '-1', containers: [container('app')] }))).toEqual([
      "error field-type spec.terminationGracePeriodSeconds: terminationGracePeriodSeconds is the string '-1' but must be an integer; write -1 without quotes",
    ]);
  });

  test('a probe terminationGracePeriodSeconds of null or 1 is fine', () => {
    // GIVEN a liveness probe with terminationGracePeriodSeconds null and a startup probe with 1
    // WHEN it is linted
    // THEN nothing is reported: null is unset, and validateProbe rejects only values <= 0
    expect(lint(app({ livenessProbe: { ...EXEC, terminationGracePeriodSeconds: null }, startupProbe: { ...EXEC, terminationGracePeriodSeconds: 1 } }))).toEqual([]);
  });

  test('activeDeadlineSeconds takes 1 to 2147483647, and null is unset', () => {
    // GIVEN pods with activeDeadlineSeconds 1, 2147483647 and null
    // WHEN they are linted
    // THEN nothing is reported (ValidatePodSpec: InclusiveRangeError(1, MaxInt32), both ends allowed)
    for (const activeDeadlineSeconds of [1, 2147483647, null]) {
      expect(lint(pod({ activeDeadlineSeconds, containers: [container('app')] }))).toEqual([]);
    }
  });

  test('a quoted activeDeadlineSeconds beyond 2147483647 is a decoding error only', () => {
    // GIVEN a pod with activeDeadlineSeconds '3000000000'
    // WHEN it is linted
    // THEN it is reported as the wrong type only
    expect(lint(pod({ activeDeadlineSeconds: '3000000000', containers: [container('app')] }))).toEqual([
      "error field-type spec.activeDeadlineSeconds: activeDeadlineSeconds is the string '3000000000' but must be an integer; write 3000000000 without quotes",
    ]);
  });
});

describe('workload-spec: maxSurge', () => {
  test('a negative fraction is a decoding error only', () => {
    // GIVEN a Deployment with maxSurge -1.5
    // WHEN it is linted
    // THEN it is reported as the wrong type (an IntOrString does not decode -1.5), not as a negative value
    expect(lint(deployment({ maxSurge: -1.5 }))).toEqual([
      "error field-type spec.strategy.rollingUpdate.maxSurge: maxSurge is the number -1.5 but must be an integer or a string; use a whole number such as 1, or a percentage such as '25%'",
    ]);
  });

  test('strings that only begin or end like a percentage or a number are neither', () => {
    // GIVEN Deployments with maxSurge '25%x' and 'x5'
    // WHEN they are linted
    // THEN both are invalid percentages (IsValidPercent), and neither is offered as a number to unquote
    expect(lint(deployment({ maxSurge: '25%x' }))).toEqual([
      "error workload-spec spec.strategy.rollingUpdate.maxSurge: maxSurge '25%x' of the Deployment is not a whole number or a percentage; use a number such as 1 or a percentage such as '25%'",
    ]);
    expect(lint(deployment({ maxSurge: 'x5' }))).toEqual([
      "error workload-spec spec.strategy.rollingUpdate.maxSurge: maxSurge 'x5' of the Deployment is not a whole number or a percentage; use a number such as 1 or a percentage such as '25%'",
    ]);
  });
});

describe('workload-spec: timeZone', () => {
  test.each([
    ['Etc/.', "a part '.'"],
    ['Europe/../Berlin', "a part '..' between valid ones"],
    ['-Berlin', "a part starting with '-'"],
    ['Europe/Berlin!', 'a character outside the allowed set at the end'],
    ['!Europe/Berlin', 'a character outside the allowed set at the start'],
    ['Europe/Berlinxxxxxxxxxxxx', 'a part longer than 14 characters'],
  ])('%s (%s) is not an IANA time zone name', (zone) => {
    // GIVEN a CronJob whose timeZone has a part validateTimeZone refuses
    // WHEN it is linted
    // THEN the zone is reported as no IANA name ("unknown time zone")
    expect(lint(cronJob(zone))).toEqual([
      `error workload-spec spec.timeZone: timeZone '${zone}' is not an IANA time zone name; use one such as 'Etc/UTC' or 'Europe/Berlin'`,
    ]);
  });
});
