import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Container, ContainerProps } from '../model/container';
import { Pod, PodProps } from './pod';
import { show } from '../rules';
import { TolerationOperator } from '../model/toleration';
import { Volume } from '../model/volume';

/**
 * A GPU resource advertised by a device plugin. An open set: use a constant, a MIG profile, or
 * `custom()`.
 */
export class GpuVendor {
  /** NVIDIA GPUs through the NVIDIA device plugin. */
  public static readonly NVIDIA = new GpuVendor('nvidia.com/gpu', 'nvidia.com/gpu');
  /** AMD GPUs through the ROCm device plugin. */
  public static readonly AMD = new GpuVendor('amd.com/gpu', 'amd.com/gpu');
  /** Intel GPUs through the Intel GPU device plugin. */
  public static readonly INTEL = new GpuVendor('gpu.intel.com/i915', 'gpu.intel.com/i915');

  /**
   * A slice of an NVIDIA A100/H100 partitioned with MIG (mixed strategy), such as `1g.5gb`
   * -> `nvidia.com/mig-1g.5gb`. The nodes keep the `nvidia.com/gpu` taint.
   */
  public static nvidiaMig(profile: string): GpuVendor {
    return new GpuVendor(`nvidia.com/mig-${profile}`, 'nvidia.com/gpu');
  }

  /**
   * Any other extended resource.
   * @param resourceName the resource, such as `habana.ai/gaudi`
   * @param taintKey the key of the taint GPU nodes carry; defaults to the resource name
   */
  public static custom(resourceName: string, taintKey?: string): GpuVendor {
    return new GpuVendor(resourceName, taintKey ?? resourceName);
  }

  private constructor(
    /** The extended resource name requested in `limits`. */
    public readonly resourceName: string,
    /** The key of the taint that keeps other pods off the vendor's GPU nodes. */
    public readonly taintKey: string,
  ) {}
}

/** Properties of a `GpuPod`. */
export interface GpuPodProps extends Omit<PodProps, 'containers'> {
  /** The container that uses the GPUs (a trainer, an inference server). */
  readonly container: ContainerProps;
  /**
   * How many GPUs the container gets: a positive whole number, GPUs are not divisible. The GPU
   * limit comes from here; a different `resources.extended` entry for the same resource fails synth.
   */
  readonly gpuCount: number;
  /**
   * The GPU resource.
   * @default GpuVendor.NVIDIA
   */
  readonly gpuVendor?: GpuVendor;
  /**
   * Tolerate the vendor's `NoSchedule` taint (`nvidia.com/gpu` for NVIDIA and MIG), which GPU node
   * pools commonly carry to keep other pods off.
   * @default true
   */
  readonly tolerateGpuTaint?: boolean;
  /**
   * Mount a memory-backed emptyDir of this size at `/dev/shm` in the GPU container. PyTorch data
   * loaders with workers need more than the 64 MiB a container gets by default.
   * @default - no shared memory volume
   */
  readonly sharedMemory?: Size;
}

/**
 * A pod whose main container gets whole GPUs: a `limits` entry for the vendor's resource, a
 * toleration for the GPU nodes' taint, and optionally `/dev/shm` for data loaders. Sidecars,
 * volumes, node selection (`nodeSelector: { gpu: 'true' }`) and runtimeClassName come from `PodProps`.
 *
 * ```ts
 * new GpuPod(chart, 'Train', {
 *   container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime' },
 *   gpuCount: 2,
 *   nodeSelector: { gpu: 'true' },
 *   sharedMemory: Size.gibibytes(8),
 * });
 * ```
 */
export class GpuPod extends Pod {
  /** The GPU container. */
  public readonly container: Container;
  /** The GPU resource. */
  public readonly gpuVendor: GpuVendor;

  /** The number of GPUs asked for. */
  public readonly gpuCount: number;

  /**
   * A wrong `gpuCount`, or a `resources.extended` entry that disagrees with it, fails synth with
   * the construct path, together with every other error of the app.
   */
  public constructor(scope: Construct, id: string, props: GpuPodProps) {
    const p: Partial<GpuPodProps> = props ?? {};
    const vendor = p.gpuVendor ?? GpuVendor.NVIDIA;
    super(scope, id, { ...p, containers: [p.container as ContainerProps] });
    this.gpuVendor = vendor;
    this.gpuCount = p.gpuCount as number;
    this.container = this.containers[0];
    const valid = isGpuCount(p.gpuCount);
    // The container's own entry for the vendor's resource is kept, so a disagreement is reported, not hidden.
    if (valid && this.container._extendedResource(vendor.resourceName) === undefined) {
      this.container.setExtendedResource(vendor.resourceName, p.gpuCount as number);
    }
    if (p.tolerateGpuTaint ?? true) {
      this.addToleration({ key: vendor.taintKey, operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_SCHEDULE });
    }
    if (p.sharedMemory) {
      this.container.mount('/dev/shm', Volume.emptyDir('dshm', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: p.sharedMemory }));
    }
    this.node.addValidation({ validate: () => this.checkGpus() });
  }

  private checkGpus(): string[] {
    const count = this.gpuCount;
    if (!isGpuCount(count)) {
      return [`gpuCount: expected a positive whole number of GPUs, got ${show(count)}; GPUs are not divisible, so request 1 or more (for a slice of an A100/H100 use gpuVendor: GpuVendor.nvidiaMig('1g.5gb')) [gpu-pod]`];
    }
    const resource = this.gpuVendor.resourceName;
    const amount = this.container._extendedResource(resource);
    if (amount !== count) {
      return [`container.resources.extended['${resource}']: container ${show(this.container.name)} asks for ${show(amount)} ${resource}, but gpuCount is ${count}; the GpuPod sets the GPU limit from gpuCount, so remove the extended entry and set gpuCount: ${show(amount)} if that is the number you want [gpu-pod]`];
    }
    return [];
  }
}

function isGpuCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}
