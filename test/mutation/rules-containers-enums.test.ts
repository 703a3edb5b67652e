// The toleration rule and the enum checks of pods (lib/rules/containers.ts), in the corners the corpus leaves open.
// Tolerations, after ValidateTolerations of pkg/apis/core/validation: tolerationSeconds null is unset, an empty effect
// matches every effect (and is no invalid effect), Exists with an empty value is fine, and a value with nothing to
// keep gets a generic suggestion. Enums, after the same package: container seccompProfile type
// (validateSeccompProfileType) and procMount (ValidateProcMountType; Unmasked with hostUsers: false), the httpGet
// scheme of liveness and startup probes and of a postStart hook (validateHTTPGetAction), the pod's
// fsGroupChangePolicy (validateFSGroupChangePolicy), topology spread nodeAffinityPolicy and nodeTaintsPolicy
// (validateNodeInclusionPolicy) and the operators of its labelSelector, of pod (anti-)affinity terms
// (metav1validation.ValidateLabelSelectorRequirement) and of node affinity terms (ValidateNodeSelectorRequirement).
// Also the bugs these tests found (SURVIVORS.md bug 11): '' in enum fields without a default, matchFields operators,
// namespaceSelector operators, and procMount by release (ProcMountType is on by default from 1.33; before, the API
// server sets any procMount to Default; from 1.33 Unmasked needs hostUsers: false).
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

/** A pod with one container 'app' and these tolerations. */
function tolerating(...tolerations: object[]): object {
  return pod({ containers: [container('app')], tolerations });
}

/** A pod with one container 'app' and this affinity. */
function withAffinity(affinity: object): object {
  return pod({ containers: [container('app')], affinity });
}

/** An httpGet handler on port 80 with this scheme. */
function httpGet(scheme: string): object {
  return { httpGet: { path: '/healthz', port: 80, scheme } };
}

describe('toleration', () => {
  test('tolerationSeconds null is no tolerationSeconds', () => {
    // GIVEN a NoSchedule toleration whose tolerationSeconds is null
    // WHEN it is linted
    // THEN nothing is reported (null decodes to a nil *int64, and only a set tolerationSeconds needs NoExecute)
    expect(lint(tolerating({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: null }))).toEqual([]);
  });

  test('tolerationSeconds with an empty effect is reported as an unset effect', () => {
    // GIVEN a toleration with tolerationSeconds and effect ''
    // WHEN it is linted
    // THEN the effect is reported and named unset ('' is not NoExecute; an empty effect matches every effect)
    expect(lint(tolerating({ key: 'k', operator: 'Exists', effect: '', tolerationSeconds: 30 }))).toEqual([
      'error toleration spec.tolerations[0].effect: tolerationSeconds is set with effect unset (every effect); only NoExecute taints evict, so set effect: NoExecute or remove tolerationSeconds',
    ]);
  });

  test('Exists with an empty value passes', () => {
    // GIVEN an Exists toleration with value ''
    // WHEN it is linted
    // THEN nothing is reported (Exists forbids only a non-empty value)
    expect(lint(tolerating({ key: 'k', operator: 'Exists', value: '' }))).toEqual([]);
  });

  test('a value with no label-value characters to keep is told to use a placeholder', () => {
    // GIVEN an Equal toleration whose value '---' has no letter or digit
    // WHEN it is linted
    // THEN the value is reported (IsValidLabelValue) with the suggestion 'value'
    expect(lint(tolerating({ key: 'k', operator: 'Equal', value: '---' }))).toEqual([
      "error toleration spec.tolerations[0].value: toleration value '---' is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'value'",
    ]);
  });

  test('an empty effect matches every effect and is no invalid effect; a misspelt one is reported', () => {
    // GIVEN a toleration with effect '' and one with effect 'noschedule'
    // WHEN they are linted
    // THEN only the misspelt effect is reported (validateTaintEffect runs only for a non-empty effect)
    expect(lint(tolerating(
      { key: 'k', operator: 'Equal', value: 'v', effect: '' },
      { key: 'k', operator: 'Equal', value: 'v', effect: 'noschedule' },
    ))).toEqual([
      "error toleration spec.tolerations[1].effect: toleration effect 'noschedule' is not one of NoSchedule, PreferNoSchedule, NoExecute (values are case-sensitive); did you mean 'NoSchedule'?",
    ]);
  });
});

