import type * as kplus from 'cdk8s-plus-28';
import { _compact } from './_util';

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** Matches when the taint has the key, whatever its value. */
  EXISTS = 'Exists',
  /** Matches when the taint's value equals the toleration's value. */
  EQUAL = 'Equal',
}

/**
 * Lets the pod schedule onto nodes with a matching taint.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface Toleration {
  /**
   * The taint key.
   * @default - every key (only with operator Exists)
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default - Equal (`operator` is not emitted)
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value, for operator Equal.
   * @default - none
   */
  readonly value?: string;
  /**
   * The taint effect tolerated.
   * @default - every effect
   */
  readonly effect?: kplus.TaintEffect;
  /**
   * For NoExecute taints: how long the pod stays bound after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** @internal A plain-JS caller's null or other odd value is rendered as it is, for the rules to report. */
export function _renderToleration(t: Toleration): unknown {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return t;
  return _compact({ key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds });
}
