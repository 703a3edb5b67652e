// The volume rules of lib/rules/volumes.ts (volume-source, mount-undeclared, mount-path, sub-path, empty-dir and
// file-mode), in the corners the corpus leaves open. Truth, for the rules checked by the API server, is
// pkg/apis/core/validation/validation.go at 1.34 (the same functions at 1.28 to 1.33): ValidateVolumeMounts (a mount
// names a declared volume; subPath and subPathExpr go through validateLocalDescendingPath, so '//cache' is absolute
// too), the file modes of validateSecretVolumeSource, validateConfigMapVolumeSource, validateDownwardAPIVolumeSource,
// validateProjectedVolumeSource and validateProjectionSources (defaultMode and every item mode, also of the configMap,
// secret and downwardAPI sources of a projected volume, within 0-0777; a null source is no error there), and strict
// decoding (volumeClaimTemplates is no field of a Deployment; sources none of a configMap volume). For the runtime
// rules: a volume without a source becomes an emptyDir (SetDefaults_Volume, pkg/apis/core/v1/defaults.go); the
// kubelet's emptyDir plugin (pkg/volume/emptydir/empty_dir.go, setup) takes the medium '' (node storage), Memory,
// and a huge page medium (IsHugePageMedium, pkg/apis/core/v1/helper: HugePages or HugePages-<size>), and fails any
// other medium with "unknown storage medium"; mountPaths that differ only by trailing slashes are one mount point
// (as the corpus has it for one slash, test/corpus/invalid/mount-path-duplicate.yaml). Each manifest was checked with
// the oracle (oracle/, the API server's own create path) at 1.34. Also the bugs these tests found (SURVIVORS.md bug
// 14): medium null is unset, and subPath with subPathExpr is rejected only when both are non-empty.
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

/** A pod with one container 'app' that mounts nothing, and these volumes. */
function withVolumes(...volumes: object[]): object {
  return pod({ containers: [container('app')], volumes });
}

/** A pod with one container 'app' with these volumeMounts, and two emptyDir volumes 'a' and 'b'. */
function mounting(...volumeMounts: object[]): object {
  return pod({ containers: [container('app', { volumeMounts })], volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }] });
}

/** An apps/v1 object 'web' of this kind whose container 'app' mounts volume 'data' at /data, with these extra spec fields. */
function workload(kind: 'Deployment' | 'StatefulSet', spec: object): object {
  const base = kind === 'StatefulSet' ? { serviceName: 'web' } : {};
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [container('app', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] } };
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec: { ...base, selector: { matchLabels: { app: 'web' } }, template, ...spec } };
}

/** A claim template 'data' of 1Gi, ReadWriteOnce. */
const CLAIM = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

/** A pod whose container 'app' has a 2Mi huge page limit (with cpu and memory), and these volumes. */
function hugePages(...volumes: object[]): object {
  const resources = { limits: { 'hugepages-2Mi': '100Mi', 'memory': '100Mi', 'cpu': '100m' } };
  return pod({ containers: [container('app', { resources })], volumes });
}

