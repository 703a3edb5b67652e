// The resources rules (lib/rules/resources.ts) on one container's resources, as `lintText` reports
// them: rule id, field path and the whole message.
import { lintText } from '../../lib';

/** The findings [rule, path, message] of a Pod whose one container 'app' has these resources. */
function findingsFor(resources: unknown): string[][] {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', resources }] } };
  return lintText(JSON.stringify(pod), 'pod.yaml').map(f => [f.rule, f.path, f.message]);
}

const R = 'spec.containers[0].resources';

test.each<[string, unknown, string[][]]>([
  ['requests are negative', { requests: { cpu: '-1', memory: -5 } }, [
    ['quantity', `${R}.requests.cpu`, "requests.cpu '-1' of container 'app' is negative; resources are amounts, so use 0 or more, or remove it"],
    ['quantity', `${R}.requests.memory`, "requests.memory -5 of container 'app' is negative; resources are amounts, so use 0 or more, or remove it"],
  ]],
  ['an extended limit is negative', { limits: { 'example.com/a': '-1.5' } }, [
    ['quantity', `${R}.limits['example.com/a']`, "limits.example.com/a '-1.5' of container 'app' is negative; resources are amounts, so use 0 or more, or remove it"],
  ]],
  ['limits are not quantities', { limits: { memory: '512MB', cpu: '2 m', 'ephemeral-storage': 'lots' } }, [
    ['quantity', `${R}.limits.memory`, "limits.memory '512MB' of container 'app' is not a Kubernetes quantity; use '512Mi'"],
    ['quantity', `${R}.limits.cpu`, "limits.cpu '2 m' of container 'app' is not a Kubernetes quantity; use '2m'"],
    ['quantity', `${R}.limits.ephemeral-storage`, "limits.ephemeral-storage 'lots' of container 'app' is not a Kubernetes quantity; use a number with a suffix such as '500m', '1', '512Mi' or '2Gi'"],
  ]],
  ['a limit is a boolean (field-type only)', { limits: { memory: true } }, [
    ['field-type', `${R}.limits.memory`, "limits.memory is the boolean true but must be a quantity such as 500m or '1Gi'; write the amount as a string such as '500m' or '1Gi'"],
  ]],
  ['hugepages are not whole pages', { limits: { 'hugepages-2Mi': '3Mi', memory: '1Gi' }, requests: { 'hugepages-2Mi': '3Mi' } }, [
    ['quantity', `${R}.requests.hugepages-2Mi`, "requests.hugepages-2Mi '3Mi' of container 'app' is 3145728 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '4Mi' for 2 pages"],
    ['quantity', `${R}.limits.hugepages-2Mi`, "limits.hugepages-2Mi '3Mi' of container 'app' is 3145728 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '4Mi' for 2 pages"],
  ]],
  ['hugepages are less than a page', { limits: { 'hugepages-2Mi': '1Mi', memory: '1Gi' }, requests: { 'hugepages-2Mi': '1Mi' } }, [
    ['quantity', `${R}.requests.hugepages-2Mi`, "requests.hugepages-2Mi '1Mi' of container 'app' is 1048576 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '2Mi' for 1 page"],
    ['quantity', `${R}.limits.hugepages-2Mi`, "limits.hugepages-2Mi '1Mi' of container 'app' is 1048576 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '2Mi' for 1 page"],
  ]],
  ['hugepages are given as a number of bytes that is not whole pages', { limits: { 'hugepages-2Mi': 3145728, memory: '1Gi' }, requests: { 'hugepages-2Mi': 3145728 } }, [
    ['quantity', `${R}.requests.hugepages-2Mi`, "requests.hugepages-2Mi 3145728 of container 'app' is 3145728 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '4Mi' for 2 pages"],
    ['quantity', `${R}.limits.hugepages-2Mi`, "limits.hugepages-2Mi 3145728 of container 'app' is 3145728 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '4Mi' for 2 pages"],
  ]],
  ['hugepages come without cpu or memory', { limits: { 'hugepages-1Gi': '2Gi' }, requests: { 'hugepages-1Gi': '2Gi' } }, [
    ['quantity', R, "container 'app' asks for hugepages without cpu or memory, which Kubernetes rejects; also set a memory (or cpu) request or limit"],
  ]],
  ['hugepages are requested without a limit', { requests: { 'hugepages-2Mi': '4Mi', memory: '1Gi' } }, [
    ['requests-within-limits', `${R}.requests.hugepages-2Mi`, "hugepages-2Mi is requested by container 'app' without a limit; hugepages cannot be overcommitted, so set limits.hugepages-2Mi: '4Mi'"],
  ]],
  ['hugepages are requested with a null limit', { requests: { 'hugepages-2Mi': '4Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': null } }, [
    ['requests-within-limits', `${R}.requests.hugepages-2Mi`, "hugepages-2Mi is requested by container 'app' without a limit; hugepages cannot be overcommitted, so set limits.hugepages-2Mi: '4Mi'"],
  ]],
  ['a hugepages request differs from its limit', { requests: { 'hugepages-2Mi': '4Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': '8Mi' } }, [
    ['requests-within-limits', `${R}.requests.hugepages-2Mi`, "hugepages-2Mi request '4Mi' of container 'app' differs from its limit '8Mi'; hugepages cannot be overcommitted, so make them equal or drop the request"],
  ]],
  ['resource names are not standard or not qualified', { limits: { gpu: '1', cpus: '1', 'bad name!': '1', 'a/b/c': '1', mem: '1', 'nvidia-gpu': '1' } }, [
    ['resource-name', `${R}.limits.gpu`, "resource 'gpu' in limits of container 'app' is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain; did you mean 'cpu'?"],
    ['resource-name', `${R}.limits.cpus`, "resource 'cpus' in limits of container 'app' is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain; did you mean 'cpu'?"],
    ['resource-name', `${R}.limits['bad name!']`, "resource name 'bad name!' in limits of container 'app' has a name part that is not alphanumeric with '-', '_' or '.' inside; use cpu, memory, ephemeral-storage or a domain-qualified name such as 'nvidia.com/gpu'"],
    ['resource-name', `${R}.limits['a/b/c']`, "resource name 'a/b/c' in limits of container 'app' has more than one '/'; use cpu, memory, ephemeral-storage or a domain-qualified name such as 'nvidia.com/gpu'"],
    ['resource-name', `${R}.limits.mem`, "resource 'mem' in limits of container 'app' is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain, such as 'nvidia.com/gpu'"],
    ['resource-name', `${R}.limits.nvidia-gpu`, "resource 'nvidia-gpu' in limits of container 'app' is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain; did you mean 'nvidia.com/gpu'?"],
  ]],
  ['requests exceed limits, native and extended', { requests: { cpu: '2', memory: '2Gi', 'example.com/foo': '3' }, limits: { cpu: '1500m', memory: '1Gi', 'example.com/foo': '2' } }, [
    ['extended-resource', `${R}.requests['example.com/foo']`, "example.com/foo request '3' differs from its limit '2' in container 'app'; extended resources cannot be overcommitted, so make them equal or drop the request"],
    ['requests-within-limits', `${R}.requests.cpu`, "cpu request '2' of container 'app' exceeds its limit '1500m'; raise the limit or lower the request"],
    ['requests-within-limits', `${R}.requests.memory`, "memory request '2Gi' of container 'app' exceeds its limit '1Gi'; raise the limit or lower the request"],
  ]],
  ['a request exceeds its limit by one nanocore', { requests: { cpu: '1000000001n' }, limits: { cpu: '1' } }, [
    ['requests-within-limits', `${R}.requests.cpu`, "cpu request '1000000001n' of container 'app' exceeds its limit '1'; raise the limit or lower the request"],
  ]],
  ['kubernetes.io resources exceed their limits', { requests: { 'kubernetes.io/x': '2', 'foo.kubernetes.io/y': '3' }, limits: { 'kubernetes.io/x': '1', 'foo.kubernetes.io/y': '2' } }, [
    ['requests-within-limits', `${R}.requests['kubernetes.io/x']`, "kubernetes.io/x request '2' of container 'app' exceeds its limit '1'; raise the limit or lower the request"],
    ['requests-within-limits', `${R}.requests['foo.kubernetes.io/y']`, "foo.kubernetes.io/y request '3' of container 'app' exceeds its limit '2'; raise the limit or lower the request"],
  ]],
  ['extended resources are fractions', { requests: { 'nvidia.com/gpu': '0.5', 'example.com/dev': '1' }, limits: { 'nvidia.com/gpu': 0.5, 'amd.com/gpu': '1.5', 'example.com/tiny': '100m' } }, [
    ['extended-resource', `${R}.limits['nvidia.com/gpu']`, "nvidia.com/gpu limit 0.5 of container 'app' is not a whole number; extended resources such as GPUs are not divisible, so request 1 (or a MIG profile such as 'nvidia.com/mig-1g.5gb' for a slice)"],
    ['extended-resource', `${R}.requests['nvidia.com/gpu']`, "nvidia.com/gpu request '0.5' of container 'app' is not a whole number; extended resources such as GPUs are not divisible, so request 1 (or a MIG profile such as 'nvidia.com/mig-1g.5gb' for a slice)"],
    ['extended-resource', `${R}.requests['example.com/dev']`, "example.com/dev is requested by container 'app' without a limit; extended resources cannot be overcommitted, so set limits.example.com/dev: '1'"],
    ['extended-resource', `${R}.limits['amd.com/gpu']`, "amd.com/gpu limit '1.5' of container 'app' is not a whole number; extended resources such as GPUs are not divisible, so request 2"],
    ['extended-resource', `${R}.limits['example.com/tiny']`, "example.com/tiny limit '100m' of container 'app' is not a whole number; extended resources such as GPUs are not divisible, so request 1"],
  ]],
  ['memory and storage are in thousandths of a byte', { requests: { memory: '512m', 'ephemeral-storage': '1.5m', cpu: '500m' } }, [
    ['memory-milli', `${R}.requests.memory`, "requests.memory '512m' of container 'app' means 512 thousandths of a byte; did you mean '512Mi'?"],
    ['memory-milli', `${R}.requests.ephemeral-storage`, "requests.ephemeral-storage '1.5m' of container 'app' means 1.5 thousandths of a byte; did you mean '1.5Mi'?"],
  ]],
])('fails when %s', (_case, resources, expected) => {
  // GIVEN a container with these resources / WHEN linted / THEN
  expect(findingsFor(resources)).toEqual(expected);
});

