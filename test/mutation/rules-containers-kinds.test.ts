// The enum checks of the objects around pods and the scheduling rule (lib/rules/containers.ts), in the corners the
// corpus leaves open. Enums, after the validation of each API group at 1.34: Deployment strategy and StatefulSet and
// DaemonSet updateStrategy type, StatefulSet persistentVolumeClaimRetentionPolicy, the selector operators of StatefulSets,
// DaemonSets, Jobs and claims (pkg/apis/apps/validation, pkg/apis/core/validation, metav1validation.
// ValidateLabelSelectorRequirement), a CronJob's jobTemplate, podReplacementPolicy and onPodConditions status
// (pkg/apis/batch/validation), Service internalTrafficPolicy, ipFamilyPolicy and ipFamilies (validateService,
// ValidateServiceClusterIPsRelatedFields), and the operators of preferred node affinity terms
// (ValidateNodeSelectorRequirement). The empty string: passes where defaulting fills it in (the v1 defaults.go of each API group),
// and is reported once, by required-field, where the field is required. Scheduling, after validateTopologySpreadConstraints
// and validateMinDomains (minDomains at least 1, only with DoNotSchedule; a null minDomains is unset), decoding (a
// fractional or quoted number is a decode error, reported by field-type alone), ValidateSpreadConstraintNotRepeat
// (one constraint per topologyKey and whenUnsatisfiable) and the affinity checks (weights 1-100, topologyKey required).
// Each behaviour was checked with the oracle (oracle/, the API server's own create path) at 1.34.
// Also the bugs these tests found (SURVIVORS.md bug 13): '' in fields without a default, podReplacementPolicy with a
// podFailurePolicy, and podReplacementPolicy before 1.29 (the gate is off and the API server drops the field).
// Every case lists all findings of the manifest.
import { lint } from './findings';

/** A pod spec with one container 'app' and these extra fields. */
function podSpec(extra: object = {}): object {
  return { containers: [{ name: 'app', image: 'nginx:1.27' }], ...extra };
}

/** A pod template labelled app: web with this extra pod spec. */
function template(extra: object = {}): object {
  return { metadata: { labels: { app: 'web' } }, spec: podSpec(extra) };
}

/** A v1 Pod 'p' with one container 'app' and these extra spec fields. */
function pod(extra: object = {}): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec(extra) };
}

/** An apps/v1 object 'web' of this kind selecting app: web, with these extra spec fields. */
function workload(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', spec: object = {}): object {
  const base = kind === 'StatefulSet' ? { serviceName: 'web' } : {};
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec: { ...base, selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } };
}

/** The spec of a Job whose pods never restart, with these extra fields. */
function jobSpec(extra: object = {}): object {
  return { template: template({ restartPolicy: 'Never' }), ...extra };
}

/** A batch/v1 Job 'work' with these extra spec fields. */
function job(spec: object = {}): object {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'work' }, spec: jobSpec(spec) };
}

/** An hourly batch/v1 CronJob 'work' with these extra spec fields and extra fields of its Job spec. */
function cronJob(spec: object = {}, jobFields: object = {}): object {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'work' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: jobSpec(jobFields) }, ...spec } };
}

/** A v1 Service 'web' on port 80 selecting app: web, with these extra spec fields. */
function service(spec: object = {}): object {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } };
}

/** A v1 PersistentVolumeClaim 'data' of 1Gi, ReadWriteOnce, with these extra spec fields. */
function claim(spec: object = {}): object {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } };
}

/** A networking.k8s.io/v1 Ingress 'web' with one path '/' to Service web:80, with these extra path fields. */
function ingress(path: object = {}): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [
    { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } }, ...path },
  ] } }] } };
}

/** A podFailurePolicy with one Ignore rule on DisruptionTarget conditions of these statuses. */
function onConditions(...statuses: string[]): object {
  return { rules: [{ action: 'Ignore', onPodConditions: statuses.map(status => ({ type: 'DisruptionTarget', status })) }] };
}

/** A topology spread constraint over zones, DoNotSchedule and maxSkew 1 unless `fields` say otherwise. */
function spread(fields: object = {}): object {
  return { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...fields };
}

