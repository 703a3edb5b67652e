import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Container, ContainerProps } from './container';
import { Pod, PodProps } from './pod';
import { TolerationOperator } from './toleration';
import { Volume } from './volume';

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
  /** How many GPUs the container gets: a positive whole number, GPUs are not divisible. */
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

  public constructor(scope: Construct, id: string, props: GpuPodProps) {
    if (!Number.isInteger(props.gpuCount) || props.gpuCount < 1) {
      throw new Error(`[${scope.node.path ? `${scope.node.path}/` : ''}${id}] gpuCount: expected a positive whole number of GPUs, got ${props.gpuCount}; GPUs are not divisible, so request 1 or more (for a slice of an A100/H100 use gpuVendor: GpuVendor.nvidiaMig('1g.5gb'))`);
    }
    const vendor = props.gpuVendor ?? GpuVendor.NVIDIA;
    super(scope, id, { ...props, containers: [props.container] });
    this.gpuVendor = vendor;
    this.container = this.containers[0];
    this.container.setExtendedResource(vendor.resourceName, props.gpuCount);
    if (props.tolerateGpuTaint ?? true) {
      this.addToleration({ key: vendor.taintKey, operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_SCHEDULE });
    }
    if (props.sharedMemory) {
      this.container.mount('/dev/shm', Volume.emptyDir('dshm', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: props.sharedMemory }));
    }
  }
}
