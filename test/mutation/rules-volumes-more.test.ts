// The second half of lib/rules/volumes.ts (item-path, downward-api, projected-source and volume-claim), in the
// corners the corpus and rules-volumes.test.ts leave open: which volume kinds have files, null beside a set
// reference, a fieldRef a volume cannot read, a fractional token lifetime, claim templates outside a StatefulSet and
// without a string name, ephemeral volume claims, null access modes and storage, ReadWriteOncePod alone, and
// dataSource against dataSourceRef. Truth is pkg/apis/core/validation/validation.go at 1.34 (the same functions at
// 1.28 to 1.33): validateKeyToPath and ValidateLocalNonReservedPath (item paths; an empty path is only Required, and
// validateProjectionSources leaves it out of its duplicate check), validateDownwardAPIVolumeFile (a nil fieldRef or
// resourceFieldRef is unset; validVolumeDownwardAPIFieldPathExpressions; validateContainerResourceFieldSelector
// requires a containerName in a volume), validateProjectionSources (one kind per source, counting only non-nil
// ones; from 1.30 the token path is local too), ValidatePersistentVolumeClaimSpec (accessModes required,
// ReadWriteOncePod alone, a storage request, dataSource equal to dataSourceRef unless dataSourceRef.namespace is
// set) and, for a PersistentVolumeClaim, pkg/api/persistentvolumeclaim/util.go (DropDisabledFields drops a
// dataSourceRef with a namespace while CrossNamespaceVolumeDataSource is off, as it is by default); and strict
// decoding (volumeClaimTemplates is no field of a Deployment; a fractional or quoted expirationSeconds and a name
// that is a number do not decode). A StatefulSet's volumeClaimTemplates are validated by the API server from 1.34
// (validateVolumeClaimTemplates, pkg/apis/apps/validation), so those cases are linted at 1.34. Each manifest was
// checked with the oracle (oracle/, the API server's own create path) at 1.28 and 1.34; pods with a projected
// service account token name their service account, which the ServiceAccount admission plugin would fill in.
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

/** A pod with service account 'default', one container 'app' that mounts nothing, and these volumes. */
function withVolumes(...volumes: object[]): object {
  return pod({ serviceAccountName: 'default', containers: [container('app')], volumes });
}

/** A claim spec of 1Gi, ReadWriteOnce, with these fields added or replaced. */
function claimSpec(fields: object = {}): object {
  return { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...fields };
}

/** A PersistentVolumeClaim 'data' with this spec. */
function pvc(spec: object): object {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec };
}

/** An apps/v1 object 'web' of this kind whose container 'app' mounts nothing, with these extra spec fields. */
function workload(kind: 'Deployment' | 'StatefulSet', spec: object): object {
  const base = kind === 'StatefulSet' ? { serviceName: 'web' } : {};
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [container('app')] } };
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec: { ...base, selector: { matchLabels: { app: 'web' } }, template, ...spec } };
}

/** A downwardAPI file at `path` with these references. */
function file(path: string, refs: object): object {
  return { path, ...refs };
}

const LABELS = { fieldPath: 'metadata.labels' };

