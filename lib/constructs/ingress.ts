import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KubeObject, ObjectMetadataProps } from './_object';
import { _compact, _isPlainObject, _mapList, _nonEmpty, _refName, _snapshot } from '../model/_util';
import { FieldPath } from '../rules';

/**
 * How an Ingress path matches request paths.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 */
export enum PathType {
  /** Element-wise prefix: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`. */
  PREFIX = 'Prefix',
  /** The path exactly. */
  EXACT = 'Exact',
  /** As the Ingress controller defines it. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/** Where an Ingress sends matching requests: a port of a Service. */
export interface IngressBackend {
  /** The Service, as a `Service` of this library (checked at synth) or its name. */
  readonly service: { readonly name: string } | string;
  /** The Service port, by number or by name; it must be one of the Service's ports. */
  readonly port: number | string;
}

/** A path of an Ingress rule. */
export interface IngressPath {
  /** The path, absolute, such as `/` or `/api`. */
  readonly path: string;
  /** How the path matches. */
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

/** The paths served for one host. */
export interface IngressRule {
  /**
   * The host, such as `orderapp.example.com` or `*.example.com`.
   * @default - every host
   */
  readonly host?: string;
  readonly paths: IngressPath[];
}

/** A TLS certificate of an Ingress. */
export interface IngressTls {
  /** The hosts the certificate covers. */
  readonly hosts: string[];
  /**
   * The Secret (type kubernetes.io/tls) holding the certificate, as a cdk8s-plus Secret or its name.
   * @default - the controller's default certificate
   */
  readonly secret?: kplus.ISecret | string;
}

/** Properties of an `Ingress`. */
export interface IngressProps extends ObjectMetadataProps {
  /**
   * The IngressClass (the controller) that serves it, such as `nginx`.
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /**
   * Host and path rules.
   * @default - none: give `defaultBackend`
   */
  readonly rules?: IngressRule[];
  /**
   * Where requests no rule matches go.
   * @default - the controller's default (usually a 404)
   */
  readonly defaultBackend?: IngressBackend;
  /** @default - no TLS */
  readonly tls?: IngressTls[];
}

/**
 * HTTP(S) routing from outside the cluster to Services, by host and path. At synth each backend is
 * checked against the Services of the app: the Service must exist and have the port.
 *
 * ```ts
 * new Ingress(chart, 'OrderappIngress', {
 *   ingressClassName: 'nginx',
 *   rules: [{ host: 'orders.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: { service, port: 'http' } }] }],
 *   tls: [{ hosts: ['orders.example.com'], secret: 'orders-tls' }],
 * });
 * ```
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export class Ingress extends KubeObject {
  private readonly props: IngressProps;

  public constructor(scope: Construct, id: string, props: IngressProps = {}) {
    const p: IngressProps = typeof props === 'object' && props !== null ? props : {};
    super(scope, id, p, 'networking.k8s.io/v1', 'Ingress');
    // Services are kept by reference (their names are read at synth); the rest is copied.
    this.props = { ..._snapshot({ ...p, rules: undefined, defaultBackend: undefined, tls: undefined }), rules: copyRules(p.rules), defaultBackend: copyBackend(p.defaultBackend), tls: _snapshot(p.tls) };
  }

  /** @internal */
  protected _renderSpec(_report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    return _compact({
      ingressClassName: p.ingressClassName,
      defaultBackend: renderBackend(p.defaultBackend),
      tls: _nonEmpty(_mapList(p.tls, t => (_isPlainObject(t) ? _compact({ hosts: t.hosts, secretName: t.secret === undefined ? undefined : _refName(t.secret) }) : t))),
      rules: _nonEmpty(_mapList(p.rules, r => (_isPlainObject(r) ? _compact({
        host: r.host,
        http: { paths: _mapList(r.paths, path => (_isPlainObject(path) ? { path: path.path, pathType: path.pathType, backend: renderBackend(path.backend) } : path)) },
      }) : r))),
    });
  }
}

function copyRules(rules: IngressRule[] | undefined): IngressRule[] | undefined {
  if (!Array.isArray(rules)) return rules;
  return rules.map(r => (_isPlainObject(r) ? { ...r, paths: Array.isArray(r.paths) ? r.paths.map(p => (_isPlainObject(p) ? { ...p, backend: copyBackend(p.backend) } : p)) : r.paths } : r));
}

/** A backend's own object, its Service kept by reference; anything else (a plain-JS caller's string) as it is, for the rules. */
function copyBackend<T extends IngressBackend | undefined>(b: T): T {
  return (_isPlainObject(b) ? { ...b } : b) as T;
}

function renderBackend(b: IngressBackend | undefined): object | undefined {
  if (b === undefined || b === null || !_isPlainObject(b)) return b;
  const port = typeof b.port === 'number' ? { number: b.port } : typeof b.port === 'string' ? { name: b.port } : b.port;
  return { service: { name: _refName(b.service), port } };
}