/** A pod affinity term over zones selecting app: web, with these extra fields. */
function affinityTerm(fields: object = {}): object {
  return { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'web' } }, ...fields };
}

/** A node selector term requiring label `key` to be in `values`, with this operator. */
function nodeTerm(operator: string, key = 'topology.kubernetes.io/zone', values = ['a']): object {
  return { matchExpressions: [{ key, operator, values }] };
}

/** A selector of app: web that also has one expression with this operator. */
function selectorWith(operator: string): object {
  return { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator, values: ['web'] }] };
}

describe('workload enums', () => {
  test('Deployment strategy type Recreate passes; a misspelt one is reported', () => {
    // GIVEN Deployments with strategy type Recreate and 'rollingUpdate'
    // WHEN they are linted
    // THEN only the misspelt one is reported, at spec.strategy.type (ValidateDeploymentStrategy: Recreate or RollingUpdate)
    expect(lint(workload('Deployment', { strategy: { type: 'Recreate' } }))).toEqual([]);
    expect(lint(workload('Deployment', { strategy: { type: 'rollingUpdate' } }))).toEqual([
      "error enum-value spec.strategy.type: strategy type 'rollingUpdate' is not one of RollingUpdate, Recreate (values are case-sensitive); did you mean 'RollingUpdate'?",
    ]);
  });

  test('DaemonSet updateStrategy type OnDelete passes; a misspelt one is reported', () => {
    // GIVEN DaemonSets with updateStrategy type OnDelete and 'onDelete'
    // WHEN they are linted
    // THEN only the misspelt one is reported (ValidateDaemonSetUpdateStrategy: RollingUpdate or OnDelete)
    expect(lint(workload('DaemonSet', { updateStrategy: { type: 'OnDelete' } }))).toEqual([]);
    expect(lint(workload('DaemonSet', { updateStrategy: { type: 'onDelete' } }))).toEqual([
      "error enum-value spec.updateStrategy.type: updateStrategy type 'onDelete' is not one of RollingUpdate, OnDelete (values are case-sensitive); did you mean 'OnDelete'?",
    ]);
  });

  test('StatefulSet updateStrategy type OnDelete passes; a misspelt one is reported', () => {
    // GIVEN StatefulSets with updateStrategy type OnDelete and 'onDelete'
    // WHEN they are linted
    // THEN only the misspelt one is reported (ValidateStatefulSetSpec: must be 'RollingUpdate' or 'OnDelete')
    expect(lint(workload('StatefulSet', { updateStrategy: { type: 'OnDelete' } }))).toEqual([]);
    expect(lint(workload('StatefulSet', { updateStrategy: { type: 'onDelete' } }))).toEqual([
      "error enum-value spec.updateStrategy.type: updateStrategy type 'onDelete' is not one of RollingUpdate, OnDelete (values are case-sensitive); did you mean 'OnDelete'?",
    ]);
  });

  test('a misspelt StatefulSet whenDeleted is reported; whenScaled Delete passes', () => {
    // GIVEN a StatefulSet whose persistentVolumeClaimRetentionPolicy has whenDeleted 'delete' and whenScaled Delete
    const sts = workload('StatefulSet', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'delete', whenScaled: 'Delete' } });
    // WHEN it is linted
    // THEN whenDeleted is reported (ValidatePersistentVolumeClaimRetentionPolicyType: Retain or Delete)
    expect(lint(sts)).toEqual([
      "error enum-value spec.persistentVolumeClaimRetentionPolicy.whenDeleted: whenDeleted 'delete' is not one of Retain, Delete (values are case-sensitive); did you mean 'Delete'?",
    ]);
  });

  test('the selector operators of a StatefulSet, a DaemonSet and a Job are checked', () => {
    // GIVEN a StatefulSet, a DaemonSet and a Job (manualSelector: true) whose selector has an expression with operator 'in'
    const finding = "error enum-value spec.selector.matchExpressions[0].operator: selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'In'?";
    // WHEN they are linted
    // THEN each is reported (ValidateLabelSelectorRequirement: not a valid selector operator)
    expect(lint(workload('StatefulSet', { selector: selectorWith('in') }))).toEqual([finding]);
    expect(lint(workload('DaemonSet', { selector: selectorWith('in') }))).toEqual([finding]);
    expect(lint(job({ manualSelector: true, selector: selectorWith('in') }))).toEqual([finding]);
  });
});

