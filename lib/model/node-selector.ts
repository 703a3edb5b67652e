/**
 * Well-known node label keys, for `nodeSelector` maps. Any other key, such as the `gpu` label of a
 * cluster's own convention, is written as a plain string: `{ gpu: 'true' }`. Values are strings:
 * `{ gpu: true }` does not type-check, as `gpu: true` unquoted in YAML is rejected by the API server.
 *
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/
 */
export class NodeLabel {
  /** CPU architecture: `amd64`, `arm64`. */
  public static readonly ARCH = 'kubernetes.io/arch';
  /** Operating system: `linux`, `windows`. */
  public static readonly OS = 'kubernetes.io/os';
  /** The node's hostname. */
  public static readonly HOSTNAME = 'kubernetes.io/hostname';
  /** Cloud instance type, such as `p4d.24xlarge`. */
  public static readonly INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
  /** Cloud zone, such as `us-east-1a`. */
  public static readonly ZONE = 'topology.kubernetes.io/zone';
  /** Cloud region, such as `us-east-1`. */
  public static readonly REGION = 'topology.kubernetes.io/region';
  /** Set to `true` by NVIDIA GPU Feature Discovery on nodes with NVIDIA GPUs. */
  public static readonly NVIDIA_GPU_PRESENT = 'nvidia.com/gpu.present';
  /** NVIDIA GPU model, such as `NVIDIA-A100-SXM4-80GB` (GPU Feature Discovery). */
  public static readonly NVIDIA_GPU_PRODUCT = 'nvidia.com/gpu.product';
  /** Number of NVIDIA GPUs on the node (GPU Feature Discovery). */
  public static readonly NVIDIA_GPU_COUNT = 'nvidia.com/gpu.count';
  /** GKE accelerator type, such as `nvidia-tesla-t4`. */
  public static readonly GKE_ACCELERATOR = 'cloud.google.com/gke-accelerator';
  /** EKS accelerator label used by managed GPU node groups. */
  public static readonly EKS_ACCELERATOR = 'k8s.amazonaws.com/accelerator';

  private constructor() {}
}
