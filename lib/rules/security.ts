// Security contexts. The pss-* rules are the Pod Security Standards, after
// k8s.io/pod-security-admission/policy: policy, not API errors, so they run only when a level is
// enforced. user-group-id and sysctl are what the API server itself rejects, and always run.
import { article, containersOf, defineRule, describe, FieldPath, forEachVolume, isObject, kubernetesMinor, PodRuleContext, RuleContext, show } from './engine';
import { sysctlNameProblem } from './formats';
import { forEachPort } from './containers';

const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

function securityContext(c: any): any {
  return isObject(c.securityContext) ? c.securityContext : {};
}

export const privileged = defineRule({
  id: 'pss-privileged',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'no privileged containers (Pod Security baseline)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      if (securityContext(ref.container).privileged === true) {
        ctx.report([...ref.path, 'securityContext', 'privileged'], `${describe(ref)} is privileged and has full access to the node; remove privileged: true and add only the capabilities it needs`);
      }
    }
  },
});

export const hostNamespaces = defineRule({
  id: 'pss-host-namespaces',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'no hostNetwork, hostPID or hostIPC (Pod Security baseline)',
  check(ctx) {
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (ctx.pod.spec[field] === true) {
        ctx.report([...ctx.pod.specPath, field], `${field}: true shares the node's namespace with the pod; remove it unless the pod is node infrastructure`);
      }
    }
  },
});

export const hostPathVolumes = defineRule({
  id: 'pss-host-path',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'no hostPath volumes (Pod Security baseline)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      if (v.hostPath !== undefined) {
        ctx.report([...path, 'hostPath'], `volume '${v.name}' mounts ${typeof v.hostPath?.path === 'string' ? `the node path ${show(v.hostPath.path)}` : 'a node path'}, which ties the pod to one node and exposes the host; prefer a persistentVolumeClaim`);
      }
    });
  },
});

export const hostPorts = defineRule({
  id: 'pss-host-ports',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'no hostPort (Pod Security baseline)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachPort(ref, (p, path) => {
        if (typeof p.hostPort === 'number' && p.hostPort !== 0) {
          ctx.report([...path, 'hostPort'], `${describe(ref)} binds hostPort ${p.hostPort} on the node; expose it through a Service instead`);
        }
      });
    }
  },
});

function capabilityCheck(ctx: PodRuleContext, restricted: boolean) {
  for (const ref of containersOf(ctx.pod)) {
    const caps = securityContext(ref.container).capabilities;
    const add: unknown[] = isObject(caps) && Array.isArray(caps.add) ? caps.add : [];
    const path: FieldPath = [...ref.path, 'securityContext', 'capabilities'];
    // Pod Security admission compares the names as written: CAP_CHOWN is not CHOWN to it (though the runtime
    // takes both), so a CAP_ name is beyond every level; the fix is then to drop the prefix.
    const allowed = (name: unknown) => (restricted ? name === 'NET_BIND_SERVICE' : BASELINE_CAPABILITIES.includes(name as string));
    add.forEach((cap, i) => {
      if (allowed(cap)) return;
      const bare = typeof cap === 'string' && cap.startsWith('CAP_') ? cap.slice('CAP_'.length) : undefined;
      const fix = bare !== undefined && allowed(bare) ? `write it as ${show(bare)}, without the CAP_ prefix, which Pod Security does not strip` : 'remove it';
      ctx.report([...path, 'add', i], `${describe(ref)} adds capability ${show(cap)}, beyond the ${restricted ? 'restricted level (only NET_BIND_SERVICE)' : 'baseline set'}; ${fix}`);
    });
    if (restricted) {
      const drop: unknown[] = isObject(caps) && Array.isArray(caps.drop) ? caps.drop : [];
      if (!drop.includes('ALL')) {
        ctx.report([...path, 'drop'], `${describe(ref)} does not drop all capabilities; set securityContext.capabilities.drop: [ALL]`);
      }
    }
  }
}

