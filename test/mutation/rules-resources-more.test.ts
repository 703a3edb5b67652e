// More of the resources rules (lib/rules/resources.ts): which names count as native resources, the
// bounds of the hugepages and request-within-limit checks, and the anchors of the memory-milli pattern.
// Each case lists every finding of the Pod, so a finding added or lost shows.
import { checkManifest, lintText } from '../../lib';

/** A Pod whose one container 'app' has these resources. */
function podWith(resources: unknown): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', resources }] } };
}

/** The findings [rule, path, message] of that Pod, as `lintText` reports them. */
function findingsFor(resources: unknown): string[][] {
  return lintText(JSON.stringify(podWith(resources)), 'pod.yaml').map(f => [f.rule, f.path, f.message]);
}

const R = 'spec.containers[0].resources';
const NOT_STANDARD = (kind: string) => `resource 'foo' in ${kind} of container 'app' is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>) and extended resources need a domain, such as 'nvidia.com/gpu'`;

describe('native resources (isNative): requests-within-limits judges them, extended-resource does not', () => {
  test('a name without a domain is native: its request over its limit is reported as exceeding it', () => {
    expect(findingsFor({ requests: { foo: '2' }, limits: { foo: '1' } })).toEqual([
      ['requests-within-limits', `${R}.requests.foo`, "foo request '2' of container 'app' exceeds its limit '1'; raise the limit or lower the request"],
      ['resource-name', `${R}.requests.foo`, NOT_STANDARD('requests')],
      ['resource-name', `${R}.limits.foo`, NOT_STANDARD('limits')],
    ]);
  });

  test('a name without a domain is native: a fraction of it is not an extended-resource finding', () => {
    expect(findingsFor({ limits: { foo: '1.5' } })).toEqual([
      ['resource-name', `${R}.limits.foo`, NOT_STANDARD('limits')],
    ]);
  });

  test("a hugepages name is native even with a '/' in it: only its page size is reported", () => {
    expect(findingsFor({ limits: { 'hugepages-x/y': '1.5', memory: '1Gi' }, requests: { 'hugepages-x/y': '1.5' } })).toEqual([
      ['quantity', `${R}.requests['hugepages-x/y']`, "requests.hugepages-x/y of container 'app' names the page size 'x/y', which is not a positive whole number of bytes; name a page size the nodes have, such as hugepages-2Mi or hugepages-1Gi"],
      ['quantity', `${R}.limits['hugepages-x/y']`, "limits.hugepages-x/y of container 'app' names the page size 'x/y', which is not a positive whole number of bytes; name a page size the nodes have, such as hugepages-2Mi or hugepages-1Gi"],
    ]);
  });

  test('a domain-qualified name is extended: a fraction of it is reported', () => {
    expect(findingsFor({ limits: { 'example.com/foo': '1.5' } })).toEqual([
      ['extended-resource', `${R}.limits['example.com/foo']`, "example.com/foo limit '1.5' of container 'app' is not a whole number; extended resources such as GPUs are not divisible, so request 2"],
    ]);
  });
});

describe('hugepages', () => {
  test('a page size of 0 is reported as the page size, not as a value that is not whole pages', () => {
    expect(findingsFor({ limits: { 'hugepages-0': '2Mi', memory: '1Gi' } })).toEqual([
      ['quantity', `${R}.limits.hugepages-0`, "limits.hugepages-0 of container 'app' names the page size '0', which is not a positive whole number of bytes; name a page size the nodes have, such as hugepages-2Mi or hugepages-1Gi"],
    ]);
  });

  test('a negative hugepages amount is reported once, as negative, not also as not whole pages', () => {
    expect(findingsFor({ limits: { 'hugepages-2Mi': '-3Mi', memory: '1Gi' } })).toEqual([
      ['quantity', `${R}.limits.hugepages-2Mi`, "limits.hugepages-2Mi '-3Mi' of container 'app' is negative; resources are amounts, so use 0 or more, or remove it"],
    ]);
  });

  test('a zero hugepages amount is whole pages', () => {
    expect(findingsFor({ limits: { 'hugepages-2Mi': '0', memory: '1Gi' } })).toEqual([]);
  });

  test("the example is in the page size's unit only when the size starts with its number", () => {
    // '+2Mi' does not start with a digit: the example is in bytes. '16Mi' has a number of two digits: two pages are '32Mi'.
    expect(findingsFor({ limits: { 'hugepages-+2Mi': '3Mi', 'hugepages-16Mi': '30Mi', memory: '1Gi' } })).toEqual([
      ['quantity', `${R}.limits['hugepages-+2Mi']`, "limits.hugepages-+2Mi '3Mi' of container 'app' is 3145728 bytes, not a whole number of +2Mi pages; hugepages are amounts of memory, so use a multiple of +2Mi, such as '4194304' for 2 pages"],
      ['quantity', `${R}.limits.hugepages-16Mi`, "limits.hugepages-16Mi '30Mi' of container 'app' is 31457280 bytes, not a whole number of 16Mi pages; hugepages are amounts of memory, so use a multiple of 16Mi, such as '32Mi' for 2 pages"],
      ['resource-name', `${R}.limits['hugepages-+2Mi']`, "resource name 'hugepages-+2Mi' in limits of container 'app' has a name part that is not alphanumeric with '-', '_' or '.' inside; use cpu, memory, ephemeral-storage or a domain-qualified name such as 'nvidia.com/gpu'"],
    ]);
  });
});

test('a request equal to its limit is within it, zero included (the tolerance is relative: 0 is exactly at it)', () => {
  expect(findingsFor({ requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': 2 }, limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2' } })).toEqual([]);
  expect(findingsFor({ requests: { cpu: 0, memory: '0' }, limits: { cpu: '0m', memory: 0 } })).toEqual([]);
});

test('extended-resource takes a request left undefined (a plain-JS manifest) as no request', () => {
  // GIVEN an object (not text): the key is there, its value undefined, and there is no limit for it
  const findings = checkManifest(podWith({ requests: { 'example.com/x': undefined, memory: '1Gi' }, limits: { memory: '1Gi' } }));

  // THEN nothing: undefined is "not set", as JSON would drop it
  expect(findings.map(f => [f.rule, f.path, f.message])).toEqual([]);
});

test("memory-milli reads only a whole value of digits and 'm'", () => {
  expect(findingsFor({ limits: { memory: '-1m' }, requests: { memory: '1mi', 'ephemeral-storage': '5m' } })).toEqual([
    ['memory-milli', `${R}.requests.ephemeral-storage`, "requests.ephemeral-storage '5m' of container 'app' means 5 thousandths of a byte; did you mean '5Mi'?"],
    ['quantity', `${R}.requests.memory`, "requests.memory '1mi' of container 'app' is not a Kubernetes quantity; use '1Mi'"],
    ['quantity', `${R}.limits.memory`, "limits.memory '-1m' of container 'app' is negative; resources are amounts, so use 0 or more, or remove it"],
  ]);
});