describe('item-path', () => {
  test('the items of a secret volume are files', () => {
    // GIVEN a secret volume whose item is written to /etc/key
    // WHEN it is linted
    // THEN it is reported as absolute (validateKeyToPath: must be a relative path)
    expect(lint(withVolumes({ name: 'sec', secret: { secretName: 'sec', items: [{ key: 'k', path: '/etc/key' }] } }))).toEqual([
      "error item-path spec.volumes[0].secret.items[0].path: secret item path '/etc/key' of volume 'sec' is absolute; it is a file inside the volume, so use a relative path such as 'etc/key'",
    ]);
  });

  test("the items of a projected downwardAPI source and a projected token's path are files", () => {
    // GIVEN a projected volume with a downwardAPI file at ../labels and a service account token at /token
    const sources = [{ downwardAPI: { items: [file('../labels', { fieldRef: LABELS })] } }, { serviceAccountToken: { path: '/token' } }];
    // WHEN it is linted at 1.34
    // THEN both are reported, the token at its own path (validateDownwardAPIVolumeFile and, from 1.30,
    // validateProjectionSources: ValidateLocalNonReservedPath)
    expect(lint(withVolumes({ name: 'all', projected: { sources } }))).toEqual([
      "error item-path spec.volumes[0].projected.sources[0].downwardAPI.items[0].path: downwardAPI item path '../labels' of volume 'all' contains '..'; it is a file inside the volume, so use a relative path such as 'labels'",
      "error item-path spec.volumes[0].projected.sources[1].serviceAccountToken.path: serviceAccountToken item path '/token' of volume 'all' is absolute; it is a file inside the volume, so use a relative path such as 'token'",
    ]);
  });

  test('two empty paths in a projected volume are two missing paths, not one path written twice', () => {
    // GIVEN a projected volume with two configMap sources, each with an item whose path is ''
    const sources = [{ configMap: { name: 'a', items: [{ key: 'x', path: '' }] } }, { configMap: { name: 'b', items: [{ key: 'y', path: '' }] } }];
    // WHEN it is linted
    // THEN each path is reported as required (validateKeyToPath), and no duplicate (validateProjectionSources
    // checks only non-empty paths)
    expect(lint(withVolumes({ name: 'all', projected: { sources } }))).toEqual([
      'error required-field spec.volumes[0].projected.sources[0].configMap.items[0].path: items[0] has an empty path, which Kubernetes requires; set the relative path of the file, such as the key itself',
      'error required-field spec.volumes[0].projected.sources[1].configMap.items[0].path: items[0] has an empty path, which Kubernetes requires; set the relative path of the file, such as the key itself',
    ]);
  });
});

describe('downward-api', () => {
  test('a null reference beside a set one is unset', () => {
    // GIVEN a downwardAPI volume with a file whose fieldRef is null beside a resourceFieldRef, and one whose
    // resourceFieldRef is null beside a fieldRef
    const items = [
      file('cpu', { fieldRef: null, resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }),
      file('labels', { fieldRef: LABELS, resourceFieldRef: null }),
    ];
    const manifest = pod({ containers: [container('app', { resources: { limits: { cpu: '1', memory: '1Gi' } } })], volumes: [{ name: 'info', downwardAPI: { items } }] });
    // WHEN it is linted
    // THEN nothing is reported (null decodes to a nil reference; the oracle accepts it at 1.28 and 1.34)
    expect(lint(manifest)).toEqual([]);
    expect(lint(manifest, '1.28')).toEqual([]);
  });

  test('a fieldRef a volume cannot read is reported at its fieldPath', () => {
    // GIVEN a downwardAPI file with fieldRef spec.nodeName
    // WHEN it is linted
    // THEN it is reported (validVolumeDownwardAPIFieldPathExpressions has only metadata fields)
    expect(lint(withVolumes({ name: 'info', downwardAPI: { items: [file('node', { fieldRef: { fieldPath: 'spec.nodeName' } })] } }))).toEqual([
      "error downward-api spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: fieldRef 'spec.nodeName' of downwardAPI file 'node' of volume 'info' is not a pod field Kubernetes exposes here (spec.nodeName is only available as an env var); use one of metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or metadata.labels['<key>']",
    ]);
  });

  test("a containerName '' is no containerName", () => {
    // GIVEN a downwardAPI file reading limits.cpu of container ''
    // WHEN it is linted
    // THEN the container name is reported as missing (validateContainerResourceFieldSelector: Required in a volume)
    expect(lint(withVolumes({ name: 'info', downwardAPI: { items: [file('cpu', { resourceFieldRef: { containerName: '', resource: 'limits.cpu' } })] } }))).toEqual([
      "error downward-api spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName: resourceFieldRef of downwardAPI file 'cpu' of volume 'info' has no containerName; a volume belongs to the pod, so name the container whose resources it reads",
    ]);
  });
});