describe('container enums', () => {
  test('a misspelt seccompProfile type and procMount of a container are reported', () => {
    // GIVEN a container whose security context has seccompProfile type 'runtimedefault' and procMount 'unmasked'
    const c = container('app', { securityContext: { seccompProfile: { type: 'runtimedefault' }, procMount: 'unmasked' } });
    // WHEN it is linted
    // THEN both are reported (validateSeccompProfileType and ValidateProcMountType are case-sensitive)
    expect(lint(pod({ containers: [c] }))).toEqual([
      "error enum-value spec.containers[0].securityContext.seccompProfile.type: seccompProfile type 'runtimedefault' is not one of RuntimeDefault, Localhost, Unconfined (values are case-sensitive); did you mean 'RuntimeDefault'?",
      "error enum-value spec.containers[0].securityContext.procMount: procMount 'unmasked' is not one of Default, Unmasked (values are case-sensitive); did you mean 'Unmasked'?",
    ]);
  });

  test('procMount Default, and Unmasked in a pod with hostUsers: false, pass', () => {
    // GIVEN a pod with hostUsers: false, one container with procMount Default and one with Unmasked
    const spec = { hostUsers: false, containers: [
      container('a', { securityContext: { procMount: 'Default' } }),
      container('b', { securityContext: { procMount: 'Unmasked' } }),
    ] };
    // WHEN it is linted
    // THEN nothing is reported (both are ProcMountTypes; Unmasked needs hostUsers false)
    expect(lint(pod(spec))).toEqual([]);
  });

  test('the httpGet scheme of a liveness probe, a startup probe and a postStart hook is checked', () => {
    // GIVEN a container whose livenessProbe, startupProbe and lifecycle.postStart use schemes 'http', 'https' and 'Http'
    const c = container('app', { livenessProbe: httpGet('http'), startupProbe: httpGet('https'), lifecycle: { postStart: httpGet('Http') } });
    // WHEN it is linted
    // THEN each scheme is reported at its own path (validateHTTPGetAction: HTTP or HTTPS)
    expect(lint(pod({ containers: [c] }))).toEqual([
      "error enum-value spec.containers[0].livenessProbe.httpGet.scheme: httpGet scheme 'http' is not one of HTTP, HTTPS (values are case-sensitive); did you mean 'HTTP'?",
      "error enum-value spec.containers[0].startupProbe.httpGet.scheme: httpGet scheme 'https' is not one of HTTP, HTTPS (values are case-sensitive); did you mean 'HTTPS'?",
      "error enum-value spec.containers[0].lifecycle.postStart.httpGet.scheme: httpGet scheme 'Http' is not one of HTTP, HTTPS (values are case-sensitive); did you mean 'HTTP'?",
    ]);
  });
});

