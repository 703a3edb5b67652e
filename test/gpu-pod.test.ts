import { JsonPatch, Size, Testing } from 'cdk8s';
import { GpuPod, GpuVendor, KubernetesVersion, setKubernetesVersion, SidecarMode, Volume } from '../lib';
import { synthErrors, synthOne, toYaml } from './util';

test('defaults', () => {
  // GIVEN
  const chart = Testing.chart();

  // WHEN
  new GpuPod(chart, 'Train', {
    name: 'train',
    container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime' },
    gpuCount: 1,
  });

  // THEN: an integer limit of nvidia.com/gpu and the toleration for the GPU nodes' taint
  const out = synthOne(chart);
  expect(out.spec).toEqual({
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    containers: [{
      name: 'trainer',
      image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
      resources: { limits: { 'nvidia.com/gpu': 1 } },
    }],
  });
  expect(toYaml(out)).toMatchSnapshot();
});

test('vendors, MIG profiles and custom resources', () => {
  const chart = Testing.chart();
  const pods = [
    new GpuPod(chart, 'Amd', { container: { name: 'c', image: 'rocm/pytorch:latest' }, gpuCount: 2, gpuVendor: GpuVendor.AMD }),
    new GpuPod(chart, 'Intel', { container: { name: 'c', image: 'intel/xpu:1' }, gpuCount: 1, gpuVendor: GpuVendor.INTEL }),
    new GpuPod(chart, 'Mig', { container: { name: 'c', image: 'cuda:12' }, gpuCount: 1, gpuVendor: GpuVendor.nvidiaMig('1g.5gb') }),
    new GpuPod(chart, 'Gaudi', { container: { name: 'c', image: 'gaudi:1' }, gpuCount: 8, gpuVendor: GpuVendor.custom('habana.ai/gaudi'), tolerateGpuTaint: false }),
  ];
  const objects = Testing.synth(chart);
  expect(objects.map((o: any) => [o.metadata.name, o.spec.containers[0].resources.limits, o.spec.tolerations?.[0]?.key])).toEqual([
    ['amd', { 'amd.com/gpu': 2 }, 'amd.com/gpu'],
    ['intel', { 'gpu.intel.com/i915': 1 }, 'gpu.intel.com/i915'],
    ['mig', { 'nvidia.com/mig-1g.5gb': 1 }, 'nvidia.com/gpu'],
    ['gaudi', { 'habana.ai/gaudi': 8 }, undefined],
  ]);
  expect(pods[2].gpuVendor.taintKey).toEqual('nvidia.com/gpu');
});

test('shared memory, node selection, runtime class and CPU/memory next to the GPUs', () => {
  const chart = Testing.chart();
  new GpuPod(chart, 'Train', {
    container: { name: 'trainer', image: 'trainer:1', resources: { memory: { limit: Size.gibibytes(64) } } },
    gpuCount: 4,
    nodeSelector: { gpu: 'true' },
    runtimeClassName: 'nvidia',
    sharedMemory: Size.gibibytes(16),
  });
  const spec = synthOne(chart).spec;
  expect(spec.nodeSelector).toEqual({ gpu: 'true' });
  expect(spec.runtimeClassName).toEqual('nvidia');
  expect(spec.containers[0].resources).toEqual({ limits: { 'memory': '64Gi', 'nvidia.com/gpu': 4 } });
  expect(spec.containers[0].volumeMounts).toEqual([{ name: 'dshm', mountPath: '/dev/shm' }]);
  expect(spec.volumes).toEqual([{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '16Gi' } }]);
});

test('composes with sidecars and a shared volume without escape hatches', () => {
  const chart = Testing.chart();
  setKubernetesVersion(chart, KubernetesVersion.V1_29); // native sidecars
  const logs = Volume.emptyDir('logs');
  new GpuPod(chart, 'Train', {
    container: { name: 'trainer', image: 'trainer:1', volumeMounts: [{ volume: logs, path: '/var/log/train' }] },
    gpuCount: 1,
    sidecarMode: SidecarMode.NATIVE,
    sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ volume: logs, path: '/logs', readOnly: true }] }],
  });
  const spec = synthOne(chart).spec;
  expect(spec.initContainers[0]).toEqual({ name: 'shipper', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] });
  expect(spec.containers[0].volumeMounts).toEqual([{ name: 'logs', mountPath: '/var/log/train' }]);
  expect(spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
});

