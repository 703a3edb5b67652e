import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { ConstructExamplesChart, SeedPodsChart } from '../examples';
import { README, renderReadme } from '../scripts/rules-doc';

test('the README rule table is generated from the rule definitions', () => {
  const current = fs.readFileSync(README, 'utf8');
  expect(current).toEqual(renderReadme(current));
});

test('dist/ holds what the example app synthesizes', () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'dist-')) });
  new SeedPodsChart(app, 'seed-pods');
  new ConstructExamplesChart(app, 'construct-examples');
  for (const chart of app.charts) {
    const expected = fs.readFileSync(path.join(__dirname, '..', 'dist', `${chart.node.id}.k8s.yaml`), 'utf8');
    expect(Yaml.stringify(...chart.toJson())).toEqual(expected);
  }
});
