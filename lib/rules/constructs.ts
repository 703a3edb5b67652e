// The contracts of the constructs themselves: what a SidecarPod, SharedVolumePod or GpuPod promises
// on top of the pod, and the props every construct must get right. They are checked at synth by the
// constructs (YAML has no such contract), and listed here so `cdk8s-pods rules` and the README name
// every id a synth error can end with.
import { defineRule } from './engine';

const atSynth = () => undefined;

export const podProps = defineRule({
  id: 'pod',
  family: 'constructs',
  severity: 'error',
  basis: 'policy',
  target: 'construct',
  description: "a construct's own settings are usable: podSecurityStandard is a level, the Kubernetes release context is supported, a pod that is a workload's template is patched through the workload; an object that could not be rendered or checked is reported here, never thrown (constructs only)",
  check: atSynth,
});

export const sidecarPod = defineRule({
  id: 'sidecar-pod',
  family: 'constructs',
  severity: 'error',
  basis: 'policy',
  target: 'construct',
  description: 'a SidecarPod has at least one sidecar when it is synthesized, from its props or addSidecar() (constructs only)',
  check: atSynth,
});

export const sharedVolumePod = defineRule({
  id: 'shared-volume-pod',
  family: 'constructs',
  severity: 'error',
  basis: 'policy',
  target: 'construct',
  description: 'a SharedVolumePod has shared volumes, each mounted by two or more of its containers when it is synthesized (constructs only)',
  check: atSynth,
});

export const gpuPod = defineRule({
  id: 'gpu-pod',
  family: 'constructs',
  severity: 'error',
  basis: 'policy',
  target: 'construct',
  description: "a GpuPod's gpuCount is a positive whole number, and the GPU container's own extended resource entry for the vendor, if any, agrees with it (constructs only)",
  check: atSynth,
});
