'use strict';
// The one realistic pod of the benchmark, written three ways: with our constructs ("ours"), with
// cdk8s-plus-28 ("plus") and as a raw L1 KubePod ("l1"). All three must synthesize to the same
// object apart from the fields cdk8s-plus injects on its own (see equivalence.js).
//
// Pod i: metadata.name pod-${i}, label app=bench, nodeSelector gpu=true, one emptyDir volume `html`
// shared by two containers:
//   web      nginx:1.25, port 80, mounts html at /usr/share/nginx/html, cpu 100m/500m, memory 64Mi/128Mi
//   content  busybox:1.36 writer, port 9000, env PROFILE + MESSAGE='running on $(PROFILE)',
//            mounts html at /var/html, cpu 50m/200m, memory 32Mi/64Mi
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

const SPEC = {
  labels: { app: 'bench' },
  nodeSelector: { gpu: 'true' },
  volume: 'html',
  web: {
    name: 'web',
    image: 'nginx:1.25',
    port: 80,
    mountPath: '/usr/share/nginx/html',
    cpu: { request: 100, limit: 500 }, // millicores
    memory: { request: 64, limit: 128 }, // MiB
  },
  content: {
    name: 'content',
    image: 'busybox:1.36',
    command: ['sh', '-c', 'while true; do echo "$MESSAGE" > /var/html/index.html; date >> /var/html/index.html; sleep 5; done'],
    port: 9000,
    env: [['PROFILE', 'production'], ['MESSAGE', 'running on $(PROFILE)']],
    mountPath: '/var/html',
    cpu: { request: 50, limit: 200 },
    memory: { request: 32, limit: 64 },
  },
};

/** Module loaders: what each variant needs, loaded in the child before the timer starts. */
const LOADERS = {
  ours: () => ({
    cdk8s: require('cdk8s'),
    lib: require(path.join(ROOT, 'build', 'lib')),
  }),
  plus: () => ({
    cdk8s: require('cdk8s'),
    kplus: require('cdk8s-plus-28'),
  }),
  l1: () => ({
    cdk8s: require('cdk8s'),
    k8s: require('cdk8s-plus-28').k8s,
  }),
};

