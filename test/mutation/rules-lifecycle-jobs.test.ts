// The workload-spec rule of lib/rules/lifecycle.ts in the corners the corpus and rules-lifecycle.test.ts leave open:
// which Deployment strategy and DaemonSet updateStrategy types get their rollingUpdate checked (none given means
// RollingUpdate), the negative counts of ReplicaSets, StatefulSets, DaemonSets and per-index Jobs, null fields that
// mean unset, CronJob-only checks on other kinds, Indexed Jobs, and the podFailurePolicy rule checks. Truth is the API
// server at 1.34 (the same at 1.28 to 1.33 unless a test says otherwise): pkg/apis/apps/validation/validation.go
// (ValidateDeploymentStrategy: an unknown type is only NotSupported; ValidateDaemonSetUpdateStrategy checks
// rollingUpdate only for RollingUpdate, ValidateRollingUpdateDaemonSet: maxSurge at most 100% and not set together
// with a non-zero maxUnavailable; minReadySeconds and revisionHistoryLimit non-negative), with the defaulting of
// pkg/apis/apps/v1/defaults.go (an empty type becomes RollingUpdate), and pkg/apis/batch/validation/validation.go
// (validateJobSpec: backoffLimitPerIndex and maxFailedIndexes non-negative, an Indexed Job needs completions and at
// most 100000 parallelism; validateTimeZone: '' is invalid, null is unset; validateScheduleFormat at 1.28: a TZ=
// schedule is refused only together with a timeZone; validatePodFailurePolicyRule and
// validatePodFailurePolicyRuleOnExitCodes: a containerName may name an init container, a null onExitCodes or an empty
// onPodConditions is absent, values must be non-empty and ordered, 0 is refused only with In). A value of the wrong
// JSON type fails decoding, so only field-type reports it; an unknown field fails strict decoding (unknown-field).
// Every manifest was checked with the oracle (oracle/, the API server's own create path) at 1.28 and 1.34.
// Every case lists all findings of the manifest.
import { lint } from './findings';

/** A container with this name. */
function container(name: string): object {
  return { name, image: 'nginx:1.27' };
}

/** An apps/v1 workload 'w' of this kind with one container 'app' and these extra spec fields. */
function workload(kind: string, spec: object, podSpec: object = {}): object {
  const template = { metadata: { labels: { app: 'w' } }, spec: { containers: [container('app')], ...podSpec } };
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'w' }, spec: { selector: { matchLabels: { app: 'w' } }, template, ...spec } };
}

/** A batch/v1 Job 'j' with one container 'job' (restartPolicy Never, plus these pod spec fields) and these spec fields. */
function job(spec: object, podSpec: object = {}): object {
  const template = { spec: { restartPolicy: 'Never', containers: [container('job')], ...podSpec } };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template, ...spec } };
}

/** A Job whose podFailurePolicy has this one rule. */
function policy(rule: object, podSpec: object = {}): object {
  return job({ podFailurePolicy: { rules: [rule] } }, podSpec);
}

/** A CronJob 'n' with this timeZone and schedule. */
function cronJob(timeZone: unknown, schedule = '30 2 * * *'): object {
  const jobTemplate = { spec: { template: { spec: { restartPolicy: 'Never', containers: [container('job')] } } } };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'n' }, spec: { schedule, timeZone, jobTemplate } };
}

const BOTH_ZERO = { maxSurge: 0, maxUnavailable: 0 };