describe('volume-source', () => {
  test('a volume with neither a name nor a source is named by its position', () => {
    // GIVEN a volume that is an empty object
    // WHEN it is linted
    // THEN the missing name is reported, and the missing source names the volume by its path, not as 'undefined'
    expect(lint(withVolumes({}))).toEqual([
      'error volume-name spec.volumes[0].name: volume has no name; give it one and mount it by that name',
      'error volume-source spec.volumes[0]: the volume at spec.volumes[0] has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {}',
    ]);
  });

  test('a volume with an empty name is named by its position too', () => {
    // GIVEN a volume named '' with no source
    // WHEN it is linted
    // THEN the name is reported as missing (validateVolumes: Required), and the volume is named by its path
    expect(lint(withVolumes({ name: '' }))).toEqual([
      'error volume-name spec.volumes[0].name: volume has no name; give it one and mount it by that name',
      'error volume-source spec.volumes[0]: the volume at spec.volumes[0] has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {}',
    ]);
  });

  test('a misspelt source is suggested', () => {
    // GIVEN a volume 'data' whose only source is written 'hostpath'
    // WHEN it is linted
    // THEN the unknown field is reported (strict decoding rejects it), and the missing source suggests hostPath
    expect(lint(withVolumes({ name: 'data', hostpath: { path: '/data' } }))).toEqual([
      "error unknown-field spec.volumes[0].hostpath: unknown field 'hostpath' in Volume; did you mean 'hostPath'? (field names are case-sensitive)",
      "error volume-source spec.volumes[0]: volume 'data' has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {} (did you mean 'hostPath'?)",
    ]);
  });

  test('the suggestion comes from the first stray field that resembles a source, and there is none without one', () => {
    // GIVEN a volume 'data' with the stray fields foo and hostpath, in that order, and one with only foo
    // WHEN they are linted
    // THEN the first suggests hostPath (foo resembles no source), the second suggests nothing
    expect(lint(withVolumes({ name: 'data', foo: 1, hostpath: { path: '/data' } }))).toEqual([
      "error unknown-field spec.volumes[0].foo: unknown field 'foo' in Volume; remove it (see `kubectl explain pod.spec.volumes`)",
      "error unknown-field spec.volumes[0].hostpath: unknown field 'hostpath' in Volume; did you mean 'hostPath'? (field names are case-sensitive)",
      "error volume-source spec.volumes[0]: volume 'data' has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {} (did you mean 'hostPath'?)",
    ]);
    expect(lint(withVolumes({ name: 'data', foo: 1 }))).toEqual([
      "error unknown-field spec.volumes[0].foo: unknown field 'foo' in Volume; remove it (see `kubectl explain pod.spec.volumes`)",
      "error volume-source spec.volumes[0]: volume 'data' has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {}",
    ]);
  });
});

describe('mount-undeclared', () => {
  test('volumeClaimTemplates declare volumes in a StatefulSet only', () => {
    // GIVEN a StatefulSet and a Deployment with a claim template 'data', whose container mounts 'data'
    // WHEN they are linted
    // THEN the StatefulSet passes; the Deployment has no such field (strict decoding rejects it, and without it
    // ValidateVolumeMounts finds no volume 'data'), so its mount is undeclared
    expect(lint(workload('StatefulSet', { volumeClaimTemplates: [CLAIM] }))).toEqual([]);
    expect(lint(workload('Deployment', { volumeClaimTemplates: [CLAIM] }))).toEqual([
      "error unknown-field spec.volumeClaimTemplates: unknown field 'volumeClaimTemplates' in DeploymentSpec; remove it (see `kubectl explain deployment.spec`)",
      "error mount-undeclared spec.template.spec.containers[0].volumeMounts[0].name: container 'app' mounts volume 'data', which the pod does not declare; add it to spec.volumes",
    ]);
  });

  test('a null claim template declares nothing and stops nothing', () => {
    // GIVEN a StatefulSet whose volumeClaimTemplates are null and the claim 'data', whose container mounts 'data'
    // WHEN it is linted at 1.34
    // THEN only the null item is reported (validateVolumeClaimTemplates rejects the empty claim it decodes to);
    // the mount of 'data' is declared by the second template
    expect(lint(workload('StatefulSet', { volumeClaimTemplates: [null, CLAIM] }))).toEqual([
      'error field-type spec.volumeClaimTemplates[0]: volumeClaimTemplates[0] is null but must be an object (PersistentVolumeClaim); remove the empty item or fill in its fields',
    ]);
  });
});

describe('mount-path', () => {
  test('mountPaths that differ only by trailing slashes are one mount point', () => {
    // GIVEN a container that mounts volume 'a' at /data and volume 'b' at /data//
    // WHEN it is linted
    // THEN the second mount is reported as a duplicate (the API server compares the strings, the runtime the paths)
    expect(lint(mounting({ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data//' }))).toEqual([
      "error mount-path spec.containers[0].volumeMounts[1].mountPath: container 'app' mounts two volumes at /data// (volumeMounts[0] and [1]); each mountPath may be used once, so pick another path",
    ]);
  });
});

describe('sub-path', () => {
  test('an absolute subPathExpr is reported', () => {
    // GIVEN a mount with subPathExpr '/$(POD_NAME)'
    // WHEN it is linted
    // THEN it is reported (validateLocalDescendingPath: must be a relative path), with the leading slash removed
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPathExpr: '/$(POD_NAME)' }))).toEqual([
      "error sub-path spec.containers[0].volumeMounts[0].subPathExpr: subPathExpr '/$(POD_NAME)' of container 'app' is absolute; it is relative to the volume, so use '$(POD_NAME)'",
    ]);
  });

  test('a subPath with two leading slashes is absolute, and the fix drops both', () => {
    // GIVEN a mount with subPath '//cache'
    // WHEN it is linted
    // THEN it is reported as absolute (path.IsAbs), and the suggested path is 'cache'
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPath: '//cache' }))).toEqual([
      "error sub-path spec.containers[0].volumeMounts[0].subPath: subPath '//cache' of container 'app' is absolute; it is relative to the volume, so use 'cache'",
    ]);
  });
});

