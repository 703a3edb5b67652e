import { App } from 'cdk8s';
import { ConstructExamplesChart, SeedPodsChart, WorkloadExamplesChart } from './examples';

// Only wiring: the charts live in examples/ so tests can build them without writing dist/.
const app = new App();
new SeedPodsChart(app, 'seed-pods');
new ConstructExamplesChart(app, 'construct-examples');
new WorkloadExamplesChart(app, 'workload-examples');
app.synth();