describe('projected-source', () => {
  test('a downwardAPI or a serviceAccountToken beside another kind is a second kind', () => {
    // GIVEN a projected volume whose first source has a configMap and a downwardAPI, and whose second a secret and
    // a serviceAccountToken
    const sources = [
      { configMap: { name: 'cfg' }, downwardAPI: { items: [file('labels', { fieldRef: LABELS })] } },
      { secret: { name: 'sec' }, serviceAccountToken: { path: 'token' } },
    ];
    // WHEN it is linted
    // THEN both are reported (validateProjectionSources: may not specify more than 1 volume type per source)
    expect(lint(withVolumes({ name: 'all', projected: { sources } }))).toEqual([
      "error projected-source spec.volumes[0].projected.sources[0]: source 0 of projected volume 'all' has 2 kinds (configMap, downwardAPI); give each its own entry in sources",
      "error projected-source spec.volumes[0].projected.sources[1]: source 1 of projected volume 'all' has 2 kinds (secret, serviceAccountToken); give each its own entry in sources",
    ]);
  });

  test('a null kind is no kind', () => {
    // GIVEN a projected source with a configMap and secret: null
    // WHEN it is linted
    // THEN nothing is reported (null decodes to a nil secret, which validateProjectionSources does not count)
    expect(lint(withVolumes({ name: 'all', projected: { sources: [{ configMap: { name: 'cfg' }, secret: null }] } }))).toEqual([]);
  });

  test('a fractional token lifetime is a type error, not a short lifetime', () => {
    // GIVEN a projected service account token with expirationSeconds 599.5
    // WHEN it is linted
    // THEN only its type is reported (an int64 field: the API server cannot decode the pod), not that it is below 600
    expect(lint(withVolumes({ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 599.5 } }] } }))).toEqual([
      'error field-type spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: expirationSeconds is the number 599.5 but must be an integer; use a whole number such as 600',
    ]);
  });

  test('a quoted token lifetime is a type error, not a short lifetime', () => {
    // GIVEN a projected service account token with expirationSeconds '100'
    // WHEN it is linted
    // THEN only its type is reported (the API server cannot decode the pod)
    expect(lint(withVolumes({ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: '100' } }] } }))).toEqual([
      "error field-type spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: expirationSeconds is the string '100' but must be an integer; write 100 without quotes",
    ]);
  });
});

describe('volume-claim: which claims', () => {
  test('the claim templates of a Deployment are not claims', () => {
    // GIVEN a Deployment with a claim template named Data with an empty spec
    // WHEN it is linted
    // THEN only the unknown field is reported (strict decoding rejects it); neither the name nor the spec is read
    expect(lint(workload('Deployment', { volumeClaimTemplates: [{ metadata: { name: 'Data' }, spec: {} }] }))).toEqual([
      "error unknown-field spec.volumeClaimTemplates: unknown field 'volumeClaimTemplates' in DeploymentSpec; remove it (see `kubectl explain deployment.spec`)",
    ]);
  });

  test('a claim template whose name is no string is named by its position', () => {
    // GIVEN a StatefulSet with a claim template named 7 (a number) with an empty spec
    // WHEN it is linted at 1.34
    // THEN the name's type is reported (the API server cannot decode it), and the claim's missing access modes and
    // storage name the template by its index
    expect(lint(workload('StatefulSet', { volumeClaimTemplates: [{ metadata: { name: 7 }, spec: {} }] }))).toEqual([
      'error field-type spec.volumeClaimTemplates[0].metadata.name: name is the number 7 but must be a string; quote it: "7"',
      'error volume-claim spec.volumeClaimTemplates[0].spec.accessModes: volumeClaimTemplates[0] has no accessModes; set at least one, such as [ReadWriteOnce]',
      'error volume-claim spec.volumeClaimTemplates[0].spec.resources.requests.storage: volumeClaimTemplates[0] requests no storage; set resources.requests.storage, such as 10Gi',
    ]);
  });

  test("an ephemeral volume's claim template is a claim", () => {
    // GIVEN a pod with an ephemeral volume 'scratch' whose claim has access modes but no storage request
    // WHEN it is linted at 1.28 and 1.34
    // THEN the storage is reported (validateEphemeralVolumeSource, ValidatePersistentVolumeClaimSpec: Required)
    const manifest = withVolumes({ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } });
    const finding = "error volume-claim spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests.storage: ephemeral volume 'scratch' requests no storage; set resources.requests.storage, such as 10Gi";
    expect(lint(manifest)).toEqual([finding]);
    expect(lint(manifest, '1.28')).toEqual([finding]);
  });
});