describe('Job and CronJob enums', () => {
  test("the Job spec of a CronJob's jobTemplate is checked", () => {
    // GIVEN a CronJob whose jobTemplate has completionMode 'indexed'
    // WHEN it is linted
    // THEN it is reported at spec.jobTemplate.spec.completionMode (ValidateCronJobSpec validates the Job spec there)
    expect(lint(cronJob({}, { completionMode: 'indexed' }))).toEqual([
      "error enum-value spec.jobTemplate.spec.completionMode: completionMode 'indexed' is not one of NonIndexed, Indexed (values are case-sensitive); did you mean 'Indexed'?",
    ]);
  });

  test('podReplacementPolicy TerminatingOrFailed and Failed pass; a misspelt one is reported', () => {
    // GIVEN Jobs without a podFailurePolicy with podReplacementPolicy TerminatingOrFailed, Failed and 'failed'
    // WHEN they are linted at 1.34 (JobPodReplacementPolicy on)
    // THEN only the misspelt one is reported (validatePodReplacementPolicy: without a podFailurePolicy, either value)
    expect(lint(job({ podReplacementPolicy: 'TerminatingOrFailed' }))).toEqual([]);
    expect(lint(job({ podReplacementPolicy: 'Failed' }))).toEqual([]);
    expect(lint(job({ podReplacementPolicy: 'failed' }))).toEqual([
      "error enum-value spec.podReplacementPolicy: podReplacementPolicy 'failed' is not one of TerminatingOrFailed, Failed (values are case-sensitive); did you mean 'Failed'?",
    ]);
  });

  test('onPodConditions status True, False and Unknown pass; a misspelt one is reported', () => {
    // GIVEN a podFailurePolicy rule on conditions with status True, False, Unknown and 'true'
    // WHEN it is linted
    // THEN only the fourth is reported (validatePodFailurePolicyRuleOnPodConditions: True, False or Unknown)
    expect(lint(job({ podFailurePolicy: onConditions('True', 'False', 'Unknown', 'true') }))).toEqual([
      "error enum-value spec.podFailurePolicy.rules[0].onPodConditions[3].status: onPodConditions status 'true' is not one of True, False, Unknown (values are case-sensitive); did you mean 'True'?",
    ]);
  });
});

describe('Service enums', () => {
  test('internalTrafficPolicy Cluster and Local pass; a misspelt one is reported', () => {
    // GIVEN Services with internalTrafficPolicy Cluster, Local and 'local'
    // WHEN they are linted
    // THEN only the misspelt one is reported (validateServiceInternalTrafficFieldsValue)
    expect(lint(service({ internalTrafficPolicy: 'Cluster' }))).toEqual([]);
    expect(lint(service({ internalTrafficPolicy: 'Local' }))).toEqual([]);
    expect(lint(service({ internalTrafficPolicy: 'local' }))).toEqual([
      "error enum-value spec.internalTrafficPolicy: internalTrafficPolicy 'local' is not one of Cluster, Local (values are case-sensitive); did you mean 'Local'?",
    ]);
  });

  test('ipFamilyPolicy SingleStack, PreferDualStack and RequireDualStack with IPv4 and IPv6 pass; a misspelt policy is reported', () => {
    // GIVEN Services with each ipFamilyPolicy (RequireDualStack with ipFamilies IPv4 and IPv6) and one with 'singleStack'
    // WHEN they are linted
    // THEN only the misspelt policy is reported (supportedServiceIPFamilyPolicy, supportedServiceIPFamily; whether the
    // cluster has both families is the cluster's business: a single-stack cluster rejects RequireDualStack and IPv6)
    expect(lint(service({ ipFamilyPolicy: 'SingleStack' }))).toEqual([]);
    expect(lint(service({ ipFamilyPolicy: 'PreferDualStack' }))).toEqual([]);
    expect(lint(service({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }))).toEqual([]);
    expect(lint(service({ ipFamilyPolicy: 'singleStack' }))).toEqual([
      "error enum-value spec.ipFamilyPolicy: ipFamilyPolicy 'singleStack' is not one of SingleStack, PreferDualStack, RequireDualStack (values are case-sensitive); did you mean 'SingleStack'?",
    ]);
  });

  test('a misspelt ipFamily is reported at its index', () => {
    // GIVEN a Service with ipFamilies ['ipv4']
    // WHEN it is linted
    // THEN it is reported at spec.ipFamilies[0] (ValidateServiceClusterIPsRelatedFields: IPv4 or IPv6)
    expect(lint(service({ ipFamilies: ['ipv4'] }))).toEqual([
      "error enum-value spec.ipFamilies[0]: ipFamily 'ipv4' is not one of IPv4, IPv6 (values are case-sensitive); did you mean 'IPv4'?",
    ]);
  });
});

