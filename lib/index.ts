export * from './container';
export * from './env';
export { KubeObject } from './_object';
export type { ObjectMetadataProps } from './_object';
export * from './gpu-pod';
export * from './ingress';
export * from './node-selector';
export * from './pod';
export * from './probe';
export * from './security';
export * from './service';
export * from './shared-volume-pod';
export * from './sidecar-pod';
export * from './toleration';
export * from './volume';
export * from './workload';
export { RULES, checkManifest, checkManifests, formatFinding, podTarget, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION, KubernetesVersion, DEFAULT_KUBERNETES_VERSION } from './rules';
export type { Finding, Rule, Severity, CheckOptions } from './rules';
// The cdk8s-plus enums and value types the props use, so one import is enough.
export {
  Capability, ContainerRestartPolicy, Cpu, DnsPolicy, EmptyDirMedium, EnvFieldPaths, HostPathVolumeType, ImagePullPolicy,
  MountPropagation, Protocol, ResourceFieldPaths, RestartPolicy, SeccompProfileType, TaintEffect,
} from 'cdk8s-plus-28';
export { PodValidation } from './lint/plugin';
export type { PodValidationProps } from './lint/plugin';
export { lintFiles, lintPaths, lintText } from './lint';
export { convert, convertDetailed, ConvertError } from './convert';
export type { ConvertOptions, ConvertResult, ConvertText } from './convert';
export type { FileFinding, LintOptions, LintResult, SkippedFile } from './lint';
export type { LintReport, ReportFinding } from './lint/format';