describe('volume-claim: access modes and storage', () => {
  test('accessModes null is no access modes', () => {
    // GIVEN a PersistentVolumeClaim with accessModes null
    // WHEN it is linted
    // THEN it is reported (ValidatePersistentVolumeClaimSpec: at least 1 access mode is required)
    expect(lint(pvc(claimSpec({ accessModes: null })))).toEqual([
      'error volume-claim spec.accessModes: the PersistentVolumeClaim has no accessModes; set at least one, such as [ReadWriteOnce]',
    ]);
  });

  test('ReadWriteOncePod alone passes', () => {
    // GIVEN a PersistentVolumeClaim with accessModes [ReadWriteOncePod]
    // WHEN it is linted at 1.28 and 1.34
    // THEN nothing is reported (only ReadWriteOncePod with another mode is forbidden)
    expect(lint(pvc(claimSpec({ accessModes: ['ReadWriteOncePod'] })))).toEqual([]);
    expect(lint(pvc(claimSpec({ accessModes: ['ReadWriteOncePod'] })), '1.28')).toEqual([]);
  });

  test('storage null is no storage', () => {
    // GIVEN a PersistentVolumeClaim requesting storage null
    // WHEN it is linted
    // THEN it is reported (the API server decodes null to a zero quantity: must be greater than zero)
    expect(lint(pvc(claimSpec({ resources: { requests: { storage: null } } })))).toEqual([
      'error volume-claim spec.resources.requests.storage: the PersistentVolumeClaim requests no storage; set resources.requests.storage, such as 10Gi',
    ]);
  });

  test('a misspelt storage quantity gets its fix', () => {
    // GIVEN a PersistentVolumeClaim requesting storage 10gi
    // WHEN it is linted
    // THEN it is reported with the fix 10Gi (the API server cannot decode the quantity)
    expect(lint(pvc(claimSpec({ resources: { requests: { storage: '10gi' } } })))).toEqual([
      "error volume-claim spec.resources.requests.storage: storage request '10gi' of the PersistentVolumeClaim is not a quantity; use '10Gi'",
    ]);
  });
});