/** Builders: add pod i to `chart`. Each gets the modules its loader returned. */
const BUILDERS = {
  ours(chart, i, { cdk8s, lib }) {
    const { Size } = cdk8s;
    const { SharedVolumePod, Volume, EnvValue, Cpu } = lib;
    const html = Volume.emptyDir(SPEC.volume);
    const w = SPEC.web;
    const c = SPEC.content;
    new SharedVolumePod(chart, `pod-${i}`, {
      name: `pod-${i}`,
      labels: { ...SPEC.labels },
      nodeSelector: { ...SPEC.nodeSelector },
      sharedVolumes: [html],
      containers: [
        {
          name: w.name,
          image: w.image,
          port: w.port,
          resources: {
            cpu: { request: Cpu.millis(w.cpu.request), limit: Cpu.millis(w.cpu.limit) },
            memory: { request: Size.mebibytes(w.memory.request), limit: Size.mebibytes(w.memory.limit) },
          },
          volumeMounts: [{ volume: html, path: w.mountPath }],
        },
        {
          name: c.name,
          image: c.image,
          command: [...c.command],
          port: c.port,
          env: Object.fromEntries(c.env.map(([k, v]) => [k, EnvValue.literal(v)])),
          resources: {
            cpu: { request: Cpu.millis(c.cpu.request), limit: Cpu.millis(c.cpu.limit) },
            memory: { request: Size.mebibytes(c.memory.request), limit: Size.mebibytes(c.memory.limit) },
          },
          volumeMounts: [{ volume: html, path: c.mountPath }],
        },
      ],
    });
  },

  plus(chart, i, { cdk8s, kplus }) {
    const { Size, ApiObject, JsonPatch } = cdk8s;
    const w = SPEC.web;
    const c = SPEC.content;
    const pod = new kplus.Pod(chart, `pod-${i}`, { metadata: { name: `pod-${i}`, labels: { ...SPEC.labels } } });
    const html = kplus.Volume.fromEmptyDir(pod, 'html', SPEC.volume);
    pod.addContainer({
      name: w.name,
      image: w.image,
      portNumber: w.port,
      resources: {
        cpu: { request: kplus.Cpu.millis(w.cpu.request), limit: kplus.Cpu.millis(w.cpu.limit) },
        memory: { request: Size.mebibytes(w.memory.request), limit: Size.mebibytes(w.memory.limit) },
      },
      volumeMounts: [{ volume: html, path: w.mountPath }],
    });
    pod.addContainer({
      name: c.name,
      image: c.image,
      command: [...c.command],
      portNumber: c.port,
      envVariables: Object.fromEntries(c.env.map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
      resources: {
        cpu: { request: kplus.Cpu.millis(c.cpu.request), limit: kplus.Cpu.millis(c.cpu.limit) },
        memory: { request: Size.mebibytes(c.memory.request), limit: Size.mebibytes(c.memory.limit) },
      },
      volumeMounts: [{ volume: html, path: c.mountPath }],
    });
    // cdk8s-plus has no plain nodeSelector (pod.scheduling.attract() emits nodeAffinity, a different
    // object), so the documented escape hatch adds it.
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/nodeSelector', { ...SPEC.nodeSelector }));
  },

  l1(chart, i, { cdk8s, k8s }) {
    const q = s => k8s.Quantity.fromString(s);
    const w = SPEC.web;
    const c = SPEC.content;
    new k8s.KubePod(chart, `pod-${i}`, {
      metadata: { name: `pod-${i}`, labels: { ...SPEC.labels } },
      spec: {
        nodeSelector: { ...SPEC.nodeSelector },
        containers: [
          {
            name: w.name,
            image: w.image,
            ports: [{ containerPort: w.port }],
            resources: {
              requests: { cpu: q(`${w.cpu.request}m`), memory: q(`${w.memory.request}Mi`) },
              limits: { cpu: q(`${w.cpu.limit}m`), memory: q(`${w.memory.limit}Mi`) },
            },
            volumeMounts: [{ name: SPEC.volume, mountPath: w.mountPath }],
          },
          {
            name: c.name,
            image: c.image,
            command: [...c.command],
            ports: [{ containerPort: c.port }],
            env: c.env.map(([name, value]) => ({ name, value })),
            resources: {
              requests: { cpu: q(`${c.cpu.request}m`), memory: q(`${c.memory.request}Mi`) },
              limits: { cpu: q(`${c.cpu.limit}m`), memory: q(`${c.memory.limit}Mi`) },
            },
            volumeMounts: [{ name: SPEC.volume, mountPath: c.mountPath }],
          },
        ],
        volumes: [{ name: SPEC.volume, emptyDir: {} }],
      },
    });
  },
};

const VARIANTS = Object.keys(BUILDERS);

/**
 * Builds `n` pods of `variant` in a fresh App and returns its YAML (`app.synthYaml()`: dependency
 * resolution, validation of every construct, which for ours runs our rule set, then toJson of every
 * ApiObject and YAML stringify). `marks.built` gets the hrtime at which the constructs were built.
 */
function synth(variant, n, mods, marks = {}) {
  const { App, Chart } = mods.cdk8s;
  const app = new App({ outdir: path.join(ROOT, '.bench', 'unused-outdir') }); // synthYaml writes nothing
  const chart = new Chart(app, 'bench');
  const build = BUILDERS[variant];
  for (let i = 0; i < n; i++) build(chart, i, mods);
  marks.built = process.hrtime.bigint();
  return app.synthYaml();
}

module.exports = { ROOT, SPEC, LOADERS, BUILDERS, VARIANTS, synth };