describe('claim selector', () => {
  test("a PersistentVolumeClaim's selector operator is reported once, as a claim selector", () => {
    // GIVEN a claim whose selector has an expression with operator 'exists'
    // WHEN it is linted
    // THEN it is reported once (ValidatePersistentVolumeClaimSpec validates the selector; a claim is no workload)
    expect(lint(claim({ selector: { matchExpressions: [{ key: 'tier', operator: 'exists' }] } }))).toEqual([
      "error enum-value spec.selector.matchExpressions[0].operator: claim selector operator 'exists' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'Exists'?",
    ]);
  });
});

describe('empty strings', () => {
  test("'' where defaulting fills in the value passes", () => {
    // GIVEN '' in Deployment strategy type; StatefulSet podManagementPolicy, updateStrategy type, whenDeleted and
    // whenScaled; DaemonSet updateStrategy type; CronJob concurrencyPolicy; Service type, sessionAffinity,
    // externalTrafficPolicy and port protocol; and a Job's onPodConditions status
    // WHEN they are linted
    // THEN nothing is reported (SetDefaults_Deployment, _StatefulSet, _DaemonSet, _CronJob, _Service and
    // _PodFailurePolicyOnPodConditionsPattern replace each '' before validation)
    expect(lint(workload('Deployment', { strategy: { type: '' } }))).toEqual([]);
    expect(lint(workload('StatefulSet', { podManagementPolicy: '', updateStrategy: { type: '' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: '', whenScaled: '' } }))).toEqual([]);
    expect(lint(workload('DaemonSet', { updateStrategy: { type: '' } }))).toEqual([]);
    expect(lint(cronJob({ concurrencyPolicy: '' }))).toEqual([]);
    expect(lint(service({ type: '', sessionAffinity: '', externalTrafficPolicy: '', ports: [{ port: 80, protocol: '' }] }))).toEqual([]);
    expect(lint(job({ podFailurePolicy: onConditions('') }))).toEqual([]);
  });

  test("'' where the API server has no default to fill in is reported", () => {
    // GIVEN '' in a Job's completionMode and podReplacementPolicy, a Service's internalTrafficPolicy, ipFamilyPolicy
    // and ipFamilies, and a claim's volumeMode
    // WHEN they are linted
    // THEN each is reported (pointer fields, or a list item: validateJob, validatePodReplacementPolicy,
    // validateService, ValidateServiceClusterIPsRelatedFields, ValidatePersistentVolumeClaimSpec)
    expect(lint(job({ completionMode: '', podReplacementPolicy: '' }))).toEqual([
      "error enum-value spec.completionMode: completionMode '' is not one of NonIndexed, Indexed (values are case-sensitive); use one of them",
      "error enum-value spec.podReplacementPolicy: podReplacementPolicy '' is not one of TerminatingOrFailed, Failed (values are case-sensitive); use one of them",
    ]);
    expect(lint(service({ internalTrafficPolicy: '', ipFamilyPolicy: '', ipFamilies: [''] }))).toEqual([
      "error enum-value spec.internalTrafficPolicy: internalTrafficPolicy '' is not one of Cluster, Local (values are case-sensitive); use one of them",
      "error enum-value spec.ipFamilyPolicy: ipFamilyPolicy '' is not one of SingleStack, PreferDualStack, RequireDualStack (values are case-sensitive); use one of them",
      "error enum-value spec.ipFamilies[0]: ipFamily '' is not one of IPv4, IPv6 (values are case-sensitive); use one of them",
    ]);
    expect(lint(claim({ volumeMode: '' }))).toEqual([
      "error enum-value spec.volumeMode: volumeMode '' is not one of Filesystem, Block (values are case-sensitive); use one of them",
    ]);
  });

  test("'' in a required enum field is reported once, by required-field", () => {
    // GIVEN '' as an Ingress pathType, a podFailurePolicy action and onExitCodes operator, and a selector operator
    // WHEN they are linted
    // THEN each is reported by required-field alone (the API server rejects each: Unsupported value "", Required value,
    // not a valid selector operator)
    expect(lint(ingress({ pathType: '' }))).toEqual([
      'error required-field spec.rules[0].http.paths[0].pathType: paths[0] has an empty pathType, which Kubernetes requires; set pathType',
    ]);
    expect(lint(job({ podFailurePolicy: { rules: [{ action: '', onExitCodes: { operator: '', values: [1] } }] } }))).toEqual([
      'error required-field spec.podFailurePolicy.rules[0].onExitCodes.operator: onExitCodes has an empty operator, which Kubernetes requires; set operator',
      'error required-field spec.podFailurePolicy.rules[0].action: rules[0] has an empty action, which Kubernetes requires; set action',
    ]);
    expect(lint(workload('Deployment', { selector: selectorWith('') }))).toEqual([
      'error required-field spec.selector.matchExpressions[0].operator: matchExpressions[0] has an empty operator, which Kubernetes requires; set operator',
    ]);
  });
});

