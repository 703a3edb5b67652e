// The workload-spec rule of lib/rules/lifecycle.ts in the corners the corpus and rules-lifecycle.test.ts leave open:
// how a CronJob schedule is parsed (cronProblem), a timeZone in the wrong case, a workload without spec, values of
// the wrong JSON type, a null maxSurge of a DaemonSet, and progressDeadlineSeconds against minReadySeconds. Truth is
// the API server's create path: pkg/apis/batch/validation/validation.go validateScheduleFormat, which calls
// cron.ParseStandard of github.com/robfig/cron/v3 v3.0.1 (parser.go: a TZ=/CRON_TZ= prefix is loaded with
// time.LoadLocation, a descriptor must match exactly, '@every ' takes a time.ParseDuration, fields are split with
// strings.Fields, names are case-insensitive, 'N/step' runs N to the maximum, '*' and '?' are the whole range). At
// 1.28 a TZ prefix in the schedule is only a warning; from 1.29 validateScheduleFormat rejects it on create, so the
// prefix cases are checked at 1.28. validateTimeZone loads spec.timeZone with time.LoadLocation, whose names are
// case-sensitive. pkg/apis/apps/validation/validation.go: ValidateDeploymentSpec (progressDeadlineSeconds must be
// greater than minReadySeconds, after defaulting it to 600), ValidateRollingUpdateDaemonSet (maxSurge and
// maxUnavailable not both 0, and not both non-zero; a null maxSurge is defaulted to 0). A string where an integer
// belongs fails decoding, so only field-type reports it. Each manifest was checked with the oracle (oracle/, the API
// server's own create path) at 1.28 and 1.34. Every case lists all findings of the manifest.
import { lint } from './findings';

/** A container with this name. */
function container(name: string): object {
  return { name, image: 'nginx:1.27' };
}

/** A CronJob 'nightly' with this schedule. */
function cronJob(schedule: string): object {
  const jobTemplate = { spec: { template: { spec: { restartPolicy: 'Never', containers: [container('job')] } } } };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule, jobTemplate } };
}

const SELECTOR = { matchLabels: { app: 'web' } };
const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [container('app')] } };

/** A Deployment 'web' with these extra spec fields. */
function deployment(spec: object): object {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: SELECTOR, template: TEMPLATE, ...spec } };
}

/** A DaemonSet 'agent' with a RollingUpdate strategy of this rollingUpdate. */
function daemonSet(rollingUpdate: object): object {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: SELECTOR, template: TEMPLATE, updateStrategy: { type: 'RollingUpdate', rollingUpdate } } };
}

