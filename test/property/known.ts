// The KNOWN exclusions of the construct property: objects the constructs emit on purpose, that the
// oracle rejects for a reason that is not a bug of the constructs or of the rules. A case whose
// object has one of these features is not written to test/oracle/property/cases.yaml (the lint
// agreement test, test/oracle.test.ts, would count it as a miss); test/property.test.ts counts it,
// and checks with the oracle programs when they are built (node scripts/oracle.js) that it is
// rejected for that reason only, at those versions only.

/** A verdict error as the oracle records it. */
export interface OracleError {
  readonly field: string;
  readonly type: string;
  readonly detail: string;
}

export interface KnownExclusion {
  readonly id: string;
  /** The oracle versions that reject the object for this reason; the others must accept it. */
  readonly versions: readonly string[];
  readonly reason: string;
  /** Whether an emitted object has the feature (decided without the oracle, when the cases file is written). */
  readonly applies: (object: any) => boolean;
  /** Whether an error of the verdict is the one this exclusion is about. */
  readonly explains: (error: OracleError) => boolean;
}

const containersOf = (o: any): any[] => [...(o?.spec?.initContainers ?? []), ...(o?.spec?.containers ?? [])];

export const KNOWN: readonly KnownExclusion[] = [
  {
    id: 'projected-token-without-service-account',
    versions: ['1.28', '1.34'],
    reason: 'A projected serviceAccountToken in a pod without serviceAccountName is rejected by pod validation ("must not be specified '
      + 'when serviceAccountName is not set"), but a real API server never validates such a pod: its ServiceAccount admission '
      + 'plugin, on by default, sets serviceAccountName: default first. The oracle runs no admission plugins (oracle/README.md, '
      + 'Known gaps), so this rejection is the oracle\'s, not a cluster\'s.',
    applies: o => !o?.spec?.serviceAccountName && (o?.spec?.volumes ?? []).some((v: any) => (v?.projected?.sources ?? []).some((s: any) => s?.serviceAccountToken !== undefined)),
    explains: e => /^spec\.volumes\[\d+\]\.projected\.sources\[\d+\]\.serviceAccountToken$/.test(e.field) && e.detail === 'must not be specified when serviceAccountName is not set',
  },
  {
    id: 'env-status-host-ips-before-1.29',
    versions: ['1.28'],
    reason: 'An env var from fieldRef status.hostIPs needs the PodHostIPs feature gate: alpha and off in 1.28, beta and on from 1.29. '
      + 'The rules list status.hostIPs as a field of 1.28 (env-value-ref); telling 1.28 from 1.29 is the work on Kubernetes '
      + 'versions (issue 8, --kubernetes-version).',
    applies: o => containersOf(o).some(c => (c?.env ?? []).some((e: any) => e?.valueFrom?.fieldRef?.fieldPath === 'status.hostIPs')),
    explains: e => /\.env\[\d+\]\.valueFrom\.fieldRef$/.test(e.field) && e.detail.includes("feature gate 'PodHostIPs'"),
  },
  {
    id: 'net-sysctl-with-host-network-from-1.29',
    versions: ['1.34'],
    reason: "From 1.29 the API server rejects a net.* sysctl in a hostNetwork pod (\"may not be specified when 'hostNetwork' is true\"); "
      + '1.28 accepts it (its kubelet then refuses the pod). A version difference: the rules check 1.28.',
    applies: o => o?.spec?.hostNetwork === true && (o?.spec?.securityContext?.sysctls ?? []).some((s: any) => /^net[./]/.test(String(s?.name))),
    explains: e => /^spec\.securityContext\.sysctls\[\d+\]\.name$/.test(e.field) && e.detail === "may not be specified when 'hostNetwork' is true",
  },
];

/** The KNOWN exclusions an object has. */
export function knownFor(object: unknown): KnownExclusion[] {
  return KNOWN.filter(k => k.applies(object));
}
