import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { ContainerResources, ContainerSecurityContext, SeccompProfile } from './container';

export { PodSecurityStandard } from '../rules/engine';

/** The security context of the whole pod; container contexts override it per field. */
export interface PodSecurityContext {
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default - not enforced */
  readonly runAsNonRoot?: boolean;
  /** @default - volumes keep their owner group */
  readonly fsGroup?: number;
  /** @default - none */
  readonly supplementalGroups?: number[];
  /** @default - the runtime's default (Unconfined on most clusters) */
  readonly seccompProfile?: SeccompProfile;
  /** @default - none */
  readonly sysctls?: { readonly [name: string]: string };
}

/**
 * Opt-in hardened security contexts. Nothing is hardened unless the code asks for it:
 *
 * ```ts
 * new Pod(chart, 'Api', {
 *   securityContext: SecurityPresets.restrictedPod(),
 *   containers: [{ name: 'api', image: 'api:1.0', securityContext: SecurityPresets.restrictedContainer() }],
 *   podSecurityStandard: PodSecurityStandard.RESTRICTED,
 * });
 * ```
 */
export class SecurityPresets {
  /** A pod context that meets the restricted standard: non-root, RuntimeDefault seccomp. */
  public static restrictedPod(options: { readonly runAsUser?: number; readonly fsGroup?: number } = {}): PodSecurityContext {
    return {
      runAsNonRoot: true,
      runAsUser: options.runAsUser,
      fsGroup: options.fsGroup,
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    };
  }

  /** A container context that meets the restricted standard, with a read-only root file system. */
  public static restrictedContainer(): ContainerSecurityContext {
    return {
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    };
  }

  private constructor() {}
}

/**
 * Opt-in resource sizes, each a request with a limit twice as large for memory and CPU bursting:
 * `resources: ResourcePresets.small()`.
 */
export class ResourcePresets {
  /** 100m CPU / 128Mi memory requested, 200m / 256Mi limit. */
  public static small(): ContainerResources {
    return preset(100, 128);
  }
  /** 500m CPU / 512Mi memory requested, 1 CPU / 1Gi limit. */
  public static medium(): ContainerResources {
    return preset(500, 512);
  }
  /** 2 CPU / 4Gi memory requested, 4 CPU / 8Gi limit. */
  public static large(): ContainerResources {
    return preset(2000, 4096);
  }
  private constructor() {}
}

function preset(milliCpu: number, memoryMiB: number): ContainerResources {
  return {
    cpu: { request: cpu(milliCpu), limit: cpu(milliCpu * 2) },
    memory: { request: Size.mebibytes(memoryMiB), limit: Size.mebibytes(memoryMiB * 2) },
  };
}

function cpu(milli: number): kplus.Cpu {
  return milli % 1000 === 0 ? kplus.Cpu.units(milli / 1000) : kplus.Cpu.millis(milli);
}