describe('sub-path: subPath with subPathExpr', () => {
  test('both non-empty is reported', () => {
    // GIVEN a mount with subPath 'logs' and subPathExpr '$(POD_NAME)'
    // WHEN / THEN it is reported (ValidateVolumeMounts: subPath and subPathExpr are mutually exclusive)
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPath: 'logs', subPathExpr: '$(POD_NAME)' }))).toEqual([
      "error sub-path spec.containers[0].volumeMounts[0]: mount of volume 'a' in container 'app' sets both subPath and subPathExpr; keep one",
    ]);
  });

  test("one of them '' or null passes", () => {
    // GIVEN mounts with subPath '' or null beside a subPathExpr, and a subPath beside subPathExpr ''
    // WHEN / THEN nothing is reported (the API server rejects only two non-empty values; the oracle accepts each)
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPath: '', subPathExpr: '$(POD_NAME)' }))).toEqual([]);
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPath: null, subPathExpr: '$(POD_NAME)' }))).toEqual([]);
    expect(lint(mounting({ name: 'a', mountPath: '/data', subPath: 'logs', subPathExpr: '' }))).toEqual([]);
  });
});

describe('empty-dir', () => {
  test("medium '' is node storage", () => {
    // GIVEN an emptyDir with medium ''
    // WHEN it is linted
    // THEN nothing is reported ('' is StorageMediumDefault)
    expect(lint(withVolumes({ name: 'scratch', emptyDir: { medium: '' } }))).toEqual([]);
  });

  test('medium null is node storage too', () => {
    // GIVEN an emptyDir with medium null
    // WHEN it is linted
    // THEN nothing is reported (null decodes to ''; the oracle accepts it at 1.28 and 1.34)
    expect(lint(withVolumes({ name: 'scratch', emptyDir: { medium: null } }))).toEqual([]);
  });

  test('HugePages and HugePages-2Mi are huge page media; others that only contain HugePages are not', () => {
    // GIVEN a pod with a 2Mi huge page limit and emptyDir volumes with media HugePages-2Mi, HugePages, xHugePages
    // and HugePagesX
    const volumes = ['HugePages-2Mi', 'HugePages', 'xHugePages', 'HugePagesX'].map((medium, i) => ({ name: `pages${i}`, emptyDir: { medium } }));
    // WHEN it is linted
    // THEN the last two are reported (IsHugePageMedium: HugePages, or the prefix HugePages-; anything else is an
    // unknown storage medium to the kubelet)
    expect(lint(hugePages(...volumes))).toEqual([
      "error empty-dir spec.volumes[2].emptyDir.medium: emptyDir medium 'xHugePages' of volume 'pages2' is not '' or 'Memory' (case-sensitive); use 'Memory' for a tmpfs, or remove medium for node storage",
      "error empty-dir spec.volumes[3].emptyDir.medium: emptyDir medium 'HugePagesX' of volume 'pages3' is not '' or 'Memory' (case-sensitive); use 'Memory' for a tmpfs, or remove medium for node storage",
    ]);
  });
});