export const capabilitiesBaseline = defineRule({
  id: 'pss-capabilities',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'added capabilities stay within the baseline set (Pod Security baseline)',
  check: ctx => capabilityCheck(ctx, false),
});

export const capabilitiesRestricted = defineRule({
  id: 'pss-capabilities-restricted',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'restricted',
  target: 'pod',
  description: 'containers drop ALL capabilities and add at most NET_BIND_SERVICE (Pod Security restricted)',
  check: ctx => capabilityCheck(ctx, true),
});

export const seccomp = defineRule({
  id: 'pss-seccomp',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'baseline',
  target: 'pod',
  description: 'no Unconfined seccomp profile (Pod Security baseline)',
  check(ctx) {
    const pod = ctx.pod;
    if (pod.spec.securityContext?.seccompProfile?.type === 'Unconfined') {
      ctx.report([...pod.specPath, 'securityContext', 'seccompProfile', 'type'], "the pod's seccomp profile is Unconfined; use RuntimeDefault");
    }
    for (const ref of containersOf(pod)) {
      if (securityContext(ref.container).seccompProfile?.type === 'Unconfined') {
        ctx.report([...ref.path, 'securityContext', 'seccompProfile', 'type'], `${describe(ref)} has seccomp profile Unconfined; use RuntimeDefault`);
      }
    }
  },
});

export const seccompRestricted = defineRule({
  id: 'pss-seccomp-restricted',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'restricted',
  target: 'pod',
  description: 'a RuntimeDefault or Localhost seccomp profile is set on the pod or every container (Pod Security restricted)',
  check(ctx) {
    const pod = ctx.pod;
    const ok = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
    if (ok(pod.spec.securityContext?.seccompProfile?.type)) return;
    for (const ref of containersOf(pod)) {
      if (!ok(securityContext(ref.container).seccompProfile?.type)) {
        ctx.report([...ref.path, 'securityContext', 'seccompProfile'], `${describe(ref)} has no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault on the pod or the container`);
      }
    }
  },
});

export const runAsNonRoot = defineRule({
  id: 'pss-run-as-non-root',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'restricted',
  target: 'pod',
  description: 'containers run as non-root: runAsNonRoot true and runAsUser not 0 (Pod Security restricted)',
  check(ctx) {
    const pod = ctx.pod;
    const podSc = isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
    if (podSc.runAsUser === 0) {
      ctx.report([...pod.specPath, 'securityContext', 'runAsUser'], 'the pod runs as user 0 (root); use a non-zero runAsUser');
    }
    for (const ref of containersOf(pod)) {
      const sc = securityContext(ref.container);
      if (sc.runAsUser === 0) {
        ctx.report([...ref.path, 'securityContext', 'runAsUser'], `${describe(ref)} runs as user 0 (root); use a non-zero runAsUser`);
      }
      const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      if (nonRoot !== true) {
        ctx.report([...ref.path, 'securityContext', 'runAsNonRoot'], `${describe(ref)} may run as root; set securityContext.runAsNonRoot: true on the pod or the container`);
      }
    }
  },
});

export const privilegeEscalation = defineRule({
  id: 'pss-privilege-escalation',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'restricted',
  target: 'pod',
  description: 'containers set allowPrivilegeEscalation: false (Pod Security restricted)',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      if (securityContext(ref.container).allowPrivilegeEscalation !== false) {
        ctx.report([...ref.path, 'securityContext', 'allowPrivilegeEscalation'], `${describe(ref)} allows privilege escalation; set securityContext.allowPrivilegeEscalation: false`);
      }
    }
  },
});

export const volumeTypes = defineRule({
  id: 'pss-volume-types',
  family: 'security',
  severity: 'warning',
  basis: 'policy',
  podSecurityLevel: 'restricted',
  target: 'pod',
  description: `volumes are only ${RESTRICTED_VOLUMES.join(', ')} (Pod Security restricted)`,
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const kind = Object.keys(v).find(k => k !== 'name');
      if (kind !== undefined && !RESTRICTED_VOLUMES.includes(kind)) {
        ctx.report(path, `volume '${v.name}' is ${article(kind)} ${kind} volume, not allowed at the restricted level; use one of ${RESTRICTED_VOLUMES.join(', ')}`);
      }
    });
  },
});

