'use strict';
// The workload point of the benchmark: N Deployments (3 replicas, the pod of pods.js as template,
// labels app=bench-<i>) with a Service each (port 80 -> the web container's port), three ways:
//   ours  SharedVolumePod + Deployment + Service from build/lib (our rules, the cross-object rules included)
//   plus  kplus.Deployment + deployment.exposeViaService()
//   l1    raw KubeDeployment + KubeService
// `node scripts/bench/workloads.js <variant> <n>` prints one JSON line like child.js's.
const { LOADERS, SPEC } = require('./pods');

const W = SPEC.web;
const C = SPEC.content;

const BUILDERS = {
  ours(chart, i, { cdk8s, lib }) {
    const { Size } = cdk8s;
    const { SharedVolumePod, Volume, EnvValue, Cpu, Deployment, Service } = lib;
    const html = Volume.emptyDir(SPEC.volume);
    const pod = new SharedVolumePod(chart, `pod-${i}`, {
      labels: { app: `bench-${i}` },
      nodeSelector: { ...SPEC.nodeSelector },
      sharedVolumes: [html],
      containers: [
        {
          name: W.name,
          image: W.image,
          port: W.port,
          resources: {
            cpu: { request: Cpu.millis(W.cpu.request), limit: Cpu.millis(W.cpu.limit) },
            memory: { request: Size.mebibytes(W.memory.request), limit: Size.mebibytes(W.memory.limit) },
          },
          volumeMounts: [{ volume: html, path: W.mountPath }],
        },
        {
          name: C.name,
          image: C.image,
          command: [...C.command],
          port: C.port,
          env: Object.fromEntries(C.env.map(([k, v]) => [k, EnvValue.literal(v)])),
          resources: {
            cpu: { request: Cpu.millis(C.cpu.request), limit: Cpu.millis(C.cpu.limit) },
            memory: { request: Size.mebibytes(C.memory.request), limit: Size.mebibytes(C.memory.limit) },
          },
          volumeMounts: [{ volume: html, path: C.mountPath }],
        },
      ],
    });
    const deployment = new Deployment(chart, `deploy-${i}`, { name: `app-${i}`, template: pod, replicas: 3 });
    new Service(chart, `svc-${i}`, { name: `app-${i}`, selects: deployment, ports: [{ port: 80, targetPort: W.port }] });
  },

  plus(chart, i, { cdk8s, kplus }) {
    const { Size, ApiObject, JsonPatch } = cdk8s;
    const d = new kplus.Deployment(chart, `deploy-${i}`, { metadata: { name: `app-${i}` }, replicas: 3, podMetadata: { labels: { app: `bench-${i}` } } });
    const html = kplus.Volume.fromEmptyDir(d, 'html', SPEC.volume);
    d.addContainer({
      name: W.name,
      image: W.image,
      portNumber: W.port,
      resources: {
        cpu: { request: kplus.Cpu.millis(W.cpu.request), limit: kplus.Cpu.millis(W.cpu.limit) },
        memory: { request: Size.mebibytes(W.memory.request), limit: Size.mebibytes(W.memory.limit) },
      },
      volumeMounts: [{ volume: html, path: W.mountPath }],
    });
    d.addContainer({
      name: C.name,
      image: C.image,
      command: [...C.command],
      portNumber: C.port,
      envVariables: Object.fromEntries(C.env.map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
      resources: {
        cpu: { request: kplus.Cpu.millis(C.cpu.request), limit: kplus.Cpu.millis(C.cpu.limit) },
        memory: { request: Size.mebibytes(C.memory.request), limit: Size.mebibytes(C.memory.limit) },
      },
      volumeMounts: [{ volume: html, path: C.mountPath }],
    });
    ApiObject.of(d).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { ...SPEC.nodeSelector }));
    d.exposeViaService({ name: `app-${i}`, ports: [{ port: 80, targetPort: W.port }] });
  },

  l1(chart, i, { cdk8s, k8s }) {
    const q = s => k8s.Quantity.fromString(s);
    const labels = { app: `bench-${i}` };
    new k8s.KubeDeployment(chart, `deploy-${i}`, {
      metadata: { name: `app-${i}` },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { ...SPEC.nodeSelector },
            containers: [
              {
                name: W.name,
                image: W.image,
                ports: [{ containerPort: W.port }],
                resources: {
                  requests: { cpu: q(`${W.cpu.request}m`), memory: q(`${W.memory.request}Mi`) },
                  limits: { cpu: q(`${W.cpu.limit}m`), memory: q(`${W.memory.limit}Mi`) },
                },
                volumeMounts: [{ name: SPEC.volume, mountPath: W.mountPath }],
              },
              {
                name: C.name,
                image: C.image,
                command: [...C.command],
                ports: [{ containerPort: C.port }],
                env: C.env.map(([name, value]) => ({ name, value })),
                resources: {
                  requests: { cpu: q(`${C.cpu.request}m`), memory: q(`${C.memory.request}Mi`) },
                  limits: { cpu: q(`${C.cpu.limit}m`), memory: q(`${C.memory.limit}Mi`) },
                },
                volumeMounts: [{ name: SPEC.volume, mountPath: C.mountPath }],
              },
            ],
            volumes: [{ name: SPEC.volume, emptyDir: {} }],
          },
        },
      },
    });
    new k8s.KubeService(chart, `svc-${i}`, {
      metadata: { name: `app-${i}` },
      spec: { selector: labels, ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(W.port) }] },
    });
  },
};

const VARIANTS = Object.keys(BUILDERS);

if (require.main === module) {
  const path = require('node:path');
  const [variant, nArg] = process.argv.slice(2);
  const n = Number(nArg);
  if (!VARIANTS.includes(variant) || !Number.isInteger(n) || n < 1) {
    console.error(`usage: node workloads.js <${VARIANTS.join('|')}> <deployments>`);
    process.exit(2);
  }
  const ms = (a, b) => Number(b - a) / 1e6;
  const t0 = process.hrtime.bigint();
  const mods = LOADERS[variant]();
  const t1 = process.hrtime.bigint();
  const { App, Chart } = mods.cdk8s;
  const app = new App({ outdir: path.join(__dirname, '..', '..', '.bench', 'unused-outdir') });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) BUILDERS[variant](chart, i, mods);
  const built = process.hrtime.bigint();
  const yaml = app.synthYaml();
  const t2 = process.hrtime.bigint();
  // Sanity, outside the timed part: one Deployment and one Service each.
  const count = kind => yaml.split(`kind: ${kind}\n`).length - 1;
  if (count('Deployment') !== n || count('Service') !== n) {
    console.error(`${variant}: expected ${n} Deployments and Services, got ${count('Deployment')} and ${count('Service')}`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({
    variant,
    deployments: n,
    load_ms: ms(t0, t1),
    synth_ms: ms(t1, t2),
    construct_ms: ms(t1, built),
    yaml_ms: ms(built, t2),
    peak_rss_kb: process.resourceUsage().maxRSS,
  }) + '\n');
}

module.exports = { BUILDERS, VARIANTS };
