import type { Size } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import type { ConfigMapRef, SecretRef } from './env';
import { _compact, _isPlainObject, _mapList, _quantity, _refName, _snapshot } from './_util';

/** Options for an `emptyDir` volume. */
export interface EmptyDirOptions {
  /**
   * Where the directory lives: node storage, or `Memory` for a tmpfs that counts against the
   * containers' memory limits.
   * @default - node storage (`medium` is not emitted)
   */
  readonly medium?: kplus.EmptyDirMedium;
  /**
   * The most the volume may hold; the pod is evicted beyond it.
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/** Options for a `hostPath` volume. */
export interface HostPathOptions {
  /**
   * What must exist at the path before the pod starts.
   * @default - no check (`type` is not emitted)
   */
  readonly type?: kplus.HostPathVolumeType;
}

/** One key of a ConfigMap or Secret projected to a file. */
export interface KeyToPath {
  /** The key in the ConfigMap or Secret. */
  readonly key: string;
  /** The relative file path in the volume. */
  readonly path: string;
  /**
   * File mode bits, an octal number such as `0o400`.
   * @default - the volume's `defaultMode`
   */
  readonly mode?: number;
}

/** Options for a ConfigMap or Secret volume. */
export interface KeysVolumeOptions {
  /**
   * Only these keys, at these paths.
   * @default - every key, each in a file named for it
   */
  readonly items?: KeyToPath[];
  /**
   * Mode bits of the files, an octal number such as `0o644` (a decimal `644` is a different mode).
   * @default - 0644, Kubernetes' default (`defaultMode` is not emitted)
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even if the ConfigMap or Secret is missing.
   * @default - it must exist
   */
  readonly optional?: boolean;
}

/** Options for a PersistentVolumeClaim volume. */
export interface PersistentVolumeClaimOptions {
  /**
   * Mount the claim read-only in every container.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** One file of a downward API volume. */
export interface DownwardApiFile {
  /** The relative file path in the volume. */
  readonly path: string;
  /**
   * A pod field, such as `metadata.labels`. Give either `fieldPath` or `resource`.
   * @default - none
   */
  readonly fieldPath?: string;
  /**
   * A container resource, such as `limits.cpu`, with the container that owns it.
   * @default - none
   */
  readonly resource?: { readonly container: string; readonly resource: string; readonly divisor?: string };
  /**
   * File mode bits, an octal number.
   * @default - the volume's default mode
   */
  readonly mode?: number;
}

/** One source of a projected volume. */
export class ProjectedSource {
  /** Keys of a ConfigMap. */
  public static configMap(configMap: ConfigMapRef, options: { readonly items?: KeyToPath[]; readonly optional?: boolean } = {}): ProjectedSource {
    return new ProjectedSource({ configMap: keysSource(configMap, options) });
  }
  /** Keys of a Secret. */
  public static secret(secret: SecretRef, options: { readonly items?: KeyToPath[]; readonly optional?: boolean } = {}): ProjectedSource {
    return new ProjectedSource({ secret: keysSource(secret, options) });
  }
  /** Downward API files. */
  public static downwardApi(files: DownwardApiFile[]): ProjectedSource {
    return new ProjectedSource({ downwardAPI: { items: _mapList(files, downwardItem) } });
  }
  /**
   * A bound service account token.
   * @param path relative file path of the token
   * @param options audience and lifetime of the token
   */
  public static serviceAccountToken(path: string, options: { readonly audience?: string; readonly expirationSeconds?: number } = {}): ProjectedSource {
    return new ProjectedSource({ serviceAccountToken: _compact({ audience: options?.audience, expirationSeconds: options?.expirationSeconds, path }) });
  }
  private constructor(/** @internal */ public readonly _json: object) {}
}

function keysSource(ref: { readonly name: string } | string, options: { readonly items?: KeyToPath[]; readonly optional?: boolean } | undefined) {
  return _compact({
    name: _refName(ref),
    items: _mapList(options?.items, keyToPath),
    optional: options?.optional,
  });
}

/** An item of a plain-JS caller that is not an object is kept as it is, for the rules to report. */
function keyToPath(i: KeyToPath): unknown {
  return _isPlainObject(i) ? _compact({ key: i.key, path: i.path, mode: i.mode }) : i;
}

function downwardItem(file: DownwardApiFile): unknown {
  if (!_isPlainObject(file)) return file;
  const r = file.resource;
  return _compact({
    path: file.path,
    fieldRef: file.fieldPath !== undefined ? { fieldPath: file.fieldPath } : undefined,
    resourceFieldRef: _isPlainObject(r) ? _compact({ containerName: r.container, resource: r.resource, divisor: r.divisor }) : _snapshot(r),
    mode: file.mode,
  });
}

/**
 * A pod volume: declared once on the pod, mounted by any number of its containers at paths of
 * their own choosing.
 *
 * ```ts
 * const html = Volume.emptyDir('html');
 * const mysql = Volume.hostPath('host-volume', '/data/mysql');
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export class Volume {
  /** A directory that starts empty and lives as long as the pod. */
  public static emptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    return new Volume(name, 'emptyDir', _compact({
      medium: options?.medium || undefined,
      sizeLimit: _quantity(options?.sizeLimit ?? undefined),
    }));
  }

