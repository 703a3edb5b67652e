// The security-context rules (lib/rules/security.ts), in the corners the corpus leaves open: the Pod Security
// Standard checks (after k8s.io/pod-security-admission/policy) for hostNetwork and hostIPC, hostPort 0, capability
// names, container-level Unconfined seccomp, Localhost seccomp at the pod level, a pod-level runAsUser 0 and the
// restricted volume list; and the API-server checks (pkg/apis/core/validation) of container runAsUser, seccomp
// localhostProfile (required with Localhost, relative, without '..', only with Localhost), and pod sysctls
// (empty and non-string names, duplicates, and network/IPC sysctls of a pod that shares hostNetwork or hostIPC,
// after component-helpers' sysctl.GetNamespace). Every case lists all findings of the manifest.
import { lint as findings } from './findings';

/** Every finding of `manifest` at this Pod Security level, as `severity rule path: message`. */
function lint(manifest: object, podSecurityStandard?: 'baseline' | 'restricted', kubernetesVersion: '1.28' | '1.34' = '1.34'): string[] {
  return findings(manifest, kubernetesVersion, podSecurityStandard);
}

/** A v1 Pod 'p' with this spec. */
function pod(spec: object): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

/** A container 'app' with these extra fields. */
function container(fields: object = {}): object {
  return { name: 'app', image: 'nginx:1.27', ...fields };
}

/** A container security context that passes every restricted check. */
const RESTRICTED = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

/** A container 'app' that passes the restricted level, with `sc` merged into its security context. */
function restrictedContainer(sc: object = {}): object {
  return container({ securityContext: { ...RESTRICTED, ...sc } });
}

/** A pod whose security context lists these sysctls, with extra spec fields (and the DNS policy hostNetwork wants). */
function sysctlPod(names: unknown[], spec: { hostNetwork?: boolean; [field: string]: unknown } = {}): object {
  const dns = spec.hostNetwork ? { dnsPolicy: 'ClusterFirstWithHostNet' } : {};
  return pod({ containers: [container()], securityContext: { sysctls: names.map(name => ({ name, value: '1' })) }, ...dns, ...spec });
}

const SYSCTL0 = 'spec.securityContext.sysctls[0].name';

describe('Pod Security baseline', () => {
  test('hostNetwork and hostIPC are host namespaces, each reported', () => {
    // GIVEN a pod with hostNetwork: true and hostIPC: true
    // WHEN it is linted at the baseline level
    // THEN both are reported (host_namespaces forbids hostNetwork, hostPID and hostIPC)
    expect(lint(pod({ hostNetwork: true, hostIPC: true, dnsPolicy: 'ClusterFirstWithHostNet', containers: [container()] }), 'baseline')).toEqual([
      "error pss-host-namespaces spec.hostNetwork: hostNetwork: true shares the node's namespace with the pod; remove it unless the pod is node infrastructure",
      "error pss-host-namespaces spec.hostIPC: hostIPC: true shares the node's namespace with the pod; remove it unless the pod is node infrastructure",
    ]);
  });

  test('hostPort 0 is no host port', () => {
    // GIVEN a container port with hostPort: 0
    const c = container({ ports: [{ containerPort: 80, hostPort: 0 }] });
    // WHEN it is linted at the baseline level
    // THEN nothing is reported (host_ports forbids only a non-zero hostPort)
    expect(lint(pod({ containers: [c] }), 'baseline')).toEqual([]);
  });

  test("a capability name is compared as written: 'CHOWNCAP_' is not CHOWN", () => {
    // GIVEN a container that adds 'CHOWNCAP_' (CAP_ at the end, not a prefix)
    const c = container({ securityContext: { capabilities: { add: ['CHOWNCAP_'] } } });
    // WHEN it is linted at the baseline level
    // THEN it is outside the baseline set
    expect(lint(pod({ containers: [c] }), 'baseline')).toEqual([
      "error pss-capabilities spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'CHOWNCAP_', beyond the baseline set; remove it",
    ]);
  });

  test('a container with seccomp profile Unconfined is reported', () => {
    // GIVEN a container whose own seccompProfile is Unconfined
    const c = container({ securityContext: { seccompProfile: { type: 'Unconfined' } } });
    // WHEN it is linted at the baseline level
    // THEN it is reported at the container's seccompProfile.type
    expect(lint(pod({ containers: [c] }), 'baseline')).toEqual([
      "error pss-seccomp spec.containers[0].securityContext.seccompProfile.type: container 'app' has seccomp profile Unconfined; use RuntimeDefault",
    ]);
  });

  test('hostPath: null does not stop the host-path rule', () => {
    // GIVEN a volume whose hostPath is null
    const spec = { containers: [container()], volumes: [{ name: 'v', hostPath: null }] };
    // WHEN it is linted at the baseline level
    // THEN the pss-host-path rule finishes (no "rule stopped" finding), and says "a node path", not "undefined"
    expect(lint(pod(spec), 'baseline').filter(f => f.includes('pss-host-path') || f.includes('the rule stopped'))).toEqual([
      "error pss-host-path spec.volumes[0].hostPath: volume 'v' mounts a node path, which ties the pod to one node and exposes the host; prefer a persistentVolumeClaim",
    ]);
  });
});

