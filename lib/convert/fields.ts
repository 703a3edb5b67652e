// Shared helpers of the converters: reading an object's fields while recording which ones the
// typed props do not take (the escape hatch carries those, with the reason recorded here), and
// typed values whose rendering is exact (quantities, durations, enum members).
import { Duration, Size } from 'cdk8s';
import { _quantity, _seconds } from '../model/_util';
import { call, Expr, json, Key, sym } from './code';

/** A field path as segments. */
export type Segments = ReadonlyArray<string | number>;

/** Why fields are carried by the escape hatch, by JSON pointer. */
export type Notes = Map<string, string>;

/** The JSON pointer of a path: `/spec/containers/0/name`. */
export function pointer(segments: Segments): string {
  return segments.map(s => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The dotted path of a JSON pointer, as lint writes paths: `spec.containers[0].name`. */
export function dotted(ptr: string): string {
  let out = '';
  for (const raw of ptr.split('/').slice(1)) {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
export const isStringMap = (v: unknown): v is { [key: string]: string } => isObject(v) && Object.values(v).every(isString);

/**
 * The fields of one input object: `take` marks a field as handled by the typed props; `done`
 * records every other field as one the typed props do not cover (`What has no field`).
 */
export class Fields {
  private readonly used = new Set<string>();

  public constructor(
    public readonly value: { readonly [key: string]: any },
    public readonly at: Segments,
    /** The typed API that holds the object, for the notes: `PodProps`, `ContainerProps`, ... */
    public readonly what: string,
    public readonly notes: Notes,
  ) {}

  /** The value of a field, marked as handled. */
  public take(key: string): any {
    this.used.add(key);
    return this.value[key];
  }

  /** Marks a field as carried by the escape hatch, with the reason. */
  public skip(key: string, reason: string): void {
    this.used.add(key);
    if (key in this.value) this.notes.set(pointer([...this.at, key]), reason);
  }

  /** Records the fields not taken. */
  public done(): void {
    for (const key of Object.keys(this.value)) {
      if (!this.used.has(key)) this.notes.set(pointer([...this.at, key]), `${this.what} has no ${key}`);
    }
  }
}

/** A member of an enum whose value is `value`: `ImagePullPolicy.ALWAYS`. */
export function enumMember(name: string, values: { readonly [member: string]: unknown }, value: unknown): Expr | undefined {
  for (const [member, v] of Object.entries(values)) {
    if (v === value && /^[A-Z_][A-Z0-9_]*$/.test(member)) return sym(`${name}.${member}`);
  }
  return undefined;
}

const SIZE_UNITS: ReadonlyArray<[string, 'kibibytes' | 'mebibytes' | 'gibibytes' | 'tebibytes' | 'pebibyte']> = [
  ['Ki', 'kibibytes'], ['Mi', 'mebibytes'], ['Gi', 'gibibytes'], ['Ti', 'tebibytes'], ['Pi', 'pebibyte'],
];

/** `Size.gibibytes(1)` for `'1Gi'`, when the library renders it back exactly; else undefined. */
export function sizeExpr(value: unknown): Expr | undefined {
  if (!isString(value)) return undefined;
  // Only what the library writes back exactly: `Size.kibibytes(1.5)` is '1.5Ki', `Size.mebibytes(1.5)` is '1536Ki'.
  const m = /^((?:[1-9][0-9]{0,14}|0)(?:\.[0-9]{1,6})?)(Ki|Mi|Gi|Ti|Pi)$/.exec(value);
  if (!m) return undefined;
  const unit = SIZE_UNITS.find(([suffix]) => suffix === m[2]);
  if (!unit) return undefined;
  const amount = Number(m[1]);
  try {
    if (_quantity(Size[unit[1]](amount)) !== value) return undefined;
  } catch {
    return undefined;
  }
  return call(`Size.${unit[1]}`, json(amount));
}

/** `Cpu.millis(500)` for `'500m'`, `Cpu.units(2)` for `'2'`, when exact; else undefined. */
export function cpuExpr(value: unknown): Expr | undefined {
  if (!isString(value)) return undefined;
  const milli = /^([1-9][0-9]{0,14}|0)m$/.exec(value);
  if (milli) return call('Cpu.millis', json(Number(milli[1])));
  if (/^([1-9][0-9]{0,14}|0)(\.[0-9]{1,9})?$/.test(value) && String(Number(value)) === value) return call('Cpu.units', json(Number(value)));
  return undefined;
}

/** `Duration.seconds(n)` for a whole number of seconds the library renders back exactly; else undefined. */
export function secondsExpr(value: unknown): Expr | undefined {
  if (!isInt(value) || value < 0) return undefined;
  try {
    if (_seconds(Duration.seconds(value)) !== value) return undefined;
  } catch {
    return undefined;
  }
  return call('Duration.seconds', json(value));
}

/** The name, namespace, labels and annotations of an object's metadata as prop entries; anything else is a note. */
export function metadataEntries(metadata: unknown, what: string, notes: Notes): Array<[Key, Expr | undefined]> {
  const m = new Fields(isObject(metadata) ? metadata : {}, ['metadata'], what, notes);
  const entries: Array<[Key, Expr | undefined]> = [];
  for (const key of ['name', 'namespace']) {
    const v = m.take(key);
    entries.push([key, isString(v) ? json(v) : undefined]);
  }
  for (const key of ['labels', 'annotations']) {
    const v = m.take(key);
    entries.push([key, isStringMap(v) && Object.keys(v).length > 0 ? json(v) : undefined]);
  }
  m.done();
  return entries;
}