test.each<[string, unknown]>([
  ['hugepages with a cpu request only', { limits: { 'hugepages-1Gi': '2Gi' }, requests: { 'hugepages-1Gi': '2Gi', cpu: '1' } }],
  ['a hugepages request equal to its limit, written in bytes', { limits: { 'hugepages-2Mi': '4Mi', memory: '1Gi' }, requests: { 'hugepages-2Mi': '4194304' } }],
  ['requests equal to limits in other units', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }],
  ['an extended request equal to its limit, one a number', { requests: { 'example.com/a': 2 }, limits: { 'example.com/a': '2' } }],
  ['memory as a plain number of bytes', { requests: { memory: 5 }, limits: { memory: '5M' } }],
  ['a zero request with a zero limit', { requests: { cpu: 0 }, limits: { cpu: '0' } }],
])('passes %s', (_case, resources) => {
  expect(findingsFor(resources)).toEqual([]);
});

describe('hugepages page sizes (bugs found by the mutation run, fixed)', () => {
  const pod = (name: string, value: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25\n      resources:\n        limits: {memory: 1Gi, '${name}': '${value}'}\n`;

  test('fails when a page size is not a positive whole number of bytes', () => {
    // A key with a dot is written ['...'] in a path.
    for (const [size, path] of [['abc', 'limits.hugepages-abc'], ['0', 'limits.hugepages-0'], ['1.5', "limits['hugepages-1.5']"]]) {
      expect(lintText(pod(`hugepages-${size}`, '2Mi'), 'p.yaml').map(f => `${f.rule} ${f.path}: ${f.message}`)).toEqual([
        `quantity spec.containers[0].resources.${path}: limits.hugepages-${size} of container 'a' names the page size '${size}', which is not a positive whole number of bytes; name a page size the nodes have, such as hugepages-2Mi or hugepages-1Gi`,
      ]);
    }
  });

  test('a signed page size does not stop the rule: the example is in bytes', () => {
    const findings = lintText(pod('hugepages-+2Mi', '3Mi'), 'p.yaml').filter(f => f.rule === 'quantity');
    expect(findings.map(f => f.message)).toEqual([
      "limits.hugepages-+2Mi '3Mi' of container 'a' is 3145728 bytes, not a whole number of +2Mi pages; hugepages are amounts of memory, so use a multiple of +2Mi, such as '4194304' for 2 pages",
    ]);
  });
});