describe('Pod Security restricted', () => {
  test('a Localhost seccomp profile on the pod covers containers without one', () => {
    // GIVEN a pod-level seccompProfile of type Localhost, and a container without a seccomp profile of its own
    const { seccompProfile: _, ...sc } = RESTRICTED;
    const spec = {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } },
      containers: [container({ securityContext: sc })],
    };
    // WHEN it is linted at the restricted level
    // THEN nothing is reported (Localhost is as good as RuntimeDefault)
    expect(lint(pod(spec), 'restricted')).toEqual([]);
  });

  test('a container with its own RuntimeDefault profile needs none on the pod', () => {
    // GIVEN a pod without a security context and one container with seccompProfile RuntimeDefault
    // WHEN it is linted at the restricted level
    // THEN nothing is reported
    expect(lint(pod({ containers: [restrictedContainer()] }), 'restricted')).toEqual([]);
  });

  test('a container with its own Localhost profile needs none on the pod', () => {
    // GIVEN a container with seccompProfile Localhost and a relative profile file
    const c = restrictedContainer({ seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } });
    // WHEN it is linted at the restricted level
    // THEN nothing is reported
    expect(lint(pod({ containers: [c] }), 'restricted')).toEqual([]);
  });

  test('runAsUser 0 on the pod is reported', () => {
    // GIVEN a pod-level runAsUser: 0 and an otherwise restricted container
    const spec = { securityContext: { runAsUser: 0 }, containers: [restrictedContainer()] };
    // WHEN it is linted at the restricted level
    // THEN the pod's runAsUser is reported (runAsUser forbids 0 on the pod and on containers)
    expect(lint(pod(spec), 'restricted')).toEqual([
      'error pss-run-as-non-root spec.securityContext.runAsUser: the pod runs as user 0 (root); use a non-zero runAsUser',
    ]);
  });

  test('a hostPath volume is not among the restricted volume types, which the message lists', () => {
    // GIVEN a hostPath volume
    const spec = { containers: [restrictedContainer()], volumes: [{ name: 'data', hostPath: { path: '/data' } }] };
    // WHEN it is linted at the restricted level
    // THEN the baseline host-path check and the restricted volume-type check report it
    expect(lint(pod(spec), 'restricted')).toEqual([
      "error pss-host-path spec.volumes[0].hostPath: volume 'data' mounts the node path '/data', which ties the pod to one node and exposes the host; prefer a persistentVolumeClaim",
      "error pss-volume-types spec.volumes[0]: volume 'data' is a hostPath volume, not allowed at the restricted level; use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret",
    ]);
  });

  test('a volume type starting with a vowel takes "an"', () => {
    // GIVEN an azureDisk volume
    const spec = { containers: [restrictedContainer()], volumes: [{ name: 'disk', azureDisk: { diskName: 'd', diskURI: 'u' } }] };
    // WHEN it is linted at the restricted level
    // THEN the message reads "an azureDisk volume"
    expect(lint(pod(spec), 'restricted')).toEqual([
      "error pss-volume-types spec.volumes[0]: volume 'disk' is an azureDisk volume, not allowed at the restricted level; use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret",
    ]);
  });
});

