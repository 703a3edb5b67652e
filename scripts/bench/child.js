'use strict';
// One measurement in a fresh process: `node scripts/bench/child.js <variant> <pods>`.
// Prints one JSON line on stdout:
//   load_ms      requiring the variant's modules (cdk8s, and build/lib or cdk8s-plus-28)
//   synth_ms     building <pods> pods in one chart + app.synthYaml() (validation included)
//   construct_ms the construct part of synth_ms, yaml_ms the app.synthYaml() part
//   peak_rss_kb  process.resourceUsage().maxRSS at the end
const { LOADERS, VARIANTS, synth } = require('./pods');

const [variant, nArg] = process.argv.slice(2);
const n = Number(nArg);
if (!VARIANTS.includes(variant) || !Number.isInteger(n) || n < 1) {
  console.error(`usage: node child.js <${VARIANTS.join('|')}> <pods>`);
  process.exit(2);
}

const ms = (a, b) => Number(b - a) / 1e6;

const t0 = process.hrtime.bigint();
const mods = LOADERS[variant]();
const t1 = process.hrtime.bigint();
const marks = {};
const yaml = synth(variant, n, mods, marks);
const t2 = process.hrtime.bigint();

// Sanity, outside the timed part: one document per pod, so nothing was skipped.
let docs = 0;
for (let at = yaml.indexOf('kind: Pod\n'); at !== -1; at = yaml.indexOf('kind: Pod\n', at + 1)) docs++;
if (docs !== n) {
  console.error(`${variant}: expected ${n} Pod documents, got ${docs}`);
  process.exit(1);
}

const peakKb = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({
  variant,
  pods: n,
  load_ms: ms(t0, t1),
  synth_ms: ms(t1, t2),
  construct_ms: ms(t1, marks.built),
  yaml_ms: ms(marks.built, t2),
  peak_rss_kb: peakKb,
  yaml_bytes: Buffer.byteLength(yaml),
}) + '\n');