describe('volume-claim: dataSource and dataSourceRef', () => {
  const MISMATCH = 'error volume-claim spec.dataSourceRef: dataSource and dataSourceRef of the PersistentVolumeClaim name different objects; they must agree, so keep only dataSourceRef';

  test('the same object in both passes, and so does a dataSource alone', () => {
    // GIVEN a PersistentVolumeClaim whose dataSource and dataSourceRef both name the claim 'a' (no apiGroup), and
    // one with only the dataSource
    const ref = { kind: 'PersistentVolumeClaim', name: 'a' };
    // WHEN they are linted
    // THEN nothing is reported (isDataSourceEqualDataSourceRef; a lone dataSource is copied to dataSourceRef)
    expect(lint(pvc(claimSpec({ dataSource: ref, dataSourceRef: ref })))).toEqual([]);
    expect(lint(pvc(claimSpec({ dataSource: ref })))).toEqual([]);
  });

  test('objects that differ in one of apiGroup, kind or name are different objects', () => {
    // GIVEN three PersistentVolumeClaims whose dataSource and dataSourceRef differ only in the name, only in the
    // kind, or only in the apiGroup
    const snap = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'a' };
    const pairs = [
      [{ kind: 'PersistentVolumeClaim', name: 'a' }, { kind: 'PersistentVolumeClaim', name: 'b' }],
      [snap, { ...snap, kind: 'VolumeSnapshotContent' }],
      [snap, { ...snap, apiGroup: 'example.com' }],
    ];
    // WHEN they are linted
    // THEN each is reported (ValidatePersistentVolumeClaimSpec: must match dataSourceRef)
    for (const [dataSource, dataSourceRef] of pairs) expect(lint(pvc(claimSpec({ dataSource, dataSourceRef })))).toEqual([MISMATCH]);
  });

  test("a namespace null or '' is no namespace", () => {
    // GIVEN PersistentVolumeClaims whose dataSource names claim 'a' and dataSourceRef claim 'b', with namespace null
    // or ''
    // WHEN they are linted
    // THEN both are reported (an empty namespace is unset, so the two must match)
    for (const namespace of [null, '']) {
      const dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'b', namespace };
      expect(lint(pvc(claimSpec({ dataSource: { kind: 'PersistentVolumeClaim', name: 'a' }, dataSourceRef })))).toEqual([MISMATCH]);
    }
  });

  test("a PersistentVolumeClaim's dataSourceRef in another namespace is not compared", () => {
    // GIVEN a PersistentVolumeClaim whose dataSource names claim 'a' and dataSourceRef claim 'b' in namespace 'other'
    const dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'b', namespace: 'other' };
    // WHEN it is linted at 1.28 and 1.34
    // THEN nothing is reported: with CrossNamespaceVolumeDataSource off, DropDisabledFields drops that dataSourceRef
    // and NormalizeDataSources refills it from dataSource (the oracle accepts it)
    expect(lint(pvc(claimSpec({ dataSource: { kind: 'PersistentVolumeClaim', name: 'a' }, dataSourceRef })))).toEqual([]);
    expect(lint(pvc(claimSpec({ dataSource: { kind: 'PersistentVolumeClaim', name: 'a' }, dataSourceRef })), '1.28')).toEqual([]);
  });
});

describe('the bugs these tests found (SURVIVORS.md bug 15)', () => {
  test("apiGroup '' and no apiGroup are different objects", () => {
    // GIVEN a PersistentVolumeClaim whose dataSource has apiGroup '' and whose dataSourceRef has none
    const dataSource = { apiGroup: '', kind: 'PersistentVolumeClaim', name: 'a' };
    const dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'a' };
    // WHEN it is linted
    // THEN it is reported (isDataSourceEqualDataSourceRef compares the *string with reflect.DeepEqual: "" is not nil;
    // the oracle rejects it at 1.28 and 1.34)
    expect(lint(pvc(claimSpec({ dataSource, dataSourceRef })))).toEqual([
      'error volume-claim spec.dataSourceRef: dataSource and dataSourceRef of the PersistentVolumeClaim name different objects; they must agree, so keep only dataSourceRef',
    ]);
    expect(lint(pvc(claimSpec({ dataSource: dataSourceRef, dataSourceRef: { ...dataSourceRef, apiGroup: null } })))).toEqual([]);
  });

  test('an ephemeral volume claim may not set dataSource beside a dataSourceRef with a namespace', () => {
    // GIVEN an ephemeral volume whose claim template has a dataSource and a dataSourceRef in namespace 'other'
    const spec = claimSpec({ dataSource: { kind: 'PersistentVolumeClaim', name: 'a' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'a', namespace: 'other' } });
    const volume = { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec } } };
    // WHEN it is linted
    // THEN it is reported (no DropDisabledFields for a template: "may not be specified when dataSourceRef.namespace is
    // specified"; the oracle rejects it at 1.28 and 1.34)
    expect(lint(withVolumes(volume))).toEqual([
      "error volume-claim spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource: ephemeral volume 'scratch' sets dataSource beside a dataSourceRef with a namespace, which Kubernetes rejects; keep only dataSourceRef",
    ]);
  });

  test('a volumeClaimTemplate without a name is reported', () => {
    // GIVEN StatefulSets with a claim template named '' and one with no name
    // WHEN they are linted
    // THEN each is reported (from 1.34 the template becomes a pod volume, whose name is required; before, the pods fail)
    for (const metadata of [{ name: '' }, {}]) {
      expect(lint(workload('StatefulSet', { volumeClaimTemplates: [{ metadata, spec: claimSpec() }] }))).toEqual([
        "error volume-claim spec.volumeClaimTemplates[0].metadata.name: volumeClaimTemplate 0 has no name, and it becomes the name of a pod volume and of each claim; name it, such as 'data'",
      ]);
    }
  });

  test('clusterTrustBundle beside another kind is no second kind: the API server drops it', () => {
    // GIVEN a projected source with a configMap and a clusterTrustBundle
    const volume = { name: 'certs', projected: { sources: [{ configMap: { name: 'ca' }, clusterTrustBundle: { name: 'example.com:ca', path: 'ca.pem' } }] } };
    // WHEN it is linted at 1.34
    // THEN nothing is reported (ClusterTrustBundleProjection is off by default: dropDisabledClusterTrustBundleProjection)
    expect(lint(withVolumes(volume))).toEqual([]);
  });
});