describe('pod enums', () => {
  test('fsGroupChangePolicy OnRootMismatch and Always pass; a misspelt one is reported', () => {
    // GIVEN pods whose security context has fsGroupChangePolicy OnRootMismatch, Always and 'onRootMismatch'
    const policy = (fsGroupChangePolicy: string) => pod({ securityContext: { fsGroup: 1000, fsGroupChangePolicy }, containers: [container('app')] });
    // WHEN they are linted
    // THEN only the misspelt one is reported (validFSGroupChangePolicies)
    expect(lint(policy('OnRootMismatch'))).toEqual([]);
    expect(lint(policy('Always'))).toEqual([]);
    expect(lint(policy('onRootMismatch'))).toEqual([
      "error enum-value spec.securityContext.fsGroupChangePolicy: fsGroupChangePolicy 'onRootMismatch' is not one of OnRootMismatch, Always (values are case-sensitive); did you mean 'OnRootMismatch'?",
    ]);
  });

  test('topology spread node policies Honor and Ignore and selector operator In pass', () => {
    // GIVEN two spread constraints using nodeAffinityPolicy Ignore/Honor, nodeTaintsPolicy Honor/Ignore and a selector with In
    const spec = { containers: [container('app')], topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor' },
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore',
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } },
    ] };
    // WHEN it is linted
    // THEN nothing is reported (supportedPodTopologySpreadNodePolicies is Honor and Ignore)
    expect(lint(pod(spec))).toEqual([]);
  });

  test('misspelt topology spread node policies and selector operator are reported', () => {
    // GIVEN a spread constraint with nodeAffinityPolicy 'ignore', nodeTaintsPolicy 'honor' and selector operator 'in'
    const spec = { containers: [container('app')], topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'ignore', nodeTaintsPolicy: 'honor',
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] } },
    ] };
    // WHEN it is linted
    // THEN all three are reported (validateNodeInclusionPolicy twice; ValidateLabelSelector of the constraint)
    expect(lint(pod(spec))).toEqual([
      "error enum-value spec.topologySpreadConstraints[0].nodeAffinityPolicy: nodeAffinityPolicy 'ignore' is not one of Honor, Ignore (values are case-sensitive); did you mean 'Ignore'?",
      "error enum-value spec.topologySpreadConstraints[0].nodeTaintsPolicy: nodeTaintsPolicy 'honor' is not one of Honor, Ignore (values are case-sensitive); did you mean 'Honor'?",
      "error enum-value spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator: topology spread selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'In'?",
    ]);
  });

  test('the selector operators of required podAffinity and podAntiAffinity terms are checked', () => {
    // GIVEN a required podAffinity term with operator 'in' and a required podAntiAffinity term with operator 'exists'
    const term = (operator: string, values?: string[]) => ({ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchExpressions: [{ key: 'app', operator, values }] } });
    const affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('in', ['web'])] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('exists')] },
    };
    // WHEN it is linted
    // THEN both are reported at their own term (ValidateLabelSelectorRequirement: not a valid selector operator)
    expect(lint(withAffinity(affinity))).toEqual([
      "error enum-value spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: affinity selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'In'?",
      "error enum-value spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: affinity selector operator 'exists' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'Exists'?",
    ]);
  });

  test('the operators of required node affinity terms are checked, term by term', () => {
    // GIVEN required node affinity whose first term matches a field with In and whose second term uses operator 'in'
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
      { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'in', values: ['a'] }] },
    ] } } };
    // WHEN it is linted
    // THEN the second term's operator is reported (ValidateNodeSelectorRequirement: not a valid selector operator)
    expect(lint(withAffinity(affinity))).toEqual([
      "error enum-value spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions[0].operator: node selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt (values are case-sensitive); did you mean 'In'?",
    ]);
  });

  test('node affinity with only preferred terms passes', () => {
    // GIVEN node affinity with a preferred term (operator Gt) and no required terms
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 1, preference: { matchExpressions: [{ key: 'example.com/generation', operator: 'Gt', values: ['3'] }] } },
    ] } };
    // WHEN it is linted
    // THEN nothing is reported (Gt takes one value; required terms are optional)
    expect(lint(withAffinity(affinity))).toEqual([]);
  });
});

