import { Construct } from 'constructs';
import { KubeObject, _metadataJson, ObjectMetadataProps } from './_object';
import { _compact, _isPlainObject, _mapList, _snapshot } from '../model/_util';
import { Pod } from './pod';
import { FieldPath, show } from '../rules';
import { Workload } from './workload';

/**
 * How a Service is reached.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export enum ServiceType {
  /** A virtual IP inside the cluster (Kubernetes' default). */
  CLUSTER_IP = 'ClusterIP',
  /** ClusterIP plus a port (30000-32767) on every node. */
  NODE_PORT = 'NodePort',
  /** NodePort plus a cloud load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A DNS CNAME to `externalName`; selects no pods. */
  EXTERNAL_NAME = 'ExternalName',
}

/** A port of a Service. */
export interface ServicePort {
  /** The port clients connect to. */
  readonly port: number;
  /**
   * The container port traffic goes to, by number or by the name a container gives its port
   * (`'http'`); checked at synth against the containers of the pods the Service selects.
   * @default - the same number as `port` (not emitted)
   */
  readonly targetPort?: number | string;
  /**
   * The port's name; required when the Service has more than one port.
   * @default - none
   */
  readonly name?: string;
  /** @default - TCP, Kubernetes' default (not emitted) */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * The node port of a NodePort or LoadBalancer Service, 30000-32767.
   * @default - one is allocated
   */
  readonly nodePort?: number;
  /**
   * The application protocol, such as `http`, `h2c` or `kubernetes.io/ws`.
   * @default - none
   */
  readonly appProtocol?: string;
}

/** Properties of a `Service`. */
export interface ServiceProps extends ObjectMetadataProps {
  /**
   * The workload (or bare pod) whose pods the Service sends traffic to: its selector's
   * `matchLabels` (a pod's labels) become the Service's selector.
   * @default - none: give `selector`, or leave both out for a Service whose endpoints are managed elsewhere
   */
  readonly selects?: Workload | Pod;
  /**
   * The labels of the pods the Service sends traffic to, when not taken from `selects`.
   * @default - the labels of `selects`, or none
   */
  readonly selector?: { readonly [key: string]: string };
  /** The ports. */
  readonly ports: ServicePort[];
  /** @default ServiceType.CLUSTER_IP, Kubernetes' default (not emitted) */
  readonly type?: ServiceType;
  /**
   * A headless Service (`clusterIP: None`): DNS returns the pods' addresses, and each pod of a
   * StatefulSet gets a stable name (`mysql-0.mysql`).
   * @default false
   */
  readonly headless?: boolean;
  /**
   * The DNS name an `ExternalName` Service points to.
   * @default - none
   */
  readonly externalName?: string;
  /**
   * `Local` keeps the client's source IP for NodePort and LoadBalancer Services.
   * @default - Cluster, Kubernetes' default (not emitted)
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Sessions stick to one pod by client IP.
   * @default - None, Kubernetes' default (not emitted)
   */
  readonly sessionAffinity?: 'None' | 'ClientIP';
}

/**
 * A stable name and address for the pods of a workload: pod IPs are internal and change when
 * pods are replaced, a Service's do not. Its selector comes from the workload (`selects`), and
 * at synth its targetPorts are checked against the containers of the pods it selects.
 *
 * ```ts
 * new Service(chart, 'OrderappService', {
 *   name: 'orderapp',
 *   selects: deployment,
 *   ports: [{ name: 'http', port: 80, targetPort: 'http' }],
 * });
 * ```
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export class Service extends KubeObject {
  private readonly props: ServiceProps;
  private readonly selects?: Workload | Pod;

  public constructor(scope: Construct, id: string, props: ServiceProps) {
    const p: Partial<ServiceProps> = typeof props === 'object' && props !== null ? props : {};
    super(scope, id, p, 'v1', 'Service');
    this.selects = p.selects;
    this.props = _snapshot({ ...p, selects: undefined }) as ServiceProps;
  }

  /** @internal */
  protected _renderSpec(report: (path: FieldPath, message: string) => void): object {
    const p = this.props;
    return _compact({
      type: p.type,
      clusterIP: p.headless ? 'None' : undefined,
      externalName: p.externalName,
      selector: this.renderSelector(report),
      ports: _mapList(p.ports, port => (_isPlainObject(port) ? _compact({
        name: port.name,
        protocol: port.protocol,
        appProtocol: port.appProtocol,
        port: port.port,
        targetPort: port.targetPort,
        nodePort: port.nodePort,
      }) : port)),
      externalTrafficPolicy: p.externalTrafficPolicy,
      sessionAffinity: p.sessionAffinity,
    });
  }

  private renderSelector(report: (path: FieldPath, message: string) => void): object | undefined {
    const given = this.props.selector;
    const s = this.selects;
    if (s === undefined || s === null) return given;
    if (given !== undefined) {
      report(['spec', 'selector'], `the Service has both selects and selector; give one: selects takes the selector from ${s instanceof Construct ? s.node.path : 'the workload'}`);
      return given;
    }
    if (s instanceof Workload) {
      const labels = s.selectorLabels;
      if (Object.keys(labels).length === 0) {
        report(['spec', 'selector'], `the Service selects ${s.kind} ${show(s.name)}, whose pods have no labels a Service can select (a Service selects by labels, not by matchExpressions); add labels to its pod template, or give selector`);
        return undefined;
      }
      return labels;
    }
    if (s instanceof Pod) {
      const labels = _metadataJson(s.metadata).labels;
      if (!_isPlainObject(labels) || Object.keys(labels).length === 0) {
        report(['spec', 'selector'], `the Service selects pod ${show(s.name)}, which has no labels; add labels to the pod (labels: { 'app.kubernetes.io/name': '${s.name}' }), or give selector`);
        return undefined;
      }
      return { ...labels };
    }
    report(['spec', 'selector'], `selects is ${show(s)} but must be a workload (Deployment, StatefulSet, ...) or a pod of this library; give one, or give selector`);
    return undefined;
  }
}
