import type { Duration } from 'cdk8s';
import { _compact, _isPlainObject, _seconds, _snapshot } from './_util';

/** A port given by number or by the name of a port the container declares. */
export type PortRef = number | string;

/** Options for an HTTP GET check. */
export interface HttpGetOptions {
  /** The port, by number or by the name of one of the container's ports. */
  readonly port: PortRef;
  /**
   * `HTTP` or `HTTPS`.
   * @default - HTTP (`scheme` is not emitted)
   */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /**
   * Extra request headers.
   * @default - none
   */
  readonly headers?: { readonly [name: string]: string };
}

/** Timing and thresholds of a probe. */
export interface ProbeOptions {
  /**
   * Wait this long after the container starts before the first probe.
   * @default - 0 seconds (not emitted)
   */
  readonly initialDelay?: Duration;
  /**
   * How often to probe.
   * @default - 10 seconds (not emitted)
   */
  readonly period?: Duration;
  /**
   * How long one probe may take.
   * @default - 1 second (not emitted)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the probe counts as failed.
   * @default - 3 (not emitted)
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes before the probe counts as passed; must be 1 for liveness and startup probes.
   * @default - 1 (not emitted)
   */
  readonly successThreshold?: number;
}

function handlerHttpGet(path: string, options: HttpGetOptions | undefined) {
  const o: Partial<HttpGetOptions> = options ?? {};
  return {
    httpGet: _compact({
      path,
      port: o.port,
      scheme: o.scheme,
      httpHeaders: _isPlainObject(o.headers) ? Object.entries(o.headers).map(([name, value]) => ({ name, value })) : _snapshot(o.headers),
    }),
  };
}

/**
 * A liveness, readiness or startup probe. Its options are copied when it is made.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class Probe {
  /** An HTTP GET that passes on a 2xx or 3xx status. */
  public static httpGet(path: string, options: HttpGetOptions & ProbeOptions): Probe {
    return new Probe(handlerHttpGet(path, options), options);
  }

  /** A TCP connection that passes when the port accepts it. */
  public static tcpSocket(port: PortRef, options: ProbeOptions = {}): Probe {
    return new Probe({ tcpSocket: { port } }, options);
  }

  /** A command run in the container that passes on exit code 0. */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe({ exec: { command: _snapshot(command) } }, options);
  }

  /** A gRPC health check on a numbered port. */
  public static grpc(port: number, options: ProbeOptions & { readonly service?: string } = {}): Probe {
    return new Probe({ grpc: _compact({ port, service: options?.service }) }, options);
  }

  private readonly options: ProbeOptions;

  private constructor(private readonly handler: object, options: ProbeOptions | undefined) {
    this.options = _snapshot(options) ?? {};
  }

  /**
   * @internal Durations render in seconds with fractions kept (`Duration.millis(500)` -> 0.5), so
   * the field-type rule reports one that is not whole seconds, with its path, instead of a throw.
   */
  public _toJson(): object {
    const o = this.options;
    return _compact({
      ...this.handler,
      initialDelaySeconds: _seconds(o.initialDelay),
      periodSeconds: _seconds(o.period),
      timeoutSeconds: _seconds(o.timeout),
      successThreshold: o.successThreshold,
      failureThreshold: o.failureThreshold,
    });
  }
}

/**
 * A `postStart` or `preStop` hook.
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export class LifecycleHandler {
  /** A command run in the container. */
  public static exec(command: string[]): LifecycleHandler {
    return new LifecycleHandler({ exec: { command: _snapshot(command) } });
  }

  /** An HTTP GET against the container. */
  public static httpGet(path: string, options: HttpGetOptions): LifecycleHandler {
    return new LifecycleHandler(handlerHttpGet(path, options));
  }

  private constructor(/** @internal */ public readonly _json: object) {}
}

/** The lifecycle hooks of a container. */
export interface ContainerLifecycle {
  /**
   * Runs right after the container is created.
   * @default - none
   */
  readonly postStart?: LifecycleHandler;
  /**
   * Runs before the container is stopped, within the pod's termination grace period.
   * @default - none
   */
  readonly preStop?: LifecycleHandler;
}