describe('workload-spec: strategy types', () => {
  test('a Deployment strategy without a type is a RollingUpdate one', () => {
    // GIVEN a Deployment strategy with no type and maxSurge and maxUnavailable both 0
    const manifest = workload('Deployment', { strategy: { rollingUpdate: BOTH_ZERO } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN the rolling update is checked, as the API server defaults the type to RollingUpdate
    expect(findings).toEqual([
      'error workload-spec spec.strategy.rollingUpdate.maxUnavailable: maxUnavailable and maxSurge of the Deployment are both 0, so a rollout could never replace a pod; allow one of them, such as maxSurge: 1',
    ]);
  });

  test('a Deployment strategy of an unknown type is only an unknown type', () => {
    // GIVEN a Deployment strategy of type Bogus whose rollingUpdate has both 0
    const manifest = workload('Deployment', { strategy: { type: 'Bogus', rollingUpdate: BOTH_ZERO } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN only the type is reported (the API server says NotSupported and looks no further)
    expect(findings).toEqual([
      "error enum-value spec.strategy.type: strategy type 'Bogus' is not one of RollingUpdate, Recreate (values are case-sensitive); use one of them",
    ]);
  });

  test('a DaemonSet updateStrategy without a type is a RollingUpdate one', () => {
    // GIVEN a DaemonSet updateStrategy with no type and maxSurge and maxUnavailable both 0
    const manifest = workload('DaemonSet', { updateStrategy: { rollingUpdate: BOTH_ZERO } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN the rolling update is checked
    expect(findings).toEqual([
      'error workload-spec spec.updateStrategy.rollingUpdate.maxUnavailable: maxUnavailable and maxSurge of the DaemonSet are both 0, so a rollout could never replace a pod; allow one of them, such as maxSurge: 1',
    ]);
  });

  test('the rollingUpdate of an OnDelete DaemonSet is not checked', () => {
    // GIVEN an OnDelete DaemonSet whose rollingUpdate has both 0
    const manifest = workload('DaemonSet', { updateStrategy: { type: 'OnDelete', rollingUpdate: BOTH_ZERO } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported (the API server accepts it)
    expect(findings).toEqual([]);
  });

  test('a DaemonSet maxSurge may not be more than 100%', () => {
    // GIVEN a DaemonSet with maxSurge '150%' and maxUnavailable 0
    const manifest = workload('DaemonSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '150%', maxUnavailable: 0 } } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN maxSurge is reported
    expect(findings).toEqual([
      "error workload-spec spec.updateStrategy.rollingUpdate.maxSurge: maxSurge '150%' of the DaemonSet is more than 100%; use at most '100%'",
    ]);
  });

  test('a DaemonSet may not set both maxSurge and maxUnavailable', () => {
    // GIVEN a DaemonSet with maxSurge 1 and maxUnavailable 1
    const manifest = workload('DaemonSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN maxSurge is reported
    expect(findings).toEqual([
      'error workload-spec spec.updateStrategy.rollingUpdate.maxSurge: maxSurge 1 and maxUnavailable 1 of the DaemonSet are both set; a DaemonSet rolls out either by surging or by taking pods down, so set maxUnavailable: 0 to surge, or remove maxSurge',
    ]);
  });

  test('an OnDelete StatefulSet with rollingUpdate null has no rollingUpdate', () => {
    // GIVEN an OnDelete StatefulSet with rollingUpdate: null
    const manifest = workload('StatefulSet', { serviceName: 'w', updateStrategy: { type: 'OnDelete', rollingUpdate: null } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });
});

describe('workload-spec: negative counts and null fields', () => {
  test('a negative minReadySeconds of a ReplicaSet and of a StatefulSet', () => {
    // GIVEN a ReplicaSet and a StatefulSet with minReadySeconds -1
    const replicaSet = workload('ReplicaSet', { minReadySeconds: -1 });
    const statefulSet = workload('StatefulSet', { serviceName: 'w', minReadySeconds: -1 });

    // WHEN they are linted
    const findings = [...lint(replicaSet), ...lint(statefulSet)];

    // THEN each is reported
    expect(findings).toEqual([
      'error workload-spec spec.minReadySeconds: minReadySeconds -1 of the ReplicaSet is negative; use 0 or more',
      'error workload-spec spec.minReadySeconds: minReadySeconds -1 of the StatefulSet is negative; use 0 or more',
    ]);
  });

  test('a negative minReadySeconds and revisionHistoryLimit of a DaemonSet', () => {
    // GIVEN a DaemonSet with minReadySeconds -1 and revisionHistoryLimit -1
    const manifest = workload('DaemonSet', { minReadySeconds: -1, revisionHistoryLimit: -1 });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN both are reported
    expect(findings).toEqual([
      'error workload-spec spec.minReadySeconds: minReadySeconds -1 of the DaemonSet is negative; use 0 or more',
      'error workload-spec spec.revisionHistoryLimit: revisionHistoryLimit -1 of the DaemonSet is negative; use 0 or more',
    ]);
  });

  test('negative per-index limits of a Job', () => {
    // GIVEN an Indexed Job with backoffLimitPerIndex -1 and maxFailedIndexes -1 (1.34, where the feature is on)
    const manifest = job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: -1, maxFailedIndexes: -1 });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN both are reported
    expect(findings).toEqual([
      'error workload-spec spec.backoffLimitPerIndex: backoffLimitPerIndex -1 of the Job is negative; use 0 or more',
      'error workload-spec spec.maxFailedIndexes: maxFailedIndexes -1 of the Job is negative; use 0 or more',
    ]);
  });

  test('a quoted or fractional negative Job count is a decoding error only', () => {
    // GIVEN a Job with parallelism '-1' and completions -1.5
    const manifest = job({ parallelism: '-1', completions: -1.5 });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN only field-type reports them
    expect(findings).toEqual([
      "error field-type spec.parallelism: parallelism is the string '-1' but must be an integer; write -1 without quotes",
      'error field-type spec.completions: completions is the number -1.5 but must be an integer; use a whole number such as -1',
    ]);
  });

  test('activeDeadlineSeconds null in a Deployment pod template is unset', () => {
    // GIVEN a Deployment whose pod template has activeDeadlineSeconds: null
    const manifest = workload('Deployment', {}, { activeDeadlineSeconds: null });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });
});

describe('workload-spec: CronJob fields', () => {
  test('CronJob fields on a Service are unknown fields only', () => {
    // GIVEN a Service with timeZone '' and startingDeadlineSeconds -1 in its spec
    const manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], timeZone: '', startingDeadlineSeconds: -1 } };

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN only unknown-field reports them (strict decoding rejects them)
    expect(findings).toEqual([
      "error unknown-field spec.timeZone: unknown field 'timeZone' in ServiceSpec; remove it (see `kubectl explain service.spec`)",
      "error unknown-field spec.startingDeadlineSeconds: unknown field 'startingDeadlineSeconds' in ServiceSpec; remove it (see `kubectl explain service.spec`)",
    ]);
  });

  test('a null timeZone is unset and an empty one is invalid', () => {
    // GIVEN CronJobs with timeZone null and ''
    // WHEN they are linted
    const findings = [...lint(cronJob(null)), ...lint(cronJob(''))];

    // THEN only the empty one is reported
    expect(findings).toEqual([
      "error workload-spec spec.timeZone: timeZone '' is empty; remove it for the controller's zone, or name one such as 'Etc/UTC'",
    ]);
  });

  test('at 1.28 a TZ= schedule with timeZone null is fine', () => {
    // GIVEN a CronJob with schedule 'TZ=Etc/UTC 30 2 * * *' and timeZone: null
    const manifest = cronJob(null, 'TZ=Etc/UTC 30 2 * * *');

    // WHEN it is linted at 1.28
    const findings = lint(manifest, '1.28');

    // THEN nothing is reported: null is no timeZone, and 1.28 only refuses TZ= together with a timeZone (it warns)
    expect(findings).toEqual([]);
  });
});

describe('workload-spec: Indexed Jobs', () => {
  test('an Indexed Job with parallelism and completions null lacks completions', () => {
    // GIVEN an Indexed Job with parallelism 2 and completions: null
    const manifest = job({ completionMode: 'Indexed', parallelism: 2, completions: null });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN completions is reported (with parallelism set, the API server does not default completions)
    expect(findings).toEqual([
      'error workload-spec spec.completions: an Indexed Job needs completions, the number of indexes to run; set completions',
    ]);
  });

  test('an Indexed Job takes parallelism 100000, and a quoted one is a decoding error only', () => {
    // GIVEN Indexed Jobs with parallelism 100000 and '200000'
    const atLimit = job({ completionMode: 'Indexed', completions: 2, parallelism: 100000 });
    const quoted = job({ completionMode: 'Indexed', completions: 2, parallelism: '200000' });

    // WHEN they are linted
    const findings = [...lint(atLimit), ...lint(quoted)];

    // THEN only field-type reports the quoted one
    expect(findings).toEqual([
      "error field-type spec.parallelism: parallelism is the string '200000' but must be an integer; write 200000 without quotes",
    ]);
  });
});

describe('workload-spec: podFailurePolicy rules', () => {
  test('a containerName may name an init container', () => {
    // GIVEN a rule whose onExitCodes names the init container 'setup'
    const manifest = policy({ action: 'FailJob', onExitCodes: { containerName: 'setup', operator: 'In', values: [1] } }, { initContainers: [container('setup')] });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('an unknown containerName is reported with every container name', () => {
    // GIVEN a rule naming container 'x' in a pod with container 'job' and init container 'setup'
    const manifest = policy({ action: 'FailJob', onExitCodes: { containerName: 'x', operator: 'In', values: [1] } }, { initContainers: [container('setup')] });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN it is reported, listing both names
    expect(findings).toEqual([
      "error workload-spec spec.podFailurePolicy.rules[0].onExitCodes.containerName: podFailurePolicy rule 0 names container 'x', which the pod template does not have; use one of 'job', 'setup', or remove containerName",
    ]);
  });

  test('onExitCodes null is absent', () => {
    // GIVEN a rule with onExitCodes: null and an onPodConditions pattern
    const manifest = policy({ action: 'Ignore', onExitCodes: null, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('an empty onPodConditions is absent', () => {
    // GIVEN a rule with onExitCodes and onPodConditions: []
    const manifest = policy({ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [] });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('an empty values list is reported', () => {
    // GIVEN a rule whose onExitCodes has values: []
    const manifest = policy({ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN it is reported (by required-field, and by workload-spec in its words)
    expect(findings).toEqual([
      'error required-field spec.podFailurePolicy.rules[0].onExitCodes.values: onExitCodes has no values, which Kubernetes requires; set values',
      'error workload-spec spec.podFailurePolicy.rules[0].onExitCodes.values: podFailurePolicy rule 0 lists no exit codes; list at least one',
    ]);
  });

  test('exit code 0 is fine with NotIn, and sorted values are fine', () => {
    // GIVEN a NotIn rule on [0] and an In rule on [1, 2]
    const notIn = policy({ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } });
    const sorted = policy({ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 2] } });

    // WHEN they are linted
    const findings = [...lint(notIn), ...lint(sorted)];

    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('a quoted exit code before a smaller one is a decoding error only', () => {
    // GIVEN an In rule on ['5', 1]
    const manifest = policy({ action: 'FailJob', onExitCodes: { operator: 'In', values: ['5', 1] } });

    // WHEN it is linted
    const findings = lint(manifest);

    // THEN only field-type reports it, not the order
    expect(findings).toEqual([
      "error field-type spec.podFailurePolicy.rules[0].onExitCodes.values[0]: values[0] is the string '5' but must be an integer; write 5 without quotes",
    ]);
  });
});

describe('the bugs these tests found (SURVIVORS.md bug 17)', () => {
  test('an Indexed Job with neither completions nor parallelism passes: both default to 1', () => {
    // GIVEN an Indexed Job without completions and parallelism
    // WHEN it is linted at 1.28 and 1.34
    // THEN nothing is reported (SetDefaults_Job sets both to 1; the oracle accepts it)
    expect(lint(job({ completionMode: 'Indexed' }))).toEqual([]);
    expect(lint(job({ completionMode: 'Indexed' }), '1.28')).toEqual([]);
  });

  test("containerName '' is no container of the pod template", () => {
    // GIVEN a podFailurePolicy rule whose onExitCodes names container ''
    // WHEN it is linted
    // THEN it is reported (validatePodFailurePolicyRuleOnExitCodes: must be one of the container names)
    expect(lint(policy({ action: 'FailJob', onExitCodes: { containerName: '', operator: 'In', values: [1] } }))).toEqual([
      "error workload-spec spec.podFailurePolicy.rules[0].onExitCodes.containerName: podFailurePolicy rule 0 names container '', which the pod template does not have; use one of 'job', or remove containerName",
    ]);
  });

  test('at 1.28 the API server drops backoffLimitPerIndex and maxFailedIndexes, so negative ones pass', () => {
    // GIVEN an Indexed Job with backoffLimitPerIndex -1 and maxFailedIndexes -1
    const manifest = job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: -1, maxFailedIndexes: -1 });
    // WHEN it is linted at 1.28 (JobBackoffLimitPerIndex off by default)
    // THEN nothing is reported
    expect(lint(manifest, '1.28')).toEqual([]);
  });

  test('from 1.29 a schedule may not name a time zone, with or without timeZone', () => {
    // GIVEN CronJobs with the schedule 'CRON_TZ=UTC 30 2 * * *', without and with a timeZone
    // WHEN they are linted at 1.34 and 1.28
    // THEN at 1.34 both are reported ("cannot use TZ or CRON_TZ in schedule, use timeZone field instead"); at 1.28
    // only the one with a timeZone ("cannot use both timeZone field and TZ or CRON_TZ in schedule")
    const tz = "error workload-spec spec.schedule: schedule 'CRON_TZ=UTC 30 2 * * *' names a time zone, which Kubernetes rejects from 1.29; remove the TZ= or CRON_TZ= prefix and set timeZone instead";
    expect(lint(cronJob(undefined, 'CRON_TZ=UTC 30 2 * * *'))).toEqual([tz]);
    expect(lint(cronJob('Etc/UTC', 'CRON_TZ=UTC 30 2 * * *'))).toEqual([tz]);
    expect(lint(cronJob(undefined, 'CRON_TZ=UTC 30 2 * * *'), '1.28')).toEqual([]);
    expect(lint(cronJob('Etc/UTC', 'CRON_TZ=UTC 30 2 * * *'), '1.28')).toEqual([
      "error workload-spec spec.schedule: schedule 'CRON_TZ=UTC 30 2 * * *' names a time zone and timeZone is set too; remove the TZ= prefix and keep timeZone",
    ]);
  });
});

describe('workload-spec: the first release of each check', () => {
  test('from 1.29 negative per-index limits are reported, and a schedule may not name a time zone', () => {
    // GIVEN an Indexed Job with backoffLimitPerIndex -1, and a CronJob whose schedule starts with TZ=UTC
    // WHEN they are linted at 1.29 (JobBackoffLimitPerIndex on by default; allowTZInSchedule false on create)
    // THEN both are reported
    expect(lint(job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: -1 }), '1.29')).toEqual([
      'error workload-spec spec.backoffLimitPerIndex: backoffLimitPerIndex -1 of the Job is negative; use 0 or more',
    ]);
    expect(lint(cronJob(undefined, 'TZ=UTC 30 2 * * *'), '1.29')).toEqual([
      "error workload-spec spec.schedule: schedule 'TZ=UTC 30 2 * * *' names a time zone, which Kubernetes rejects from 1.29; remove the TZ= or CRON_TZ= prefix and set timeZone instead",
    ]);
  });

  test('an Indexed Job with parallelism null and no completions passes: null is unset', () => {
    // GIVEN an Indexed Job with parallelism: null and no completions
    // WHEN / THEN nothing is reported (both are nil, so SetDefaults_Job sets both to 1)
    expect(lint(job({ completionMode: 'Indexed', parallelism: null }))).toEqual([]);
  });

  test('a schedule of spaces only is empty', () => {
    // GIVEN a CronJob whose schedule is ' '
    // WHEN / THEN it is reported as empty (robfig: "expected exactly 5 fields, found 0")
    expect(lint(cronJob(undefined, ' '))).toEqual([
      "error workload-spec spec.schedule: schedule ' ' is empty; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });
});