describe('user-group-id: container IDs', () => {
  test('a negative runAsUser of a container is reported', () => {
    // GIVEN a container with runAsUser: -1
    const c = container({ securityContext: { runAsUser: -1 } });
    // WHEN it is linted
    // THEN it is outside 0-2147483647 (IsValidUserID)
    expect(lint(pod({ containers: [c] }))).toEqual([
      "error user-group-id spec.containers[0].securityContext.runAsUser: runAsUser of container 'app' -1 is outside 0-2147483647; use a Linux ID such as 1000 (0 is root)",
    ]);
  });

  test('a runAsGroup of a container above 2147483647 is reported', () => {
    // GIVEN a container with runAsGroup: 2147483648
    const c = container({ securityContext: { runAsGroup: 2147483648 } });
    // WHEN it is linted
    // THEN it is outside 0-2147483647 (IsValidGroupID)
    expect(lint(pod({ containers: [c] }))).toEqual([
      "error user-group-id spec.containers[0].securityContext.runAsGroup: runAsGroup of container 'app' 2147483648 is outside 0-2147483647; use a Linux ID such as 1000",
    ]);
  });
});

describe('user-group-id: seccomp localhostProfile', () => {
  /** A pod whose one container has this seccomp profile. */
  const withProfile = (seccompProfile: unknown) => pod({ containers: [container({ securityContext: { seccompProfile } })] });
  const PROFILE = 'spec.containers[0].securityContext.seccompProfile.localhostProfile';

  test('type Localhost on the pod without a localhostProfile is reported', () => {
    // GIVEN a pod-level seccompProfile of type Localhost without localhostProfile
    const spec = { securityContext: { seccompProfile: { type: 'Localhost' } }, containers: [container()] };
    // WHEN it is linted
    // THEN localhostProfile is required ("must be set when seccomp type is Localhost")
    expect(lint(pod(spec))).toEqual([
      "error user-group-id spec.securityContext.seccompProfile.localhostProfile: the pod's seccompProfile has type Localhost but no localhostProfile; set localhostProfile to the profile file, relative to the kubelet's seccomp directory, such as 'profiles/audit.json'",
    ]);
  });

  test('type Localhost with localhostProfile: null is as good as none', () => {
    // GIVEN a container's Localhost profile whose localhostProfile is null (a nil pointer to the API server)
    // WHEN it is linted
    // THEN localhostProfile is required
    expect(lint(withProfile({ type: 'Localhost', localhostProfile: null }))).toEqual([
      `error user-group-id ${PROFILE}: seccompProfile of container 'app' has type Localhost but no localhostProfile; set localhostProfile to the profile file, relative to the kubelet's seccomp directory, such as 'profiles/audit.json'`,
    ]);
  });

  test('type RuntimeDefault with localhostProfile: null has no localhostProfile', () => {
    // GIVEN a RuntimeDefault profile whose localhostProfile is null
    // WHEN it is linted
    // THEN nothing is reported ("can only be set when seccomp type is Localhost" is about a set one)
    expect(lint(withProfile({ type: 'RuntimeDefault', localhostProfile: null }))).toEqual([]);
  });

  test('type RuntimeDefault with a localhostProfile is reported', () => {
    // GIVEN a RuntimeDefault profile with a localhostProfile
    // WHEN it is linted
    // THEN localhostProfile "can only be set when seccomp type is Localhost"
    expect(lint(withProfile({ type: 'RuntimeDefault', localhostProfile: 'profiles/audit.json' }))).toEqual([
      `error user-group-id ${PROFILE}: seccompProfile of container 'app' has type RuntimeDefault and a localhostProfile, which only type Localhost takes; remove localhostProfile, or set type: Localhost`,
    ]);
  });

  test('a relative localhostProfile without .. is accepted', () => {
    // GIVEN a Localhost profile 'profiles/audit.json'
    // WHEN it is linted
    // THEN nothing is reported
    expect(lint(withProfile({ type: 'Localhost', localhostProfile: 'profiles/audit.json' }))).toEqual([]);
  });

  test('type RuntimeDefault without a localhostProfile is accepted', () => {
    // GIVEN a RuntimeDefault profile with no localhostProfile
    // WHEN it is linted
    // THEN nothing is reported
    expect(lint(withProfile({ type: 'RuntimeDefault' }))).toEqual([]);
  });

  test('a localhostProfile that is not a string is left to field-type', () => {
    // GIVEN a Localhost profile whose localhostProfile is the number 5
    // WHEN it is linted
    // THEN only its type is reported
    expect(lint(withProfile({ type: 'Localhost', localhostProfile: 5 }))).toEqual([
      `error field-type ${PROFILE}: localhostProfile is the number 5 but must be a string; quote it: "5"`,
    ]);
  });

  test('a type that is not a string is left to field-type, even with a localhostProfile', () => {
    // GIVEN a profile with type 5 and a localhostProfile
    // WHEN it is linted
    // THEN only the type's type is reported, not the localhostProfile
    expect(lint(withProfile({ type: 5, localhostProfile: 'profiles/audit.json' }))).toEqual([
      'error field-type spec.containers[0].securityContext.seccompProfile.type: type is the number 5 but must be a string; quote it: "5"',
    ]);
  });

  test.each([
    ['/audit.json', 'audit.json'],
    ['//audit.json', 'audit.json'],
    ['/var/lib/kubelet/seccomp/profiles/audit.json', 'profiles/audit.json'],
    ['/var/lib/kubelet/seccomp//profiles/audit.json', 'profiles/audit.json'],
  ])('an absolute localhostProfile %s is reported, suggesting %s', (file, relative) => {
    // GIVEN a Localhost profile with an absolute path
    // WHEN it is linted
    // THEN it "must be a relative path", and the suggestion drops the slashes and the kubelet's seccomp directory
    expect(lint(withProfile({ type: 'Localhost', localhostProfile: file }))).toEqual([
      `error user-group-id ${PROFILE}: localhostProfile '${file}' of seccompProfile of container 'app' is absolute; it is relative to the kubelet's seccomp directory, so use '${relative}'`,
    ]);
  });

  test("a localhostProfile with a '..' element is reported", () => {
    // GIVEN a Localhost profile 'profiles/../audit.json'
    // WHEN it is linted
    // THEN it "must not contain '..'"
    expect(lint(withProfile({ type: 'Localhost', localhostProfile: 'profiles/../audit.json' }))).toEqual([
      `error user-group-id ${PROFILE}: localhostProfile 'profiles/../audit.json' of seccompProfile of container 'app' contains '..'; it must stay inside the kubelet's seccomp directory, so use a path such as 'profiles/audit.json'`,
    ]);
  });
});