describe('empty strings where the API server has no default to fill in', () => {
  test("'' is reported in procMount, mountPropagation, fsGroupChangePolicy, preemptionPolicy and the spread node policies", () => {
    // GIVEN a pod with '' in each of these pointer fields (no defaulting: validation sees '')
    const spec = {
      preemptionPolicy: '',
      securityContext: { fsGroupChangePolicy: '' },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: '', nodeTaintsPolicy: '' }],
      volumes: [{ name: 'v', emptyDir: {} }],
      containers: [container('app', { securityContext: { procMount: '' }, volumeMounts: [{ name: 'v', mountPath: '/v', mountPropagation: '' }] })],
    };
    // WHEN it is linted at 1.34
    // THEN each is reported (ValidatePreemptionPolicy, validateFSGroupChangePolicy, validateNodeInclusionPolicy,
    // ValidateProcMountType, validateMountPropagation)
    expect(lint(pod(spec))).toEqual([
      "error enum-value spec.containers[0].volumeMounts[0].mountPropagation: mountPropagation '' is not one of None, HostToContainer, Bidirectional (values are case-sensitive); use one of them",
      "error enum-value spec.containers[0].securityContext.procMount: procMount '' is not one of Default, Unmasked (values are case-sensitive); use one of them",
      "error enum-value spec.preemptionPolicy: preemptionPolicy '' is not one of PreemptLowerPriority, Never (values are case-sensitive); use one of them",
      "error enum-value spec.securityContext.fsGroupChangePolicy: fsGroupChangePolicy '' is not one of OnRootMismatch, Always (values are case-sensitive); use one of them",
      "error enum-value spec.topologySpreadConstraints[0].nodeAffinityPolicy: nodeAffinityPolicy '' is not one of Honor, Ignore (values are case-sensitive); use one of them",
      "error enum-value spec.topologySpreadConstraints[0].nodeTaintsPolicy: nodeTaintsPolicy '' is not one of Honor, Ignore (values are case-sensitive); use one of them",
    ]);
  });

  test("'' in terminationMessagePolicy and an httpGet scheme is the default, and passes", () => {
    // GIVEN a container with terminationMessagePolicy '' and a liveness probe with scheme ''
    const c = container('app', { terminationMessagePolicy: '', livenessProbe: httpGet('') });
    // WHEN it is linted
    // THEN nothing is reported (SetDefaults_Container and SetDefaults_HTTPGetAction fill both in)
    expect(lint(pod({ containers: [c] }))).toEqual([]);
  });
});

describe('node field selectors and namespace selectors', () => {
  test('a matchFields requirement takes In or NotIn only', () => {
    // GIVEN required node affinity matching metadata.name with Exists
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] },
    ] } } };
    // WHEN it is linted
    // THEN the operator is reported (ValidateNodeFieldSelectorRequirement: not a valid selector operator)
    expect(lint(withAffinity(affinity))).toEqual([
      "error enum-value spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator: node field selector operator 'Exists' is not one of In, NotIn (values are case-sensitive); use one of them",
    ]);
  });

  test('the namespaceSelector operators of required and preferred pod affinity terms are checked', () => {
    // GIVEN a required podAffinity term and a preferred podAntiAffinity term whose namespaceSelector uses 'in'
    const term = { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'in', values: ['a'] }] } };
    const affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] },
    };
    // WHEN it is linted
    // THEN both are reported (ValidatePodAffinityTermSelector validates the namespaceSelector as a label selector)
    expect(lint(withAffinity(affinity))).toEqual([
      "error enum-value spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector.matchExpressions[0].operator: affinity namespace selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'In'?",
      "error enum-value spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector.matchExpressions[0].operator: affinity namespace selector operator 'in' is not one of In, NotIn, Exists, DoesNotExist (values are case-sensitive); did you mean 'In'?",
    ]);
  });
});

describe('procMount by release', () => {
  const unmasked = (spec: object = {}) => pod({ ...spec, containers: [container('app', { securityContext: { procMount: 'Unmasked' } })] });

  test('from 1.33, Unmasked without hostUsers: false is reported', () => {
    // GIVEN a container with procMount Unmasked in a pod that shares the host's user namespace (hostUsers unset or true)
    // WHEN it is linted at 1.33 and 1.34
    // THEN it is reported ("`hostUsers` must be false to use `Unmasked`")
    const finding = "error user-group-id spec.containers[0].securityContext.procMount: container 'app' sets procMount: Unmasked, which Kubernetes allows only in a user namespace; set hostUsers: false on the pod, or remove procMount";
    expect(lint(unmasked(), '1.33')).toEqual([finding]);
    expect(lint(unmasked({ hostUsers: true }))).toEqual([finding]);
  });

  test('before 1.33 the API server sets procMount to Default, so nothing is reported', () => {
    // GIVEN procMount Unmasked without hostUsers: false, and a misspelt procMount
    const misspelt = pod({ containers: [container('app', { securityContext: { procMount: 'unmasked' } })] });
    // WHEN they are linted at 1.32 and 1.28 (ProcMountType off by default: dropDisabledProcMountField)
    // THEN nothing is reported
    expect(lint(unmasked(), '1.32')).toEqual([]);
    expect(lint(misspelt, '1.32')).toEqual([]);
    expect(lint(misspelt, '1.28')).toEqual([]);
  });
});