/** The largest Linux user or group ID Kubernetes accepts (math.MaxInt32). */
const MAX_ID = 2147483647;

export const userGroupId = defineRule({
  id: 'user-group-id',
  family: 'security',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'runAsUser, runAsGroup, fsGroup and supplementalGroups are Linux IDs from 0 to 2147483647; security contexts are consistent: a seccomp localhostProfile (relative, without ..) exactly with type Localhost, allowPrivilegeEscalation: false neither with privileged: true nor with CAP_SYS_ADMIN added, and procMount Unmasked only with hostUsers: false (from 1.33)',
  check(ctx) {
    const pod = ctx.pod;
    const checkId = (value: unknown, path: FieldPath, what: string) => {
      // Fractions, NaN and other types are field-type findings.
      if (typeof value !== 'number' || !Number.isInteger(value) || (value >= 0 && value <= MAX_ID)) return;
      ctx.report(path, `${what} ${value} is outside 0-${MAX_ID}; use a Linux ID such as 1000${value < 0 ? ' (0 is root)' : ''}`);
    };
    const sc = pod.spec.securityContext;
    if (isObject(sc)) {
      const base = [...pod.specPath, 'securityContext'];
      for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) checkId(sc[field], [...base, field], `the pod's ${field}`);
      if (Array.isArray(sc.supplementalGroups)) {
        sc.supplementalGroups.forEach((g: unknown, i: number) => checkId(g, [...base, 'supplementalGroups', i], `supplementalGroups[${i}]`));
      }
      checkSeccomp(ctx, sc.seccompProfile, [...base, 'seccompProfile'], "the pod's seccompProfile");
    }
    for (const ref of containersOf(pod)) {
      const csc = ref.container.securityContext;
      if (!isObject(csc)) continue;
      const base = [...ref.path, 'securityContext'];
      for (const field of ['runAsUser', 'runAsGroup']) checkId(csc[field], [...base, field], `${field} of ${describe(ref)}`);
      checkSeccomp(ctx, csc.seccompProfile, [...base, 'seccompProfile'], `seccompProfile of ${describe(ref)}`);
      if (csc.allowPrivilegeEscalation === false) {
        // A privileged container, or one with CAP_SYS_ADMIN (that exact spelling, as the API server checks it), can always escalate.
        if (csc.privileged === true) {
          ctx.report([...base, 'allowPrivilegeEscalation'], `${describe(ref)} sets allowPrivilegeEscalation: false and privileged: true, which Kubernetes rejects: a privileged container can always escalate; remove one of the two`);
        }
        const add = isObject(csc.capabilities) && Array.isArray(csc.capabilities.add) ? csc.capabilities.add : [];
        add.forEach((cap: unknown, i: number) => {
          if (cap === 'CAP_SYS_ADMIN') {
            ctx.report([...base, 'capabilities', 'add', i], `${describe(ref)} adds CAP_SYS_ADMIN with allowPrivilegeEscalation: false, which Kubernetes rejects: CAP_SYS_ADMIN can always escalate; remove one of the two`);
          }
        });
      }
      // From 1.33 (ProcMountType on by default; before, the API server sets procMount to Default) an unmasked /proc needs a user namespace.
      if (csc.procMount === 'Unmasked' && pod.spec.hostUsers !== false && kubernetesMinor(ctx.options) >= 33) {
        ctx.report([...base, 'procMount'], `${describe(ref)} sets procMount: Unmasked, which Kubernetes allows only in a user namespace; set hostUsers: false on the pod, or remove procMount`);
      }
    }
  },
});

