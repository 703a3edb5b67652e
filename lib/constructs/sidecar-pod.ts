import { Construct } from 'constructs';
import { Container, ContainerProps } from '../model/container';
import { Pod, PodProps } from './pod';
import { show } from '../rules';

/** Properties of a `SidecarPod`. */
export interface SidecarPodProps extends Omit<PodProps, 'containers' | 'sidecars'> {
  /** The main application container. */
  readonly app: ContainerProps;
  /** One or more helpers (log shippers, proxies, config reloaders) that run alongside the app. */
  readonly sidecars: ContainerProps[];
}

/**
 * One app container plus one or more sidecars that share its localhost and, optionally, volumes.
 *
 * Sidecars follow the Kubernetes release the pod is checked against (`setKubernetesVersion`):
 * native (init containers with `restartPolicy: Always`, started before the app and stopped after
 * it) from 1.29, where they are on by default; classic (regular containers) for 1.28, the default
 * release. `sidecarMode` chooses explicitly.
 *
 * ```ts
 * new SidecarPod(chart, 'Web', {
 *   app: { name: 'web', image: 'nginx:1.25', port: 80 },
 *   sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
 * });
 * ```
 */
export class SidecarPod extends Pod {
  /** The app container. */
  public readonly app: Container;
  /** The sidecar containers given in the props, in order (`addSidecar()` returns the ones added later). */
  public readonly sidecars: Container[];

  public constructor(scope: Construct, id: string, props: SidecarPodProps) {
    const p: Partial<SidecarPodProps> = props ?? {};
    super(scope, id, { ...p, containers: [p.app as ContainerProps], sidecars: undefined });
    this.app = this.containers[0];
    const sidecars = Array.isArray(p.sidecars) ? p.sidecars : [];
    this.sidecars = sidecars.map(s => this.addSidecar(s));
    // What the props gave, as they were given: changing the props object afterwards changes nothing.
    const given = p.sidecars === undefined || (Array.isArray(p.sidecars) && p.sidecars.length === 0) ? 'none' : show(p.sidecars);
    this.node.addValidation({
      // The pod as it is synthesized: sidecars added with addSidecar() after construction count.
      validate: () => (this._sidecarCount === 0
        ? [`sidecars: a SidecarPod needs at least one sidecar, got ${given}; add one, or use Pod for a single container [sidecar-pod]`]
        : []),
    });
  }
}
