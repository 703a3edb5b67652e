import { Size, SizeRoundingBehavior } from 'cdk8s';

const BINARY_UNITS: ReadonlyArray<[string, (s: Size) => number]> = [
  ['Pi', s => s.toPebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ki', s => s.toKibibytes({ rounding: SizeRoundingBehavior.NONE })],
];

/**
 * Renders a cdk8s `Size` as a Kubernetes quantity in the largest binary unit that keeps it whole
 * (`Size.mebibytes(1024)` -> `1Gi`, `Size.mebibytes(1536)` -> `1536Mi`).
 * @internal
 */
export function _sizeToQuantity(size: Size): string {
  for (const [suffix, convert] of BINARY_UNITS) {
    const amount = convert(size);
    if (amount >= 1 && Number.isInteger(amount)) {
      return `${amount}${suffix}`;
    }
  }
  const kib = BINARY_UNITS[BINARY_UNITS.length - 1][1](size);
  return `${kib}Ki`;
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
  return typeof ref === 'string' ? ref : ref.name;
}
