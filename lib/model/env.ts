import type * as kplus from 'cdk8s-plus-28';
import { _compact, _refName as refName } from './_util';

/** A ConfigMap given as a cdk8s-plus object or by name. */
export type ConfigMapRef = kplus.IConfigMap | string;
/** A Secret given as a cdk8s-plus object or by name. */
export type SecretRef = kplus.ISecret | string;

/** Options for an environment variable read from a ConfigMap or Secret key. */
export interface EnvKeyOptions {
  /**
   * Start the container even if the ConfigMap/Secret or the key is missing.
   * @default - the key is required (`optional` is not emitted)
   */
  readonly optional?: boolean;
}

/** Options for an environment variable read from a container resource. */
export interface EnvResourceOptions {
  /**
   * The container whose resources are read.
   * @default - the container that declares the variable
   */
  readonly container?: string;
  /**
   * Output format of the exposed resources, a Kubernetes quantity such as `1Mi` or `1m`.
   * @default - `1`
   */
  readonly divisor?: string;
}

/**
 * The value of an environment variable.
 *
 * `EnvValue.literal('this application is running on $(PROFILE)')` may reference variables declared
 * earlier in the same container with `$(NAME)`; `$$(NAME)` is the escape for a literal `$(NAME)`.
 *
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
 */
export class EnvValue {
  /** A literal value. */
  public static literal(value: string): EnvValue {
    return new EnvValue(value, undefined);
  }

  /** The value of `key` in a ConfigMap. */
  public static fromConfigMap(configMap: ConfigMapRef, key: string, options: EnvKeyOptions = {}): EnvValue {
    return new EnvValue(undefined, {
      configMapKeyRef: _compact({ name: refName(configMap), key, optional: options?.optional }),
    });
  }

  /** The value of `key` in a Secret. */
  public static fromSecret(secret: SecretRef, key: string, options: EnvKeyOptions = {}): EnvValue {
    return new EnvValue(undefined, {
      secretKeyRef: _compact({ name: refName(secret), key, optional: options?.optional }),
    });
  }

  /**
   * A field of the pod, such as `metadata.name` or `status.podIP` (see cdk8s-plus `EnvFieldPaths`),
   * or `metadata.labels['app']`.
   */
  public static fromField(fieldPath: kplus.EnvFieldPaths | string): EnvValue {
    return new EnvValue(undefined, { fieldRef: { fieldPath } });
  }

  /** A resource request or limit of a container, such as `limits.memory` (see cdk8s-plus `ResourceFieldPaths`). */
  public static fromResource(resource: kplus.ResourceFieldPaths | string, options: EnvResourceOptions = {}): EnvValue {
    return new EnvValue(undefined, {
      resourceFieldRef: _compact({ containerName: options?.container, resource, divisor: options?.divisor }),
    });
  }

  private constructor(
    /** The literal value, when this is a literal. */
    public readonly value: string | undefined,
    /** The `valueFrom` source, when this is not a literal. */
    public readonly valueFrom: { readonly [key: string]: any } | undefined,
  ) {}
}

/**
 * A whole ConfigMap or Secret exposed as environment variables (`envFrom`).
 */
export class EnvFrom {
  /** Every key of a ConfigMap, optionally with a name prefix. */
  public static configMap(configMap: ConfigMapRef, prefix?: string): EnvFrom {
    return new EnvFrom(_compact({ prefix, configMapRef: { name: refName(configMap) } }));
  }

  /** Every key of a Secret, optionally with a name prefix. */
  public static secret(secret: SecretRef, prefix?: string): EnvFrom {
    return new EnvFrom(_compact({ prefix, secretRef: { name: refName(secret) } }));
  }

  private constructor(
    /** @internal */
    public readonly _json: { readonly [key: string]: any },
  ) {}
}