  /** A file or directory of the node, such as `/data/mysql`. */
  public static hostPath(name: string, path: string, options: HostPathOptions = {}): Volume {
    return new Volume(name, 'hostPath', _compact({ path, type: options?.type || undefined }));
  }

  /** The keys of a ConfigMap as files. */
  public static fromConfigMap(name: string, configMap: ConfigMapRef, options: KeysVolumeOptions = {}): Volume {
    return new Volume(name, 'configMap', keysVolume('name', configMap, options));
  }

  /** The keys of a Secret as files. */
  public static fromSecret(name: string, secret: SecretRef, options: KeysVolumeOptions = {}): Volume {
    return new Volume(name, 'secret', keysVolume('secretName', secret, options));
  }

  /** A PersistentVolumeClaim, given as a cdk8s-plus object or by claim name. */
  public static fromPersistentVolumeClaim(name: string, claim: kplus.IPersistentVolumeClaim | string, options: PersistentVolumeClaimOptions = {}): Volume {
    return new Volume(name, 'persistentVolumeClaim', _compact({ claimName: _refName(claim), readOnly: options?.readOnly }));
  }

  /** Pod and container fields as files (the downward API). */
  public static downwardApi(name: string, files: DownwardApiFile[], options: { readonly defaultMode?: number } = {}): Volume {
    return new Volume(name, 'downwardAPI', _compact({ items: _mapList(files, downwardItem), defaultMode: options?.defaultMode }));
  }

  /** Several sources projected into one directory. */
  public static projected(name: string, sources: ProjectedSource[], options: { readonly defaultMode?: number } = {}): Volume {
    // A source that is not a ProjectedSource (a plain-JS caller's null or object) is kept as it is, for the rules.
    return new Volume(name, 'projected', _compact({ sources: _mapList(sources, s => (s instanceof ProjectedSource ? s._json : s)), defaultMode: options?.defaultMode }));
  }

  private constructor(
    /** The volume name, a DNS-1123 label unique in the pod. */
    public readonly name: string,
    /** The source field of the volume (`emptyDir`, `hostPath`, ...). */
    public readonly kind: string,
    private readonly source: object,
  ) {}

  /** @internal */
  public _toJson(): object {
    return { name: this.name, [this.kind]: this.source };
  }
}

function keysVolume(nameField: string, ref: { readonly name: string } | string, options: KeysVolumeOptions | undefined) {
  return _compact({
    [nameField]: _refName(ref),
    items: _mapList(options?.items, keyToPath),
    defaultMode: options?.defaultMode,
    optional: options?.optional,
  });
}