/** A seccomp profile as the API server checks it: localhostProfile with type Localhost only, and then a relative path inside the kubelet's profile directory. */
function checkSeccomp(ctx: RuleContext, profile: unknown, path: FieldPath, what: string): void {
  if (!isObject(profile)) return;
  const file = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (file === undefined || file === null) {
      ctx.report([...path, 'localhostProfile'], `${what} has type Localhost but no localhostProfile; set localhostProfile to the profile file, relative to the kubelet's seccomp directory, such as 'profiles/audit.json'`);
    } else if (typeof file === 'string' && file.startsWith('/')) {
      ctx.report([...path, 'localhostProfile'], `localhostProfile ${show(file)} of ${what} is absolute; it is relative to the kubelet's seccomp directory, so use '${file.replace(/^\/+(var\/lib\/kubelet\/seccomp\/+)?/, '')}'`);
    } else if (typeof file === 'string' && file.split('/').includes('..')) {
      ctx.report([...path, 'localhostProfile'], `localhostProfile ${show(file)} of ${what} contains '..'; it must stay inside the kubelet's seccomp directory, so use a path such as 'profiles/audit.json'`);
    }
  } else if (typeof profile.type === 'string' && file !== undefined && file !== null) {
    ctx.report([...path, 'localhostProfile'], `${what} has type ${profile.type} and a localhostProfile, which only type Localhost takes; remove localhostProfile, or set type: Localhost`);
  }
}

export const sysctl = defineRule({
  id: 'sysctl',
  family: 'security',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "pod sysctls have valid names ('net.core.somaxconn'), each set once, and from Kubernetes 1.29 none of the network or IPC namespace when the pod shares it with the node (hostNetwork, hostIPC)",
  check(ctx) {
    const pod = ctx.pod;
    const list = isObject(pod.spec.securityContext) ? pod.spec.securityContext.sysctls : undefined;
    if (!Array.isArray(list)) return;
    const seen = new Set<string>();
    const hostShared = pod.spec.hostNetwork === true || pod.spec.hostIPC === true;
    list.forEach((entry: unknown, i: number) => {
      if (!isObject(entry) || typeof entry.name !== 'string' || entry.name === '') return; // field-type, required-field
      const path = [...pod.specPath, 'securityContext', 'sysctls', i, 'name'];
      const problem = sysctlNameProblem(entry.name);
      if (problem) {
        ctx.report(path, `sysctl name ${show(entry.name)} ${problem}; use the kernel parameter's name, such as 'net.ipv4.tcp_syncookies'`);
      } else if (seen.has(entry.name)) {
        ctx.report(path, `sysctl '${entry.name}' is set twice; set each sysctl once`);
      } else if (hostShared && kubernetesMinor(ctx.options) >= 29) {
        // From 1.29 the API server refuses a namespaced sysctl in a namespace the pod shares with the host.
        const ns = sysctlNamespace(entry.name);
        const flag = ns === 'net' ? 'hostNetwork' : ns === 'ipc' ? 'hostIPC' : undefined;
        if (flag && pod.spec[flag] === true) {
          ctx.report(path, `sysctl '${entry.name}' belongs to the ${ns === 'net' ? 'network' : 'IPC'} namespace, which the pod shares with the node (${flag}: true), so it would change the node; remove it, or remove ${flag}`);
        }
      }
      seen.add(entry.name);
    });
  },
});

/** The kernel namespace of a sysctl, as the API server reads it (component-helpers' sysctl.GetNamespace). */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const normal = name.replace(/\//g, '.').split('*')[0];
  if (/^kernel\.(sem|shmall|shmmax|shmmni|shm_rmid_forced|shm|msgmax|msgmnb|msgmni|msg)$/.test(normal)) return 'ipc';
  if (normal.startsWith('net.')) return 'net';
  if (normal.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

export const shareProcessNamespace = defineRule({
  id: 'share-process-namespace',
  family: 'security',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "shareProcessNamespace is not combined with hostPID (the pod cannot share its own and the node's process namespace)",
  check(ctx) {
    const spec = ctx.pod.spec;
    if (spec.shareProcessNamespace === true && spec.hostPID === true) {
      ctx.report([...ctx.pod.specPath, 'shareProcessNamespace'], "shareProcessNamespace and hostPID are both true, but a pod shares either its own process namespace or the node's; remove one of them");
    }
  },
});
