// Pod volumes as `Volume` expressions.
import * as kplus from 'cdk8s-plus-28';
import { arr, call, Expr, json, Key, obj } from './code';
import { enumMember, Fields, isBool, isInt, isObject, isString, Notes, pointer, Segments, sizeExpr } from './fields';

const SOURCES = ['emptyDir', 'hostPath', 'configMap', 'secret', 'persistentVolumeClaim', 'downwardAPI', 'projected'];

/**
 * A volume as `Volume.emptyDir('cache')`, `Volume.hostPath(...)`, ..., or undefined for a source
 * the typed API does not have (an `nfs` or `csi` volume): the escape hatch declares those, and
 * containers mount them by name.
 */
export function volumeExpr(v: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(v) || !isString(v.name)) return undefined;
  const sources = Object.keys(v).filter(k => k !== 'name');
  if (sources.length !== 1 || !SOURCES.includes(sources[0]) || !isObject(v[sources[0]])) {
    notes.set(pointer(at), sources.length === 1 ? `Volume has no ${sources[0]} volumes` : 'a volume has one source');
    return undefined;
  }
  const kind = sources[0];
  const f = new Fields(v[kind], [...at, kind], `Volume (${kind})`, notes);
  const name = json(v.name);
  let out: Expr | undefined;
  const opts = (entries: Array<[Key, Expr | undefined]>) => (entries.some(([, e]) => e !== undefined) ? [obj(entries)] : []);
  const bool = (key: string) => {
    const x = f.take(key);
    return isBool(x) ? json(x) : undefined;
  };
  const mode = (key: string) => {
    const x = f.take(key);
    return isInt(x) ? json(x) : undefined;
  };
  switch (kind) {
    case 'emptyDir': {
      const medium = f.take('medium');
      const size = f.take('sizeLimit');
      const m = medium === undefined ? undefined : enumMember('EmptyDirMedium', kplus.EmptyDirMedium, medium);
      const s = size === undefined ? undefined : sizeExpr(size);
      if (size !== undefined && !s) notes.set(pointer([...at, kind, 'sizeLimit']), `${JSON.stringify(size)} has no exact Size form`);
      out = call('Volume.emptyDir', name, ...opts([['medium', m], ['sizeLimit', s]]));
      break;
    }
    case 'hostPath': {
      const path = f.take('path');
      const type = f.take('type');
      if (!isString(path)) break;
      out = call('Volume.hostPath', name, json(path), ...opts([['type', type === undefined ? undefined : enumMember('HostPathVolumeType', kplus.HostPathVolumeType, type)]]));
      break;
    }
    case 'configMap':
    case 'secret': {
      const ref = f.take(kind === 'configMap' ? 'name' : 'secretName');
      if (!isString(ref)) break;
      const items = keyItems(f.take('items'));
      out = call(kind === 'configMap' ? 'Volume.fromConfigMap' : 'Volume.fromSecret', name, json(ref),
        ...opts([['items', items], ['defaultMode', mode('defaultMode')], ['optional', bool('optional')]]));
      break;
    }
    case 'persistentVolumeClaim': {
      const claim = f.take('claimName');
      if (!isString(claim)) break;
      out = call('Volume.fromPersistentVolumeClaim', name, json(claim), ...opts([['readOnly', bool('readOnly')]]));
      break;
    }
    case 'downwardAPI': {
      const items = downwardItems(f.take('items'), [...at, kind, 'items'], notes);
      if (!items) break;
      out = call('Volume.downwardApi', name, items, ...opts([['defaultMode', mode('defaultMode')]]));
      break;
    }
    case 'projected': {
      const sources = f.take('sources');
      if (!Array.isArray(sources)) break;
      const list = sources.map((s, i) => projectedSource(s, [...at, kind, 'sources', i], notes));
      if (list.some(s => s === undefined)) break;
      out = call('Volume.projected', name, arr(list as Expr[]), ...opts([['defaultMode', mode('defaultMode')]]));
      break;
    }
  }
  f.done();
  if (!out) notes.set(pointer(at), `the ${kind} volume does not fit Volume's factory`);
  return out;
}