describe('sysctl', () => {
  test('empty and non-string names are left to required-field and field-type, even when repeated', () => {
    // GIVEN sysctls named 5, 5 and ''
    // WHEN the pod is linted
    // THEN the sysctl rule says nothing of them
    expect(lint(sysctlPod([5, 5, '']))).toEqual([
      'error field-type spec.securityContext.sysctls[0].name: name is the number 5 but must be a string; quote it: "5"',
      'error field-type spec.securityContext.sysctls[1].name: name is the number 5 but must be a string; quote it: "5"',
      "error required-field spec.securityContext.sysctls[2].name: sysctls[2] has an empty name, which Kubernetes requires; set the kernel parameter, such as 'net.core.somaxconn'",
    ]);
  });

  test('a sysctl set twice is reported at its second entry', () => {
    // GIVEN net.core.somaxconn twice
    // WHEN the pod is linted
    // THEN the second is a duplicate
    expect(lint(sysctlPod(['net.core.somaxconn', 'net.core.somaxconn']))).toEqual([
      "error sysctl spec.securityContext.sysctls[1].name: sysctl 'net.core.somaxconn' is set twice; set each sysctl once",
    ]);
  });

  test.each(['kernel.shmmax', 'kernel.msg', 'fs.mqueue.msg_max'])('%s is an IPC sysctl, refused with hostIPC', name => {
    // GIVEN a pod with hostIPC: true and an IPC-namespace sysctl
    // WHEN it is linted
    // THEN the sysctl "may not be specified when 'hostIPC' is true"
    expect(lint(sysctlPod([name], { hostIPC: true }))).toEqual([
      `error sysctl ${SYSCTL0}: sysctl '${name}' belongs to the IPC namespace, which the pod shares with the node (hostIPC: true), so it would change the node; remove it, or remove hostIPC`,
    ]);
  });

  test('a network sysctl is refused with hostNetwork', () => {
    // GIVEN a pod with hostNetwork: true and net.core.somaxconn
    // WHEN it is linted
    // THEN the sysctl "may not be specified when 'hostNetwork' is true"
    expect(lint(sysctlPod(['net.core.somaxconn'], { hostNetwork: true }))).toEqual([
      `error sysctl ${SYSCTL0}: sysctl 'net.core.somaxconn' belongs to the network namespace, which the pod shares with the node (hostNetwork: true), so it would change the node; remove it, or remove hostNetwork`,
    ]);
  });

  test("a network sysctl written with '/' separators is refused with hostNetwork", () => {
    // GIVEN a pod with hostNetwork: true and net/core/somaxconn (GetNamespace normalizes it to net.core.somaxconn)
    // WHEN it is linted
    // THEN it is a network sysctl
    expect(lint(sysctlPod(['net/core/somaxconn'], { hostNetwork: true }))).toEqual([
      `error sysctl ${SYSCTL0}: sysctl 'net/core/somaxconn' belongs to the network namespace, which the pod shares with the node (hostNetwork: true), so it would change the node; remove it, or remove hostNetwork`,
    ]);
  });

  test.each([
    // an IPC sysctl with only the network namespace shared
    ['kernel.shmmax', { hostNetwork: true }],
    // a network sysctl with only the IPC namespace shared
    ['net.core.somaxconn', { hostIPC: true }],
    // sysctls of no namespace GetNamespace knows
    ['vm.swappiness', { hostNetwork: true, hostIPC: true }],
    ['kernel.shmfoo', { hostIPC: true }],
    ['foo.kernel.shm', { hostIPC: true }],
  ])('%s is allowed with %j', (name, spec) => {
    // GIVEN a pod sharing one or both namespaces, and a sysctl of another namespace or none
    // WHEN it is linted
    // THEN nothing is reported
    expect(lint(sysctlPod([name], spec))).toEqual([]);
  });

  test("a spec field named 'undefined' is not taken for a namespace flag", () => {
    // GIVEN a pod with hostNetwork: true, an unknown spec field 'undefined': true, and vm.swappiness (of no known namespace)
    // WHEN it is linted
    // THEN the sysctl rule says nothing
    expect(lint(sysctlPod(['vm.swappiness'], { hostNetwork: true, undefined: true })).filter(f => f.includes(' sysctl '))).toEqual([]);
  });
});