describe('node affinity operators', () => {
  test('the operator of a preferred node affinity term is checked at its preference', () => {
    // GIVEN node affinity with one preferred term whose expression uses operator 'gt'
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: nodeTerm('gt', 'example.com/generation', ['3']) }] } };
    // WHEN it is linted
    // THEN it is reported at preferredDuringSchedulingIgnoredDuringExecution[0].preference (ValidateNodeSelectorRequirement)
    expect(lint(pod({ affinity }))).toEqual([
      "error enum-value spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator: node selector operator 'gt' is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt (values are case-sensitive); did you mean 'Gt'?",
    ]);
  });

  test('a required term with matchExpressions only and no preferred terms is checked', () => {
    // GIVEN node affinity with only required terms: one with only matchExpressions, operator 'notin'
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeTerm('notin')] } } };
    // WHEN it is linted
    // THEN the operator is reported (matchFields and preferred terms are optional)
    expect(lint(pod({ affinity }))).toEqual([
      "error enum-value spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: node selector operator 'notin' is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt (values are case-sensitive); did you mean 'NotIn'?",
    ]);
  });
});

describe('scheduling: minDomains', () => {
  test('minDomains 1 and 2 with DoNotSchedule pass, and null with ScheduleAnyway is no minDomains', () => {
    // GIVEN DoNotSchedule constraints with minDomains 1 and 2, and a ScheduleAnyway one with minDomains null
    const spec = { topologySpreadConstraints: [
      spread({ minDomains: 1 }),
      spread({ topologyKey: 'kubernetes.io/hostname', minDomains: 2 }),
      spread({ topologyKey: 'example.com/rack', whenUnsatisfiable: 'ScheduleAnyway', minDomains: null }),
    ] };
    // WHEN it is linted
    // THEN nothing is reported (validateMinDomains: positive, and only checked when set; null decodes to nil)
    expect(lint(pod(spec))).toEqual([]);
  });

  test('minDomains 0 is reported as below 1', () => {
    // GIVEN a DoNotSchedule constraint with minDomains 0
    // WHEN it is linted
    // THEN minDomains is reported (validateMinDomains: must be greater than zero)
    expect(lint(pod({ topologySpreadConstraints: [spread({ minDomains: 0 })] }))).toEqual([
      'error scheduling spec.topologySpreadConstraints[0].minDomains: minDomains 0 must be at least 1; remove it or use 1 or more',
    ]);
  });

  test('minDomains with ScheduleAnyway is reported', () => {
    // GIVEN a ScheduleAnyway constraint with minDomains 2
    // WHEN it is linted
    // THEN minDomains is reported (validateMinDomains: can only use minDomains if whenUnsatisfiable=DoNotSchedule)
    expect(lint(pod({ topologySpreadConstraints: [spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 })] }))).toEqual([
      "error scheduling spec.topologySpreadConstraints[0].minDomains: minDomains is only allowed with whenUnsatisfiable: DoNotSchedule, got 'ScheduleAnyway'; remove minDomains or use DoNotSchedule",
    ]);
  });

  test("a quoted minDomains '0' is reported only as a wrong type", () => {
    // GIVEN a DoNotSchedule constraint with minDomains '0' (a string)
    // WHEN it is linted
    // THEN only field-type reports it (the API server fails to decode a string into the int32 and validates nothing)
    expect(lint(pod({ topologySpreadConstraints: [spread({ minDomains: '0' })] }))).toEqual([
      "error field-type spec.topologySpreadConstraints[0].minDomains: minDomains is the string '0' but must be an integer; write 0 without quotes",
    ]);
  });
});

