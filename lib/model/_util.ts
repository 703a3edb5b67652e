import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { FieldPath } from '../rules/engine';

/**
 * Renders a cdk8s `Size` as a Kubernetes quantity in the largest binary unit that keeps it whole
 * (`Size.mebibytes(1024)` -> `1Gi`, `Size.mebibytes(1536)` -> `1536Mi`).
 * @internal
 */
export function _sizeToQuantity(size: Size): string {
  // Built per call, not once per module: a module-level table is code the mutation run cannot judge
  // (its mutants take effect only when the module loads, outside the tests that cover them).
  const none = { rounding: SizeRoundingBehavior.NONE };
  const units: ReadonlyArray<[string, number]> = [
    ['Pi', size.toPebibytes(none)],
    ['Ti', size.toTebibytes(none)],
    ['Gi', size.toGibibytes(none)],
    ['Mi', size.toMebibytes(none)],
  ];
  for (const [suffix, amount] of units) {
    if (amount >= 1 && Number.isInteger(amount)) {
      return `${amount}${suffix}`;
    }
  }
  return `${size.toKibibytes(none)}Ki`;
}

/**
 * Renders a `Size` as a quantity; anything else (a plain-JS caller's number or string) as it is,
 * for the rules to judge.
 * @internal
 */
export function _quantity(size: unknown): unknown {
  return typeof (size as Size | undefined)?.toKibibytes === 'function' ? _sizeToQuantity(size as Size) : size;
}

/**
 * Renders a `Duration` in seconds, fractions kept (`Duration.millis(1500)` -> 1.5), so the rules
 * report a duration that is not whole seconds with its path instead of cdk8s throwing; anything
 * else as it is.
 * @internal
 */
export function _seconds(duration: unknown): unknown {
  const d = duration as { toSeconds?: (opts: { integral: boolean }) => number } | undefined;
  return typeof d?.toSeconds === 'function' ? d.toSeconds({ integral: false }) : duration;
}

/**
 * Reports a props problem found while rendering, at the path of the field it renders to; the pod
 * lists it at synth with the rule findings (rule `field-type`).
 * @internal
 */
export type _Report = (path: FieldPath, message: string) => void;

/** A plain object literal (not an array, not null, not a class instance). @internal */
export function _isPlainObject(value: unknown): value is { [key: string]: any } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of the plain data in `value` (arrays and object literals); class instances such as
 * `Volume`, `Duration`, `Size`, `Cpu` or a cdk8s-plus `Secret` are kept as they are, since they do
 * not change after they are made. Props are copied once, at construction, so the output never
 * depends on objects the caller changes later.
 * @internal
 */
export function _snapshot<T>(value: T, seen: Map<object, unknown> = new Map()): T {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(_snapshot(item, seen));
    return out as T;
  }
  if (!_isPlainObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = _snapshot((value as any)[key], seen);
  return out as T;
}

/**
 * `items` mapped with `fn` when it is a list; anything else as it is, for the rules to judge.
 * @internal
 */
export function _mapList<T, U>(items: readonly T[] | undefined, fn: (item: T, index: number) => U): U[] | undefined {
  return Array.isArray(items) ? items.map(fn) : items as unknown as U[] | undefined;
}

/**
 * Removes the keys whose value is `undefined`, keeping the insertion order of the rest.
 * @internal
 */
export function _compact<T extends object>(obj: T): T {
  const out: any = {};
  for (const key of Object.keys(obj)) {
    const value = (obj as any)[key];
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Returns the array, or `undefined` when it is empty, so empty lists are not emitted.
 * @internal
 */
export function _nonEmpty<T>(items: readonly T[] | undefined): T[] | undefined {
  if (items !== undefined && items !== null && !Array.isArray(items)) return items as unknown as T[]; // a plain-JS caller's odd value, for the rules
  return items && items.length > 0 ? [...items] : undefined;
}

/**
 * Returns the map, or `undefined` when it has no keys.
 * @internal
 */
export function _nonEmptyMap<T>(map: { readonly [key: string]: T } | undefined): { [key: string]: T } | undefined {
  if (!map) return undefined;
  for (const _ in map) return { ...map };
  return undefined;
}

/**
 * The Kubernetes name of a cdk8s-plus resource, or the name given as a string.
 * @internal
 */
export function _refName(ref: { readonly name: string } | string): string {
  // A plain-JS caller's null or number is rendered as it is, for the rules to report.
  return typeof ref === 'object' && ref !== null && 'name' in ref ? ref.name : ref as string;
}

/**
 * The default `metadata.name` of a construct: its id in lower case, with every run of characters
 * other than letters, digits, `-` and `.` turned into one `-` (`Web` -> `web`, `Order App` -> `order-app`).
 * @internal
 */
export function _nameFromId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}