describe('volume-claim: kind and name are plain strings', () => {
  test("kind or name '' and a missing one are the same, and reported by required-field alone", () => {
    // GIVEN claims whose dataSource has kind '' (name '') and whose dataSourceRef has no kind (no name)
    // WHEN they are linted
    // THEN only the required-field findings (Kind and Name are strings, not pointers: '' equals unset)
    expect(lint(pvc(claimSpec({ dataSource: { name: 'a', kind: '' }, dataSourceRef: { name: 'a' } })))).toEqual([
      "error required-field spec.dataSource.kind: dataSource has an empty kind, which Kubernetes requires; set kind",
      "error required-field spec.dataSourceRef.kind: dataSourceRef has no kind, which Kubernetes requires; set kind",
    ]);
    expect(lint(pvc(claimSpec({ dataSource: { name: 'a' }, dataSourceRef: { name: 'a', kind: '' } })))).toEqual([
      "error required-field spec.dataSource.kind: dataSource has no kind, which Kubernetes requires; set kind",
      "error required-field spec.dataSourceRef.kind: dataSourceRef has an empty kind, which Kubernetes requires; set kind",
    ]);
    expect(lint(pvc(claimSpec({ dataSource: { kind: 'PersistentVolumeClaim' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: '' } })))).toEqual([
      "error required-field spec.dataSource.name: dataSource has no name, which Kubernetes requires; set name",
      "error required-field spec.dataSourceRef.name: dataSourceRef has an empty name, which Kubernetes requires; set name",
    ]);
    expect(lint(pvc(claimSpec({ dataSource: { kind: 'PersistentVolumeClaim', name: '' }, dataSourceRef: { kind: 'PersistentVolumeClaim' } })))).toEqual([
      "error required-field spec.dataSource.name: dataSource has an empty name, which Kubernetes requires; set name",
      "error required-field spec.dataSourceRef.name: dataSourceRef has no name, which Kubernetes requires; set name",
    ]);
  });

  test('a volumeClaimTemplate name that is no string is a decoding error only', () => {
    // GIVEN StatefulSets whose claim template is named 123, and { a: 1 }
    // WHEN / THEN only field-type reports them
    expect(lint(workload('StatefulSet', { volumeClaimTemplates: [{ metadata: { name: 123 }, spec: claimSpec() }] }))).toEqual([
      'error field-type spec.volumeClaimTemplates[0].metadata.name: name is the number 123 but must be a string; quote it: "123"',
    ]);
    expect(lint(workload('StatefulSet', { volumeClaimTemplates: [{ metadata: { name: { a: 1 } }, spec: claimSpec() }] }))).toEqual([
      'error field-type spec.volumeClaimTemplates[0].metadata.name: name is an object but must be a string; write one string value',
    ]);
  });
});
