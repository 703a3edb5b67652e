// Node affinity terms (the selector rule, lib/rules/names.ts checkNodeAffinity), after validateNodeAffinity of
// pkg/apis/core/validation: ValidateNodeSelectorRequirement (In and NotIn need values, Exists and DoesNotExist take
// none, Gt and Lt exactly one; the key is a label key; from 1.32 the values of required terms are label values,
// never those of preferred terms) and ValidateNodeFieldSelectorRequirement (matchFields: key metadata.name, one
// value, a node name). Found missing while killing the enum mutants (SURVIVORS.md bug 12). Every case lists all
// findings of the manifest.
import { lint } from './findings';

/** A pod with one container and this node affinity. */
function pod(nodeAffinity: object): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], affinity: { nodeAffinity } } };
}

/** Required node affinity with these terms. */
const required = (...nodeSelectorTerms: object[]) => pod({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } });

const REQ = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

describe('node selector expressions', () => {
  test('values that do not fit the operator are reported', () => {
    // GIVEN In without values, Exists with a value, Gt with two values and Lt with none
    const term = { matchExpressions: [
      { key: 'a', operator: 'In' },
      { key: 'b', operator: 'Exists', values: ['x'] },
      { key: 'c', operator: 'Gt', values: ['1', '2'] },
      { key: 'd', operator: 'Lt' },
    ] };
    // WHEN it is linted
    // THEN each is reported at its values (Required, Forbidden, Required "single value")
    expect(lint(required(term))).toEqual([
      `error selector ${REQ}[0].matchExpressions[0].values: node selector expression on 'a' has operator In but no values; list the label values it matches`,
      `error selector ${REQ}[0].matchExpressions[1].values: node selector expression on 'b' has operator Exists and values ["x"]; Exists only tests the key, so remove values`,
      `error selector ${REQ}[0].matchExpressions[2].values: node selector expression on 'c' has operator Gt and 2 values; Gt compares with exactly one number, such as values: ["3"]`,
      `error selector ${REQ}[0].matchExpressions[3].values: node selector expression on 'd' has operator Lt and 0 values; Lt compares with exactly one number, such as values: ["3"]`,
    ]);
  });

  test('values that fit the operator pass', () => {
    // GIVEN NotIn with a value, DoesNotExist without values, Lt with one value
    const term = { matchExpressions: [
      { key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] },
      { key: 'example.com/spot', operator: 'DoesNotExist' },
      { key: 'example.com/generation', operator: 'Lt', values: ['7'] },
    ] };
    // WHEN / THEN nothing is reported
    expect(lint(required(term))).toEqual([]);
  });

  test('a key that is not a label key is reported, in required and preferred terms', () => {
    // GIVEN a required and a preferred term with the key 'gpu type'
    const affinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu type', operator: 'Exists' }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'gpu type', operator: 'Exists' }] } }],
    };
    // WHEN / THEN both are reported (ValidateLabelName)
    expect(lint(pod(affinity))).toEqual([
      `error selector ${REQ}[0].matchExpressions[0].key: node selector key 'gpu type' has a name part that is not alphanumeric with '-', '_' or '.' inside; use a node label key such as 'kubernetes.io/os'`,
      "error selector spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key: node selector key 'gpu type' has a name part that is not alphanumeric with '-', '_' or '.' inside; use a node label key such as 'kubernetes.io/os'",
    ]);
  });

  test('from 1.32 the values of required terms are label values; preferred terms and older releases take any', () => {
    // GIVEN the value '-x-' in a required and in a preferred term
    const affinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', '-x-'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['-x-'] }] } }],
    };
    // WHEN it is linted at 1.32 and 1.34, and at 1.31 and 1.28
    // THEN only the required value is reported, and only from 1.32
    const finding = `error selector ${REQ}[0].matchExpressions[0].values[1]: node selector value '-x-' is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit; use 'x'`;
    expect(lint(pod(affinity), '1.32')).toEqual([finding]);
    expect(lint(pod(affinity))).toEqual([finding]);
    expect(lint(pod(affinity), '1.31')).toEqual([]);
    expect(lint(pod(affinity), '1.28')).toEqual([]);
  });
});

describe('node field selectors (matchFields)', () => {
  test('metadata.name with one valid node name passes', () => {
    // GIVEN In and NotIn on metadata.name with one node name each
    const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }, { key: 'metadata.name', operator: 'NotIn', values: ['node-2.example'] }] };
    // WHEN / THEN nothing is reported
    expect(lint(required(term))).toEqual([]);
  });

  test('two values, another field and a name that is no node name are reported', () => {
    // GIVEN In with two names, a selector on spec.unschedulable, and the name 'Node_1'
    const term = { matchFields: [
      { key: 'metadata.name', operator: 'In', values: ['a', 'b'] },
      { key: 'spec.unschedulable', operator: 'In', values: ['x'] },
      { key: 'metadata.name', operator: 'NotIn', values: ['Node_1'] },
      { key: 'metadata.name', operator: 'NotIn' },
    ] };
    // WHEN / THEN each is reported (ValidateNodeFieldSelectorRequirement; ValidateNodeName)
    expect(lint(required(term))).toEqual([
      `error selector ${REQ}[0].matchFields[0].values: a node field selector with operator In takes exactly one value, got 2; list one node name, or use one requirement per node`,
      `error selector ${REQ}[0].matchFields[1].key: node field selector key 'spec.unschedulable' is not a field Kubernetes can select nodes by; use 'metadata.name'`,
      `error selector ${REQ}[0].matchFields[2].values[0]: node name 'Node_1' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use the name of a node, such as 'node-1'`,
      `error selector ${REQ}[0].matchFields[3].values: a node field selector with operator NotIn takes exactly one value, got 0; list one node name, or use one requirement per node`,
    ]);
  });

  test('an empty key is reported once, by required-field', () => {
    // GIVEN a field selector with key ''
    // WHEN / THEN only the required-field finding
    expect(lint(required({ matchFields: [{ key: '', operator: 'In', values: ['node-1'] }] }))).toEqual([
      `error required-field ${REQ}[0].matchFields[0].key: matchFields[0] has an empty key, which Kubernetes requires; set key`,
    ]);
  });
});