describe('scheduling: maxSkew and repeated constraints', () => {
  test('a fractional maxSkew is reported only as a wrong type', () => {
    // GIVEN a constraint with maxSkew 0.5
    // WHEN it is linted
    // THEN only field-type reports it (a decode error: 0.5 is no int32), not as a maxSkew below 1
    expect(lint(pod({ topologySpreadConstraints: [spread({ maxSkew: 0.5 })] }))).toEqual([
      'error field-type spec.topologySpreadConstraints[0].maxSkew: maxSkew is the number 0.5 but must be an integer; use a whole number such as 1',
    ]);
  });

  test('two DoNotSchedule constraints on different topology keys pass', () => {
    // GIVEN DoNotSchedule constraints over zones and over hostnames
    // WHEN it is linted
    // THEN nothing is reported (ValidateSpreadConstraintNotRepeat compares topologyKey and whenUnsatisfiable together)
    expect(lint(pod({ topologySpreadConstraints: [spread(), spread({ topologyKey: 'kubernetes.io/hostname' })] }))).toEqual([]);
  });

  test('constraints whose topologyKey or whenUnsatisfiable is not a string are not compared', () => {
    // GIVEN two constraints with topologyKey 5, and two with whenUnsatisfiable 5
    // WHEN they are linted
    // THEN only field-type reports them (the API server stops at the decode error), no repeated constraint
    expect(lint(pod({ topologySpreadConstraints: [spread({ topologyKey: 5 }), spread({ topologyKey: 5 })] }))).toEqual([
      'error field-type spec.topologySpreadConstraints[0].topologyKey: topologyKey is the number 5 but must be a string; quote it: "5"',
      'error field-type spec.topologySpreadConstraints[1].topologyKey: topologyKey is the number 5 but must be a string; quote it: "5"',
    ]);
    expect(lint(pod({ topologySpreadConstraints: [spread({ whenUnsatisfiable: 5 }), spread({ whenUnsatisfiable: 5 })] }))).toEqual([
      'error field-type spec.topologySpreadConstraints[0].whenUnsatisfiable: whenUnsatisfiable is the number 5 but must be a string; quote it: "5"',
      'error field-type spec.topologySpreadConstraints[1].whenUnsatisfiable: whenUnsatisfiable is the number 5 but must be a string; quote it: "5"',
    ]);
  });
});

