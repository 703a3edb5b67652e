// The one entry point of the package (plus `cdk8s-pods/testing`). The layers, one way:
// constructs -> model -> rules; lint and convert sit beside the constructs and use the same model and rules.

// lib/model: typed state of containers, env, probes, volumes, tolerations, node labels, and its rendering
export * from './model/container';
export * from './model/env';
export * from './model/node-selector';
export * from './model/probe';
export * from './model/security';
export * from './model/toleration';
export * from './model/volume';

// lib/constructs: the pod constructs, the workloads, Services and Ingresses
export { KubeObject } from './constructs/_object';
export type { ObjectMetadataProps } from './constructs/_object';
export * from './constructs/pod';
export * from './constructs/sidecar-pod';
export * from './constructs/gpu-pod';
export * from './constructs/shared-volume-pod';
export * from './constructs/workload';
export * from './constructs/service';
export * from './constructs/ingress';

// lib/rules: the one rule set
export { RULES, checkManifest, checkManifests, formatFinding, podTarget, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION, KubernetesVersion, DEFAULT_KUBERNETES_VERSION } from './rules';
export type { Finding, Rule, Severity, CheckOptions } from './rules';

// The cdk8s-plus enums and value types the props use, so one import is enough.
export {
  Capability, ContainerRestartPolicy, Cpu, DnsPolicy, EmptyDirMedium, EnvFieldPaths, HostPathVolumeType, ImagePullPolicy,
  MountPropagation, Protocol, ResourceFieldPaths, RestartPolicy, SeccompProfileType, TaintEffect,
} from 'cdk8s-plus-28';

// lib/lint: file reading, the validation plugin, output formats; lib/convert: YAML -> typed code
export { PodValidation } from './lint/plugin';
export type { PodValidationProps } from './lint/plugin';
export { lintFiles, lintPaths, lintText } from './lint';
export type { FileFinding, LintOptions, LintResult, SkippedFile } from './lint';
export type { LintReport, ReportFinding } from './lint/format';
export { convert, convertDetailed, ConvertError } from './convert';
export type { ConvertOptions, ConvertResult, ConvertText } from './convert';