test.each([0.5, 0, -1, Number.NaN])('fails when gpuCount is %p, at synth with the other errors', count => {
  // GIVEN a wrong gpuCount and, in another pod, another mistake
  const chart = Testing.chart();
  new GpuPod(chart, 'Train', { container: { name: 'c', image: 'cuda:12' }, gpuCount: count });
  new GpuPod(chart, 'Other', { container: { name: 'C', image: 'cuda:12' }, gpuCount: 1 });

  // THEN both are reported at synth, the GPU count without a limit that would repeat it
  expect(synthErrors(chart)).toEqual([
    `[test/Train] gpuCount: expected a positive whole number of GPUs, got ${count}; GPUs are not divisible, so request 1 or more (for a slice of an A100/H100 use gpuVendor: GpuVendor.nvidiaMig('1g.5gb')) [gpu-pod]`,
    "[test/Other] spec.containers[0].name: container name 'C' is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit; use 'c' [container-name]",
  ]);
});

test('fails when resources.extended disagrees with gpuCount', () => {
  const chart = Testing.chart();
  new GpuPod(chart, 'Train', { container: { name: 'c', image: 'cuda:12', resources: { extended: { 'nvidia.com/gpu': 4 } } }, gpuCount: 1 });
  expect(synthErrors(chart)).toEqual([
    "[test/Train] container.resources.extended['nvidia.com/gpu']: container 'c' asks for 4 nvidia.com/gpu, but gpuCount is 1; the GpuPod sets the GPU limit from gpuCount, so remove the extended entry and set gpuCount: 4 if that is the number you want [gpu-pod]",
  ]);
});

test('an extended entry equal to gpuCount is accepted', () => {
  const chart = Testing.chart();
  new GpuPod(chart, 'Train', { container: { name: 'c', image: 'cuda:12', resources: { extended: { 'nvidia.com/gpu': 2 } } }, gpuCount: 2 });
  expect(synthOne(chart).spec.containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': 2 } });
});

test('fails when a GPU limit is not a whole number', () => {
  const chart = Testing.chart();
  const pod = new GpuPod(chart, 'Train', { name: 'train', container: { name: 'c', image: 'cuda:12' }, gpuCount: 1 });
  pod.addContainer({ name: 'helper', image: 'cuda:12', resources: { extended: { 'nvidia.com/gpu': 1.5 } } });
  expect(synthErrors(chart)).toEqual([
    "[test/Train] spec.containers[1].resources.limits['nvidia.com/gpu']: nvidia.com/gpu limit 1.5 of container 'helper' is not a whole number; extended resources such as GPUs are not divisible, so request 2 (or a MIG profile such as 'nvidia.com/mig-1g.5gb' for a slice) [extended-resource]",
  ]);
});

test('fails when a GPU request differs from its limit', () => {
  // GIVEN a GpuPod whose GPU request, patched in through the escape hatch, differs from the limit of 1
  const chart = Testing.chart();
  const pod = new GpuPod(chart, 'Train', { name: 'train', container: { name: 'c', image: 'cuda:12' }, gpuCount: 1 });
  pod.apiObject.addJsonPatch(JsonPatch.add('/spec/containers/0/resources/requests', { 'nvidia.com/gpu': 2 }));

  // THEN synth fails with the request, the limit and the fix
  expect(synthErrors(chart)).toEqual([
    "[test/Train] spec.containers[0].resources.requests['nvidia.com/gpu']: nvidia.com/gpu request 2 differs from its limit 1 in container 'c'; extended resources cannot be overcommitted, so make them equal or drop the request [extended-resource]",
  ]);
});