// Pod Security admission compares capability names as written (check_capabilities_baseline.go:
// capabilities_allowed_1_0.Has(string(c)); check_capabilities_restricted.go: c != "NET_BIND_SERVICE"), so a CAP_
// prefix, which the container runtime accepts, takes a capability out of every allowed set.
describe('capability names with the CAP_ prefix', () => {
  test('CAP_CHOWN is beyond the baseline set, with the fix of writing CHOWN', () => {
    // GIVEN / WHEN / THEN
    expect(lint(pod({ containers: [container({ securityContext: { capabilities: { add: ['CAP_CHOWN', 'CHOWN', 'CAP_BPF'] } } })] }), 'baseline')
      .filter(f => f.includes('capabilit'))).toEqual([
      "error pss-capabilities spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'CAP_CHOWN', beyond the baseline set; write it as 'CHOWN', without the CAP_ prefix, which Pod Security does not strip",
      "error pss-capabilities spec.containers[0].securityContext.capabilities.add[2]: container 'app' adds capability 'CAP_BPF', beyond the baseline set; remove it",
    ]);
  });

  test('CAP_NET_BIND_SERVICE is beyond the restricted level, with the fix of writing NET_BIND_SERVICE', () => {
    // GIVEN a container that meets the restricted level but for the prefixed capability
    const manifest = pod({ containers: [restrictedContainer({ capabilities: { drop: ['ALL'], add: ['CAP_NET_BIND_SERVICE'] } })] });

    // WHEN / THEN
    expect(lint(manifest, 'restricted').filter(f => f.includes('capabilit'))).toEqual([
      "error pss-capabilities spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'CAP_NET_BIND_SERVICE', beyond the baseline set; write it as 'NET_BIND_SERVICE', without the CAP_ prefix, which Pod Security does not strip",
      "error pss-capabilities-restricted spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'CAP_NET_BIND_SERVICE', beyond the restricted level (only NET_BIND_SERVICE); write it as 'NET_BIND_SERVICE', without the CAP_ prefix, which Pod Security does not strip",
    ]);
  });
});

test('a name that only looks prefixed (CAP-CHOWN) gets no CAP_ hint', () => {
  // GIVEN / WHEN / THEN
  expect(lint(pod({ containers: [container({ securityContext: { capabilities: { add: ['CAP-CHOWN'] } } })] }), 'baseline')
    .filter(f => f.includes('capabilit'))).toEqual([
    "error pss-capabilities spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'CAP-CHOWN', beyond the baseline set; remove it",
  ]);
});