function keyItems(items: unknown): Expr | undefined {
  if (!Array.isArray(items) || !items.every(i => isObject(i) && isString(i.key) && isString(i.path) && (i.mode === undefined || isInt(i.mode)))) return undefined;
  return arr(items.map(i => obj([['key', json(i.key)], ['path', json(i.path)], ['mode', i.mode === undefined ? undefined : json(i.mode)]])));
}

function downwardItems(items: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!Array.isArray(items)) return undefined;
  const out: Expr[] = [];
  for (const [i, item] of items.entries()) {
    if (!isObject(item) || !isString(item.path)) return undefined;
    const f = new Fields(item, [...at, i], 'DownwardApiFile', notes);
    f.take('path');
    const field = f.take('fieldRef');
    const resource = f.take('resourceFieldRef');
    const mode = f.take('mode');
    f.done();
    let fieldPath: Expr | undefined;
    let res: Expr | undefined;
    if (isObject(field)) {
      const x = new Fields(field, [...at, i, 'fieldRef'], 'DownwardApiFile', notes);
      const p = x.take('fieldPath');
      x.done();
      if (!isString(p)) return undefined;
      fieldPath = json(p);
    }
    if (isObject(resource)) {
      const x = new Fields(resource, [...at, i, 'resourceFieldRef'], 'DownwardApiFile.resource', notes);
      const container = x.take('containerName');
      const r = x.take('resource');
      const divisor = x.take('divisor');
      x.done();
      if (!isString(container) || !isString(r) || (divisor !== undefined && !isString(divisor))) return undefined;
      res = obj([['container', json(container)], ['resource', json(r)], ['divisor', divisor === undefined ? undefined : json(divisor)]]);
    }
    out.push(obj([['path', json(item.path)], ['fieldPath', fieldPath], ['resource', res], ['mode', isInt(mode) ? json(mode) : undefined]]));
  }
  return arr(out);
}

function projectedSource(s: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(s) || Object.keys(s).length !== 1) return undefined;
  const [kind] = Object.keys(s);
  const src = s[kind];
  if (!isObject(src)) return undefined;
  const f = new Fields(src, [...at, kind], `ProjectedSource (${kind})`, notes);
  let out: Expr | undefined;
  if (kind === 'configMap' || kind === 'secret') {
    const name = f.take('name');
    const items = f.take('items');
    const optional = f.take('optional');
    const list = items === undefined ? undefined : keyItems(items);
    if (isString(name) && (items === undefined || list) && (optional === undefined || isBool(optional))) {
      const entries: Array<[Key, Expr | undefined]> = [['items', list], ['optional', optional === undefined ? undefined : json(optional)]];
      out = call(`ProjectedSource.${kind}`, json(name), ...(entries.some(([, e]) => e) ? [obj(entries)] : []));
    }
  } else if (kind === 'downwardAPI') {
    const items = downwardItems(f.take('items'), [...at, kind, 'items'], notes);
    if (items) out = call('ProjectedSource.downwardApi', items);
  } else if (kind === 'serviceAccountToken') {
    const path = f.take('path');
    const audience = f.take('audience');
    const seconds = f.take('expirationSeconds');
    if (isString(path) && (audience === undefined || isString(audience)) && (seconds === undefined || isInt(seconds))) {
      const entries: Array<[Key, Expr | undefined]> = [['audience', audience === undefined ? undefined : json(audience)], ['expirationSeconds', seconds === undefined ? undefined : json(seconds)]];
      out = call('ProjectedSource.serviceAccountToken', json(path), ...(entries.some(([, e]) => e) ? [obj(entries)] : []));
    }
  }
  f.done();
  return out;
}
