// What a candidate synthesizes, and the JSON patches that make it equal to the input: the
// converter runs the statements it is about to print against the library itself.
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvFrom, EnvValue } from '../model/env';
import { GpuPod, GpuVendor } from '../constructs/gpu-pod';
import { NodeLabel } from '../model/node-selector';
import { Pod, setKubernetesVersion, SidecarMode } from '../constructs/pod';
import { LifecycleHandler, Probe } from '../model/probe';
import { KubernetesVersion } from '../rules';
import { SharedVolumePod } from '../constructs/shared-volume-pod';
import { SidecarPod } from '../constructs/sidecar-pod';
import { TolerationOperator } from '../model/toleration';
import { Ingress, PathType } from '../constructs/ingress';
import { Service, ServiceType } from '../constructs/service';
import { ProjectedSource, Volume } from '../model/volume';
import {
  AccessMode, CompletionMode, ConcurrencyPolicy, CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, Job, LabelSelectorOperator,
  PodManagementPolicy, StatefulSet, StatefulSetUpdateStrategy,
} from '../constructs/workload';
import { run, Stmt } from './code';

/** Every symbol the generated program may import, by module, with its value for evaluation. */
export const MODULES: { readonly [module: string]: { readonly [name: string]: unknown } } = {
  'cdk8s': { ApiObject, App, Chart, Duration, JsonPatch, Size },
  'constructs': { Construct },
  'cdk8s-pods': {
    Capability: kplus.Capability, Cpu: kplus.Cpu, DnsPolicy: kplus.DnsPolicy, EmptyDirMedium: kplus.EmptyDirMedium,
    EnvFieldPaths: kplus.EnvFieldPaths, EnvFrom, EnvValue, GpuPod, GpuVendor, HostPathVolumeType: kplus.HostPathVolumeType,
    ImagePullPolicy: kplus.ImagePullPolicy, KubernetesVersion, LifecycleHandler, MountPropagation: kplus.MountPropagation, NodeLabel, Pod,
    Probe, ProjectedSource, Protocol: kplus.Protocol, ResourceFieldPaths: kplus.ResourceFieldPaths, RestartPolicy: kplus.RestartPolicy,
    SeccompProfileType: kplus.SeccompProfileType, setKubernetesVersion, SharedVolumePod, SidecarMode, SidecarPod,
    TaintEffect: kplus.TaintEffect, TolerationOperator, Volume,
    AccessMode, CompletionMode, ConcurrencyPolicy, CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, Job,
    LabelSelectorOperator, PodManagementPolicy, StatefulSet, StatefulSetUpdateStrategy, Service, ServiceType, Ingress, PathType,
  },
};

const SYMBOLS: { [name: string]: unknown } = Object.assign({}, ...Object.values(MODULES));

/**
 * The object the statements synthesize: they run in a chart of their own (with the chart's id
 * and Kubernetes release, as in the program), and `handle` names the construct to render.
 * Undefined when they throw.
 */
export function synthesize(stmts: readonly Stmt[], handle: string, chartId: string, kubernetesVersion?: KubernetesVersion): unknown {
  try {
    const app = new App({ outdir: '.' });
    const chart = new Chart(app, chartId);
    if (kubernetesVersion !== undefined) setKubernetesVersion(chart, kubernetesVersion);
    const scope = { symbols: SYMBOLS, vars: new Map<string, unknown>(), self: chart };
    run(stmts, scope);
    return ApiObject.of(scope.vars.get(handle) as Construct).toJson();
  } catch {
    return undefined;
  }
}

/** One JSON patch operation, as `JsonPatch.add/replace/remove` takes it. */
export interface PatchOp {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value?: unknown;
}

/** Deep equality of parsed JSON/YAML values: the same keys, values and array order. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && equal((a as any)[k], (b as any)[k]));
}

const escape = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** The patches that turn `actual` into `expected`, as few and as deep as possible. */
export function diff(actual: unknown, expected: unknown, path = ''): PatchOp[] {
  if (equal(actual, expected)) return [];
  const isMap = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(actual) && isMap(expected)) {
    const ops: PatchOp[] = [];
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) ops.push({ op: 'remove', path: `${path}/${escape(key)}` });
    }
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) ops.push({ op: 'add', path: `${path}/${escape(key)}`, value: expected[key] });
      else ops.push(...diff(actual[key], expected[key], `${path}/${escape(key)}`));
    }
    return ops;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length === expected.length) return actual.flatMap((a, i) => diff(a, expected[i], `${path}/${i}`));
    // Items missing from a list that is otherwise right are inserted where they belong.
    if (actual.length < expected.length) {
      const ops: PatchOp[] = [];
      let j = 0;
      expected.forEach((e, i) => {
        if (j < actual.length && equal(actual[j], e)) j++;
        else ops.push({ op: 'add', path: `${path}/${i}`, value: e });
      });
      if (j === actual.length) return ops;
    }
  }
  return [{ op: actual === undefined ? 'add' : 'replace', path, value: expected }];
}