describe('scheduling: affinity', () => {
  test('weight 1 passes in preferred node and pod affinity terms', () => {
    // GIVEN a preferred node affinity term and a preferred podAffinity term, each of weight 1
    const affinity = {
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: nodeTerm('In') }] },
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: affinityTerm() }] },
    };
    // WHEN it is linted
    // THEN nothing is reported (validatePreferredSchedulingTerms, validateWeightedPodAffinityTerms: 1-100)
    expect(lint(pod({ affinity }))).toEqual([]);
  });

  test('a preferred node affinity term of weight 0 is reported', () => {
    // GIVEN a preferred node affinity term of weight 0
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: nodeTerm('In') }] } };
    // WHEN it is linted
    // THEN its weight is reported (validatePreferredSchedulingTerms: must be in the range 1-100)
    expect(lint(pod({ affinity }))).toEqual([
      'error scheduling spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: preferred affinity weight 0 is outside 1-100; use a weight from 1 to 100',
    ]);
  });

  test('a preferred podAffinity term of weight 101 is reported', () => {
    // GIVEN a preferred podAffinity term of weight 101
    const affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: affinityTerm() }] } };
    // WHEN it is linted
    // THEN its weight is reported (validateWeightedPodAffinityTerms: must be in the range 1-100)
    expect(lint(pod({ affinity }))).toEqual([
      'error scheduling spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: preferred affinity weight 101 is outside 1-100; use a weight from 1 to 100',
    ]);
  });

  test('a required podAffinity term with topologyKey null has no topologyKey', () => {
    // GIVEN a required podAffinity term whose topologyKey is null
    const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [affinityTerm({ topologyKey: null })] } };
    // WHEN it is linted
    // THEN it is reported as missing, by required-field and by scheduling (null decodes to ''; validatePodAffinityTerm:
    // Required value: can not be empty)
    expect(lint(pod({ affinity }))).toEqual([
      'error required-field spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: requiredDuringSchedulingIgnoredDuringExecution[0] has no topologyKey, which Kubernetes requires; set topologyKey',
      "error scheduling spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: a pod affinity term needs a topologyKey, the node label that defines 'together'; set one such as 'kubernetes.io/hostname'",
    ]);
  });

  test('a required podAntiAffinity term without topologyKey is reported at the term', () => {
    // GIVEN a required podAntiAffinity term without topologyKey
    const term = { labelSelector: { matchLabels: { app: 'web' } } };
    // WHEN it is linted
    // THEN it is reported at requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey (validatePodAffinityTerm)
    expect(lint(pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }))).toEqual([
      'error required-field spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: requiredDuringSchedulingIgnoredDuringExecution[0] has no topologyKey, which Kubernetes requires; set topologyKey',
      "error scheduling spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: a pod affinity term needs a topologyKey, the node label that defines 'together'; set one such as 'kubernetes.io/hostname'",
    ]);
  });
});

describe('podReplacementPolicy by release and with a podFailurePolicy', () => {
  test('with a podFailurePolicy only Failed is allowed', () => {
    // GIVEN Jobs with a podFailurePolicy and podReplacementPolicy TerminatingOrFailed, then Failed
    const policy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
    // WHEN they are linted
    // THEN TerminatingOrFailed is reported (validatePodReplacementPolicy: NotSupported, only Failed)
    expect(lint(job({ podFailurePolicy: policy, podReplacementPolicy: 'TerminatingOrFailed' }))).toEqual([
      'error enum-value spec.podReplacementPolicy: podReplacementPolicy TerminatingOrFailed is not allowed with a podFailurePolicy, which needs the pods to be terminated before it judges them; set podReplacementPolicy: Failed, or remove it',
    ]);
    expect(lint(job({ podFailurePolicy: policy, podReplacementPolicy: 'Failed' }))).toEqual([]);
  });

  test('at 1.28 the API server drops podReplacementPolicy, so nothing is reported', () => {
    // GIVEN a Job with podReplacementPolicy 'failed'
    // WHEN it is linted at 1.28 (JobPodReplacementPolicy off by default: the Job strategy drops the field)
    // THEN nothing is reported
    expect(lint(job({ podReplacementPolicy: 'failed' }), '1.28')).toEqual([]);
  });
});

describe('the first release of the gated checks', () => {
  test('from 1.29 podReplacementPolicy is checked, and from 1.33 procMount', () => {
    // GIVEN a Job with podReplacementPolicy 'failed', and a pod with procMount 'unmasked'
    const misspeltProcMount = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { procMount: 'unmasked' } }] } };
    // WHEN they are linted at the first release that checks each (the gates JobPodReplacementPolicy and
    // ProcMountType are on by default from 1.29 and 1.33)
    // THEN both are reported
    expect(lint(job({ podReplacementPolicy: 'failed' }), '1.29')).toEqual([
      "error enum-value spec.podReplacementPolicy: podReplacementPolicy 'failed' is not one of TerminatingOrFailed, Failed (values are case-sensitive); did you mean 'Failed'?",
    ]);
    expect(lint(misspeltProcMount, '1.33')).toEqual([
      "error enum-value spec.containers[0].securityContext.procMount: procMount 'unmasked' is not one of Default, Unmasked (values are case-sensitive); did you mean 'Unmasked'?",
    ]);
  });
});