describe('file-mode', () => {
  test('the defaultMode of a downwardAPI and of a projected volume is checked', () => {
    // GIVEN a downwardAPI volume and a projected volume, each with defaultMode 644 (decimal)
    const volumes = [
      { name: 'info', downwardAPI: { defaultMode: 644, items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'all', projected: { defaultMode: 644, sources: [{ configMap: { name: 'cfg' } }] } },
    ];
    // WHEN they are linted
    // THEN both are reported (validateDownwardAPIVolumeSource, validateProjectedVolumeSource: 0-0777)
    expect(lint(withVolumes(...volumes))).toEqual([
      "error file-mode spec.volumes[0].downwardAPI.defaultMode: file mode 644 of volume 'info' is outside 0-0777; 644 is decimal here: write 0644 (octal, YAML 1.1) or 420 (decimal)",
      "error file-mode spec.volumes[1].projected.defaultMode: file mode 644 of volume 'all' is outside 0-0777; 644 is decimal here: write 0644 (octal, YAML 1.1) or 420 (decimal)",
    ]);
  });

  test('the item modes of the configMap, secret and downwardAPI sources of a projected volume are checked', () => {
    // GIVEN a projected volume whose configMap, secret and downwardAPI sources have items with modes 640, 600 and
    // 6448 (all decimal)
    const sources = [
      { configMap: { name: 'cfg', items: [{ key: 'a', path: 'a', mode: 640 }] } },
      { secret: { name: 'sec', items: [{ key: 'b', path: 'b', mode: 600 }] } },
      { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' }, mode: 6448 }] } },
    ];
    // WHEN it is linted
    // THEN each is reported at its item (validateProjectionSources); 6448 has an 8, so it is no octal number misread
    expect(lint(withVolumes({ name: 'all', projected: { sources } }))).toEqual([
      "error file-mode spec.volumes[0].projected.sources[0].configMap.items[0].mode: file mode 640 of volume 'all' is outside 0-0777; 640 is decimal here: write 0640 (octal, YAML 1.1) or 416 (decimal)",
      "error file-mode spec.volumes[0].projected.sources[1].secret.items[0].mode: file mode 600 of volume 'all' is outside 0-0777; 600 is decimal here: write 0600 (octal, YAML 1.1) or 384 (decimal)",
      "error file-mode spec.volumes[0].projected.sources[2].downwardAPI.items[0].mode: file mode 6448 of volume 'all' is outside 0-0777; use an octal mode such as 0644 (420 in decimal)",
    ]);
  });

  test('a null projection source is skipped, and the sources after it are checked', () => {
    // GIVEN a projected volume whose sources are null and a secret with an item of mode 1000
    const sources = [null, { secret: { name: 'sec', items: [{ key: 'b', path: 'b', mode: 1000 }] } }];
    // WHEN it is linted
    // THEN only the mode is reported (the API server decodes null to an empty projection, which it accepts)
    expect(lint(withVolumes({ name: 'all', projected: { sources } }))).toEqual([
      "error file-mode spec.volumes[0].projected.sources[1].secret.items[0].mode: file mode 1000 of volume 'all' is outside 0-0777; 1000 is decimal here: write 01000 (octal, YAML 1.1) or 512 (decimal)",
    ]);
  });

  test('a projected volume without sources has no modes to check', () => {
    // GIVEN a projected volume with defaultMode 420 and no sources
    // WHEN it is linted
    // THEN nothing is reported (the API server accepts it)
    expect(lint(withVolumes({ name: 'all', projected: { defaultMode: 420 } }))).toEqual([]);
  });

  test('only a projected volume has sources', () => {
    // GIVEN a configMap volume with a stray sources list holding a secret item of mode 1000
    const sources = [{ secret: { name: 'sec', items: [{ key: 'b', path: 'b', mode: 1000 }] } }];
    // WHEN it is linted
    // THEN only the unknown field is reported: strict decoding rejects it, and the mode in it is never read
    expect(lint(withVolumes({ name: 'cfg', configMap: { name: 'cfg', sources } }))).toEqual([
      "error unknown-field spec.volumes[0].configMap.sources: unknown field 'sources' in ConfigMapVolumeSource; remove it (see `kubectl explain pod.spec.volumes.configMap`)",
    ]);
  });

  test('a mode of five octal digits is no octal mode misread', () => {
    // GIVEN a secret volume with defaultMode 77777
    // WHEN it is linted
    // THEN it is reported with the generic fix (an octal mode has 3 or 4 digits)
    expect(lint(withVolumes({ name: 'sec', secret: { secretName: 'sec', defaultMode: 77777 } }))).toEqual([
      "error file-mode spec.volumes[0].secret.defaultMode: file mode 77777 of volume 'sec' is outside 0-0777; use an octal mode such as 0644 (420 in decimal)",
    ]);
  });
});