describe('workload-spec: cron schedules', () => {
  test('extra whitespace around and between fields is fine', () => {
    // GIVEN schedules with a leading space, and with two spaces between fields
    // WHEN they are linted
    // THEN both are accepted, as strings.Fields splits on any run of whitespace
    expect(lint(cronJob(' 0 6 * * *'))).toEqual([]);
    expect(lint(cronJob('0  6 * * *'))).toEqual([]);
  });

  test('a CRON_TZ prefix is read at 1.28, and a missing or unknown zone is an error', () => {
    // GIVEN schedules with CRON_TZ=Europe/Berlin, with TZ=Etc/UTC and nothing after it, and with TZ=Mars/Olympus
    // WHEN they are linted at 1.28
    // THEN the first is accepted; the second has no schedule (robfig/cron slices up to a space that is not there, and
    // the request fails); the third fails time.LoadLocation ("provided bad location Mars/Olympus")
    expect(lint(cronJob('CRON_TZ=Europe/Berlin 0 6 * * *'), '1.28')).toEqual([]);
    expect(lint(cronJob('TZ=Etc/UTC'), '1.28')).toEqual([
      "error workload-spec spec.schedule: schedule 'TZ=Etc/UTC' has a time zone prefix but no schedule; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('TZ=Mars/Olympus 0 6 * * *'), '1.28')).toEqual([
      "error workload-spec spec.schedule: schedule 'TZ=Mars/Olympus 0 6 * * *' names the time zone 'Mars/Olympus', which is not a time zone Kubernetes knows; use an IANA name such as 'Etc/UTC' or 'Europe/Berlin'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('descriptors must be known ones, and @every takes a Go duration', () => {
    // GIVEN the descriptors @foo and '@often 5m' (seven characters, then a duration)
    // WHEN they are linted
    // THEN both are "unrecognized descriptor"
    expect(lint(cronJob('@foo'))).toEqual([
      "error workload-spec spec.schedule: schedule '@foo' has the unknown descriptor '@foo'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('@often 5m'))).toEqual([
      "error workload-spec spec.schedule: schedule '@often 5m' has the unknown descriptor '@often 5m'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    // GIVEN @every with 1h30m (two units, a two-digit number) and with 1.25h (a two-digit fraction)
    // WHEN they are linted
    // THEN both parse as durations
    expect(lint(cronJob('@every 1h30m'))).toEqual([]);
    expect(lint(cronJob('@every 1.25h'))).toEqual([]);
    // GIVEN @every with x5m and with 5mx
    // WHEN they are linted
    // THEN neither is a duration ("invalid duration", "unknown unit")
    expect(lint(cronJob('@every x5m'))).toEqual([
      "error workload-spec spec.schedule: schedule '@every x5m' has the unknown descriptor '@every x5m'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('@every 5mx'))).toEqual([
      "error workload-spec spec.schedule: schedule '@every 5mx' has the unknown descriptor '@every 5mx'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('a field with three parts of a step or a range is an error', () => {
    // GIVEN minute fields 0/5/2 and 1-2-3
    // WHEN they are linted
    // THEN they have "too many slashes" and "too many hyphens"
    expect(lint(cronJob('0/5/2 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0/5/2 * * * *' has too many '/' in the minute field '0/5/2'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('1-2-3 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '1-2-3 * * * *' has too many '-' in the minute field '1-2-3'; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('month names are case-insensitive and count from 1', () => {
    // GIVEN the month jan, the month range feb-jan, and the month x
    // WHEN they are linted
    // THEN jan is month 1; feb-jan runs from 2 back to 1; x is neither a number nor a name
    expect(lint(cronJob('0 6 * jan *'))).toEqual([]);
    expect(lint(cronJob('0 6 * feb-jan *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0 6 * feb-jan *' has the range 2-1 in the month field, which runs backwards; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('0 6 * x *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0 6 * x *' has 'x' in the month field, which is not a number or a name; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('a value must be all digits', () => {
    // GIVEN minute fields x1 and 1x
    // WHEN they are linted
    // THEN strconv.Atoi fails on both
    expect(lint(cronJob('x1 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule 'x1 * * * *' has 'x1' in the minute field, which is not a number; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('1x * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '1x * * * *' has '1x' in the minute field, which is not a number; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('? is the whole range, like *', () => {
    // GIVEN a day of week of ?
    // WHEN it is linted
    // THEN it is accepted
    expect(lint(cronJob('* * * * ?'))).toEqual([]);
  });

  test('a step must be all digits', () => {
    // GIVEN minute steps x5 and 5x
    // WHEN they are linted
    // THEN strconv.Atoi fails on both
    expect(lint(cronJob('0/x5 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0/x5 * * * *' has the step 'x5' in the minute field, which is not a number; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('0/5x * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0/5x * * * *' has the step '5x' in the minute field, which is not a number; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('N/step runs from N to the maximum, and a-b/step from a to b', () => {
    // GIVEN minute fields 60/5 and 30-10/5
    // WHEN they are linted
    // THEN 60/5 runs 60-59 and 30-10/5 runs 30-10: both begin beyond their end
    expect(lint(cronJob('60/5 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '60/5 * * * *' has the range 60-59 in the minute field, which runs backwards; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('30-10/5 * * * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '30-10/5 * * * *' has the range 30-10 in the minute field, which runs backwards; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });

  test('a day of month of 0 is below the minimum, and 5-3 runs backwards', () => {
    // GIVEN day of month fields 0 and 5-3
    // WHEN they are linted
    // THEN 0 is "below minimum (1)" and 5-3 "beyond end of range"
    expect(lint(cronJob('0 6 0 * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0 6 0 * *' has 0 in the day of month field, below its minimum 1; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
    expect(lint(cronJob('0 6 5-3 * *'))).toEqual([
      "error workload-spec spec.schedule: schedule '0 6 5-3 * *' has the range 5-3 in the day of month field, which runs backwards; write five fields such as '30 2 * * *' (02:30 every day)",
    ]);
  });
});

describe('workload-spec: timeZone', () => {
  test('a zone with one part in the wrong case is unknown', () => {
    // GIVEN a CronJob with schedule '30 2 * * *' and timeZone Europe/berlin
    // WHEN it is linted
    // THEN the zone is unknown (time.LoadLocation looks zone names up case-sensitively), though its first part is right
    const manifest = cronJob('30 2 * * *');
    (manifest as any).spec.timeZone = 'Europe/berlin';
    expect(lint(manifest)).toEqual([
      "error workload-spec spec.timeZone: timeZone 'Europe/berlin' has the wrong case (zone names are case-sensitive); write it as the IANA database does, such as 'Europe/Berlin'",
    ]);
  });
});

describe('workload-spec: workloads without spec', () => {
  test('a Job without spec needs a pod template', () => {
    // GIVEN a batch/v1 Job with no spec
    // WHEN it is linted
    // THEN it is reported at spec (the API server finds no containers and no restartPolicy in the template)
    expect(lint({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' } })).toEqual([
      'error workload-spec spec: the Job has no spec, which Kubernetes requires; add spec with a pod template',
    ]);
  });

  test('a Deployment without spec in an apiVersion other than apps/v1 is only a wrong apiVersion', () => {
    // GIVEN Deployments without spec whose apiVersion is a list, notapps/v1 or apps/v1x
    // WHEN they are linted
    // THEN only the apiVersion is reported, as the API server rejects these before it looks at the spec
    expect(lint({ apiVersion: ['apps/v1'], kind: 'Deployment', metadata: { name: 'web' } })).toEqual([
      "error api-version-kind apiVersion: apiVersion is a list but must be a string such as 'v1' or 'apps/v1'",
    ]);
    expect(lint({ apiVersion: 'notapps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toEqual([
      "error api-version-kind apiVersion: Deployment is not served by apiVersion 'notapps/v1'; use apiVersion 'apps/v1'",
    ]);
    expect(lint({ apiVersion: 'apps/v1x', kind: 'Deployment', metadata: { name: 'web' } })).toEqual([
      "error api-version-kind apiVersion: Deployment is not served by apiVersion 'apps/v1x'; use apiVersion 'apps/v1'",
    ]);
  });
});

describe('workload-spec: Deployments and DaemonSets', () => {
  test('quoted replicas, minReadySeconds and progressDeadlineSeconds are decoding errors only', () => {
    // GIVEN Deployments with replicas '-1', with minReadySeconds '700', and with minReadySeconds 10 and
    // progressDeadlineSeconds '5'
    // WHEN they are linted
    // THEN each is reported as the wrong type only (the API server cannot decode a string into an int32)
    expect(lint(deployment({ replicas: '-1' }))).toEqual([
      "error field-type spec.replicas: replicas is the string '-1' but must be an integer; write -1 without quotes",
    ]);
    expect(lint(deployment({ minReadySeconds: '700' }))).toEqual([
      "error field-type spec.minReadySeconds: minReadySeconds is the string '700' but must be an integer; write 700 without quotes",
    ]);
    expect(lint(deployment({ minReadySeconds: 10, progressDeadlineSeconds: '5' }))).toEqual([
      "error field-type spec.progressDeadlineSeconds: progressDeadlineSeconds is the string '5' but must be an integer; write 5 without quotes",
    ]);
  });

  test('progressDeadlineSeconds must be more than minReadySeconds, also when both are 0 or it is the default', () => {
    // GIVEN a Deployment with progressDeadlineSeconds 0, and one with minReadySeconds 600 and no progressDeadlineSeconds
    // WHEN they are linted
    // THEN both are "must be greater than minReadySeconds" (the default is 600); the second is reported at
    // minReadySeconds, the field that was written
    expect(lint(deployment({ progressDeadlineSeconds: 0 }))).toEqual([
      'error workload-spec spec.progressDeadlineSeconds: progressDeadlineSeconds 0 of the Deployment is not more than minReadySeconds 0, so every rollout would fail; make progressDeadlineSeconds larger than minReadySeconds',
    ]);
    expect(lint(deployment({ minReadySeconds: 600 }))).toEqual([
      'error workload-spec spec.minReadySeconds: progressDeadlineSeconds 600 (the default) of the Deployment is not more than minReadySeconds 600, so every rollout would fail; make progressDeadlineSeconds larger than minReadySeconds',
    ]);
  });

  test('a DaemonSet maxSurge of null is 0', () => {
    // GIVEN a DaemonSet with maxSurge null and maxUnavailable 0
    // WHEN it is linted
    // THEN maxSurge is defaulted to 0, and both are 0 ("cannot be 0 when maxSurge is 0")
    expect(lint(daemonSet({ maxSurge: null, maxUnavailable: 0 }))).toEqual([
      'error workload-spec spec.updateStrategy.rollingUpdate.maxUnavailable: maxUnavailable and maxSurge of the DaemonSet are both 0, so a rollout could never replace a pod; allow one of them, such as maxSurge: 1',
    ]);
  });

  test('a DaemonSet maxSurge with the default maxUnavailable of 1 sets both', () => {
    // GIVEN a DaemonSet with maxSurge 1 and no maxUnavailable
    // WHEN it is linted
    // THEN maxUnavailable is defaulted to 1, and maxSurge "may not be set when maxUnavailable is non-zero"
    expect(lint(daemonSet({ maxSurge: 1 }))).toEqual([
      'error workload-spec spec.updateStrategy.rollingUpdate.maxSurge: maxSurge 1 and maxUnavailable 1 of the DaemonSet are both set; a DaemonSet rolls out either by surging or by taking pods down, so set maxUnavailable: 0 to surge, or remove maxSurge',
    ]);
  });
});

describe('cron schedules: the bugs these tests found (SURVIVORS.md bug 17)', () => {
  const bad = (schedule: string, problem: string) =>
    `error workload-spec spec.schedule: schedule '${schedule}' ${problem}; write five fields such as '30 2 * * *' (02:30 every day)`;

  test('a descriptor is matched without trimming, and @every takes exactly a Go duration', () => {
    // GIVEN descriptors with spaces around them, and @every with an extra space, a trailing space, '.5h' and '5.m'
    // WHEN they are linted at 1.28
    // THEN the spaced ones are reported (robfig Parse does not trim before '@': "expected exactly 5 fields",
    // "unrecognized descriptor"; time.ParseDuration rejects a space); '.5h' and '5.m' are Go durations and pass
    expect(lint(cronJob(' @daily'), '1.28')).toEqual([bad(' @daily', 'has 1 fields, not 5 (minute, hour, day of month, month, day of week)')]);
    expect(lint(cronJob('@daily '), '1.28')).toEqual([bad('@daily ', "has the unknown descriptor '@daily '; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'")]);
    expect(lint(cronJob('@every  5m'), '1.28')).toEqual([bad('@every  5m', "has the unknown descriptor '@every  5m'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'")]);
    expect(lint(cronJob('@every 5m '), '1.28')).toEqual([bad('@every 5m ', "has the unknown descriptor '@every 5m '; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every 1h30m'")]);
    expect(lint(cronJob('@every .5h'), '1.28')).toEqual([]);
    expect(lint(cronJob('@every 5.m'), '1.28')).toEqual([]);
    expect(lint(cronJob(' 0 6 * * *'), '1.28')).toEqual([]);
  });

  test("what follows a leading '*' or '?' in a field is ignored, as robfig's getRange does", () => {
    // GIVEN fields '*-5', '?-5' and '*-1-2'
    // WHEN they are linted at 1.28
    // THEN nothing is reported (the oracle accepts each)
    for (const schedule of ['*-5 * * * *', '0 6 ?-5 * *', '*-1-2 * * * *']) expect([schedule, lint(cronJob(schedule), '1.28')]).toEqual([schedule, []]);
  });

  test("TZ=Local is the controller's zone", () => {
    // GIVEN the schedule 'TZ=Local 0 6 * * *'
    // WHEN it is linted at 1.28 (from 1.29 any TZ prefix is rejected)
    // THEN nothing is reported (time.LoadLocation("Local"))
    expect(lint(cronJob('TZ=Local 0 6 * * *'), '1.28')).toEqual([]);
  });
});
