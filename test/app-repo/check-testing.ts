// An app repo's own test helpers, from the packed package's `cdk8s-pods/testing` entry point.
import { Testing } from 'cdk8s';
import { GpuPod, SidecarPod } from 'cdk8s-pods';
import { expectSynthFails, Manifests } from 'cdk8s-pods/testing';

const chart = Testing.chart();
new GpuPod(chart, 'Train', { container: { name: 'trainer', image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime' }, gpuCount: 1, nodeSelector: { gpu: 'true' } });
Manifests.of(chart).expectFields('Pod', 'train', { spec: { nodeSelector: { gpu: 'true' }, containers: [{ resources: { limits: { 'nvidia.com/gpu': 1 } } }] } });

const bad = Testing.chart();
new SidecarPod(bad, 'Web', { app: { name: 'web', image: 'nginx:1.25', port: 80 }, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 80 }] });
expectSynthFails(bad, ['port-clash']);
console.log('cdk8s-pods/testing: ok');
