// Services and Ingresses as the library's `Service` and `Ingress` constructs.
import { PathType } from '../constructs/ingress';
import { ServiceType } from '../constructs/service';
import { arr, construct, Expr, json, Key, obj, Stmt, THIS } from './code';
import { enumMember, Fields, isInt, isObject, isString, isStringList, isStringMap, metadataEntries, Notes } from './fields';

/** One way to write a Service or Ingress. */
export interface ObjectCandidate {
  readonly stmts: Stmt[];
  readonly notes: Notes;
}

/** The constructs for other kinds, by `apiVersion/kind`. */
export function kubeObjectCandidate(value: { readonly [key: string]: any }, id: string, handle: string): ObjectCandidate | undefined {
  const key = `${value.apiVersion}/${value.kind}`;
  if (key !== 'v1/Service' && key !== 'networking.k8s.io/v1/Ingress') return undefined;
  const notes: Notes = new Map();
  const what = `${value.kind}Props`;
  const entries = metadataEntries(value.metadata, what, notes);
  const spec = isObject(value.spec) ? value.spec : {};
  const f = new Fields(spec, ['spec'], what, notes);
  entries.push(...(value.kind === 'Service' ? serviceEntries(f, notes) : ingressEntries(f, notes)));
  f.done();
  for (const k of Object.keys(value)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(k)) notes.set(`/${k}`, `${what} has no ${k}`);
  }
  return { notes, stmts: [{ declare: handle, expr: construct(value.kind, THIS, json(id), obj(entries)) }] };
}

const oneOf = (v: unknown, values: readonly string[]) => (isString(v) && values.includes(v) ? json(v) : undefined);

function serviceEntries(f: Fields, notes: Notes): Array<[Key, Expr | undefined]> {
  const type = f.take('type');
  const clusterIP = f.take('clusterIP');
  if (clusterIP !== undefined && clusterIP !== 'None') notes.set('/spec/clusterIP', 'ServiceProps has no clusterIP other than None (headless)');
  const externalName = f.take('externalName');
  const selector = f.take('selector');
  const ports = f.take('ports');
  const portList = Array.isArray(ports) ? ports.map((p, i) => servicePort(p, i, notes)) : [];
  return [
    ['type', type === undefined ? undefined : enumMember('ServiceType', ServiceType, type)],
    ['headless', clusterIP === 'None' ? json(true) : undefined],
    ['externalName', isString(externalName) ? json(externalName) : undefined],
    ['selector', isStringMap(selector) ? json(selector) : undefined],
    // ports is required: a list that does not fit is written empty and patched back.
    ['ports', portList.every(p => p !== undefined) ? arr(portList as Expr[]) : arr([])],
    ['externalTrafficPolicy', oneOf(f.take('externalTrafficPolicy'), ['Cluster', 'Local'])],
    ['sessionAffinity', oneOf(f.take('sessionAffinity'), ['None', 'ClientIP'])],
  ];
}

function servicePort(p: unknown, i: number, notes: Notes): Expr | undefined {
  if (!isObject(p) || !isInt(p.port)) return undefined;
  const f = new Fields(p, ['spec', 'ports', i], 'ServicePort', notes);
  const port = f.take('port');
  const target = f.take('targetPort');
  const name = f.take('name');
  const protocol = f.take('protocol');
  const nodePort = f.take('nodePort');
  const appProtocol = f.take('appProtocol');
  f.done();
  return obj([
    ['name', isString(name) ? json(name) : undefined],
    ['port', json(port)],
    ['targetPort', isInt(target) || isString(target) ? json(target) : undefined],
    ['protocol', oneOf(protocol, ['TCP', 'UDP', 'SCTP'])],
    ['nodePort', isInt(nodePort) ? json(nodePort) : undefined],
    ['appProtocol', isString(appProtocol) ? json(appProtocol) : undefined],
  ]);
}

function ingressEntries(f: Fields, notes: Notes): Array<[Key, Expr | undefined]> {
  const className = f.take('ingressClassName');
  const defaultBackend = backend(f.take('defaultBackend'));
  const tls = f.take('tls');
  const rules = f.take('rules');
  let tlsExpr: Expr | undefined;
  if (Array.isArray(tls) && tls.length > 0 && tls.every(t => isObject(t) && isStringList(t.hosts) && (t.secretName === undefined || isString(t.secretName)) && Object.keys(t).every(k => k === 'hosts' || k === 'secretName'))) {
    tlsExpr = arr(tls.map(t => obj([['hosts', json(t.hosts)], ['secret', t.secretName === undefined ? undefined : json(t.secretName)]])));
  }
  let rulesExpr: Expr | undefined;
  if (Array.isArray(rules) && rules.length > 0) {
    const list = rules.map(r => {
      if (!isObject(r) || Object.keys(r).some(k => k !== 'host' && k !== 'http') || (r.host !== undefined && !isString(r.host))) return undefined;
      const http = r.http;
      if (!isObject(http) || Object.keys(http).length !== 1 || !Array.isArray(http.paths)) return undefined;
      const paths = http.paths.map((p: unknown) => {
        if (!isObject(p) || Object.keys(p).some(k => !['path', 'pathType', 'backend'].includes(k)) || !isString(p.path)) return undefined;
        const type = enumMember('PathType', PathType, p.pathType);
        const b = backend(p.backend);
        return type && b ? obj([['path', json(p.path)], ['pathType', type], ['backend', b]]) : undefined;
      });
      if (paths.some((p: Expr | undefined) => p === undefined)) return undefined;
      return obj([['host', r.host === undefined ? undefined : json(r.host)], ['paths', arr(paths as Expr[])]]);
    });
    if (list.every(r => r !== undefined)) rulesExpr = arr(list as Expr[]);
    else notes.set('/spec/rules', 'a rule does not fit IngressRule (host and http.paths of path, pathType and a service backend)');
  }
  return [['ingressClassName', isString(className) ? json(className) : undefined], ['defaultBackend', defaultBackend], ['tls', tlsExpr], ['rules', rulesExpr]];
}

/** `{ service: 'web', port: 'http' }` for a service backend. */
function backend(b: unknown): Expr | undefined {
  if (!isObject(b) || Object.keys(b).length !== 1 || !isObject(b.service)) return undefined;
  const s = b.service;
  if (Object.keys(s).length !== 2 || !isString(s.name) || !isObject(s.port) || Object.keys(s.port).length !== 1) return undefined;
  const port = isInt(s.port.number) ? s.port.number : isString(s.port.name) ? s.port.name : undefined;
  return port === undefined ? undefined : obj([['service', json(s.name)], ['port', json(port)]]);
}
