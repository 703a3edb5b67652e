#!/usr/bin/env node
'use strict';
// Profiles one benchmark child with `node --cpu-prof` and summarises where the time goes:
//   node scripts/bench/profile.js [variant=ours] [pods=10000] [--top 25] [--interval 200]
//   node scripts/bench/profile.js --summarize file.cpuprofile
// The profile is written under .bench/ (git-ignored). Prints the top functions by self time, time
// by area (our rules, our render, cdk8s resolve/sanitize, YAML, constructs, GC, ...) and the
// inclusive time of the synth phases.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');

/** Area of a call frame, by the file it is in. First match wins. */
const AREAS = [
  [/build\/lib\/rules\//, 'ours: rules (checkManifest)'],
  [/build\/lib\//, 'ours: constructs + render'],
  [/node_modules\/cdk8s\/lib\/(resolve|_util|lazy)\.js/, 'cdk8s: resolve + sanitize'],
  [/node_modules\/cdk8s\/lib\/yaml\.js/, 'cdk8s: Yaml wrapper'],
  [/node_modules\/cdk8s\/lib\/json-patch\.js|node_modules\/fast-json-patch\//, 'cdk8s: json-patch'],
  [/node_modules\/cdk8s\/node_modules\/yaml\/|node_modules\/yaml\//, 'yaml: stringify'],
  [/node_modules\/cdk8s\/lib\/(app|chart|dependency)\.js/, 'cdk8s: app/chart/dependencies'],
  [/node_modules\/cdk8s\/lib\//, 'cdk8s: other (api-object, metadata, ...)'],
  [/node_modules\/cdk8s-plus-28\/lib\/imports\//, 'k8s L1: generated toJson_*'],
  [/node_modules\/cdk8s-plus-28\//, 'cdk8s-plus'],
  [/node_modules\/constructs\//, 'constructs: tree, validate, addr'],
  [/scripts\/bench\//, 'bench script'],
  [/node_modules\/(sucrase|@swc|@swc-node|@jridgewell|ts-node|typescript)\//, 'TS transpile (register hook)'],
  [/^node:|^internal\//, 'node internals'],
];

function area(frame) {
  if (!frame.url) {
    if (frame.functionName === '(garbage collector)') return 'GC';
    if (frame.functionName === '(program)' || frame.functionName === '(idle)' || frame.functionName === '(root)') return frame.functionName;
    return 'builtins/native';
  }
  for (const [re, name] of AREAS) if (re.test(frame.url)) return name;
  return 'other';
}

function shortUrl(url) {
  if (!url) return '';
  return url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
}

function summarize(file, top) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Self time per node from samples and timeDeltas (microseconds).
  const self = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const key = f => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;

  const selfByFn = new Map();
  const selfByArea = new Map();
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    selfByFn.set(key(f), (selfByFn.get(key(f)) ?? 0) + us);
    selfByArea.set(area(f), (selfByArea.get(area(f)) ?? 0) + us);
  }

  // Inclusive time per function, counting a node only when no ancestor is the same function.
  const subtree = new Map();
  const order = [];
  const stack = [prof.nodes[0].id];
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    for (const c of byId.get(id).children ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    let t = self.get(id) ?? 0;
    for (const c of byId.get(id).children ?? []) t += subtree.get(c);
    subtree.set(id, t);
  }
  const inclByName = new Map();
  for (const id of order) {
    const f = byId.get(id).callFrame;
    const name = f.functionName || '(anonymous)';
    const k = `${name} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    let p = parent.get(id);
    let nested = false;
    while (p !== undefined) {
      if (key(byId.get(p).callFrame) === k) { nested = true; break; }
      p = parent.get(p);
    }
    if (!nested) inclByName.set(k, (inclByName.get(k) ?? 0) + subtree.get(id));
  }

  const ms = us => (us / 1000).toFixed(0).padStart(7);
  const pct = us => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const lines = [];
  lines.push(`profile ${shortUrl(file)}: ${(total / 1000).toFixed(0)} ms sampled`);
  lines.push('');
  lines.push('time by area (self time of the functions in it):');
  for (const [a, us] of [...selfByArea].sort((x, y) => y[1] - x[1])) lines.push(`  ${ms(us)} ms ${pct(us)}  ${a}`);
  lines.push('');
  lines.push(`top ${top} functions by self time:`);
  for (const [k, us] of [...selfByFn].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${ms(us)} ms ${pct(us)}  ${k}`);
  lines.push('');
  lines.push('inclusive time of the synth phases (a function counted once per outermost call):');
  const phases = [
    /^synthYaml .*cdk8s\/lib\/app\.js/, /^validate .*cdk8s\/lib\/app\.js/, /^resolveDependencies /, /^validate .*constructs\//,
    /^_validate .*build\/lib\/pod\.js/, /^checkManifest /, /^checkSharing /, /^toJson .*build\/lib\/pod\.js/, /^_renderSpec /,
    /^toJson .*cdk8s\/lib\/chart\.js/, /^toJson .*cdk8s\/lib\/api-object\.js/, /^resolve .*cdk8s\/lib\/resolve\.js/, /^sanitizeValue /,
    /^stringify .*cdk8s\/lib\/yaml\.js/, /^toJson .*cdk8s\/lib\/metadata\.js/, /^apply .*cdk8s\/lib\/json-patch\.js/,
    /^toJson_KubePodProps/, /^_toKube /, /^SharedVolumePod /, /^Pod .*build\/lib\/pod\.js/, /^Pod .*cdk8s-plus-28/, /^KubePod /,
  ];
  for (const re of phases) {
    for (const [k, us] of inclByName) if (re.test(k)) lines.push(`  ${ms(us)} ms ${pct(us)}  ${k}`);
  }
  return lines.join('\n');
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '25' },
      interval: { type: 'string', default: '200' },
      summarize: { type: 'string' },
    },
  });
  const top = Number(values.top);
  if (values.summarize) {
    console.log(summarize(values.summarize, top));
    return;
  }
  const [variant = 'ours', pods = '10000'] = positionals;
  const dir = path.join(ROOT, '.bench', 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${variant}-${pods}-${Date.now()}.cpuprofile`;
  const r = spawnSync(process.execPath, [
    '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name, '--cpu-prof-interval', values.interval,
    path.join(__dirname, 'child.js'), variant, pods,
  ], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  console.log(`child: ${r.stdout.trim()}`);
  console.log(summarize(path.join(dir, name), top));
}

main();
