// SidecarPod's own check (lib/constructs/sidecar-pod.ts): a plain-JS list that holds no sidecar at
// all (only holes, which Array.prototype.map skips) adds none, and the message shows the list given
// rather than calling it "none".
import { Testing } from 'cdk8s';
import { SidecarPod } from '../../lib';
import { synthErrors } from '../util';

test('a sidecars list of holes adds no sidecar, and the message shows the list as given', () => {
  // GIVEN a list of length 2 with nothing in it
  const chart = Testing.chart();
  const pod = new SidecarPod(chart, 'S', { app: { name: 'app', image: 'busybox:1.36' }, sidecars: new Array(2) });

  // THEN no sidecar was added, and synth fails naming the list, not 'none'
  expect(pod.sidecars).toEqual([]);
  expect(pod.containers.map(c => c.name)).toEqual(['app']);
  expect(synthErrors(chart)).toEqual([
    '[test/S] sidecars: a SidecarPod needs at least one sidecar, got [null,null]; add one, or use Pod for a single container [sidecar-pod]',
  ]);
});

test('an empty sidecars list is "none"', () => {
  const chart = Testing.chart();
  new SidecarPod(chart, 'S', { app: { name: 'app', image: 'busybox:1.36' }, sidecars: [] });
  expect(synthErrors(chart)).toEqual([
    '[test/S] sidecars: a SidecarPod needs at least one sidecar, got none; add one, or use Pod for a single container [sidecar-pod]',
  ]);
});

test('the message tells the sidecars the props gave at construction, not what the props object holds at synth', () => {
  // GIVEN an empty list, and a sidecar pushed into the props' list after construction
  const chart = Testing.chart();
  const props = { app: { name: 'app', image: 'busybox:1.36' }, sidecars: [] as { name: string; image: string }[] };
  new SidecarPod(chart, 'S', props);
  props.sidecars.push({ name: 'log', image: 'fluent/fluent-bit:3.0' });

  // THEN the pushed sidecar is not in the pod (props are copied), and the message says none were given
  expect(synthErrors(chart)).toEqual([
    '[test/S] sidecars: a SidecarPod needs at least one sidecar, got none; add one, or use Pod for a single container [sidecar-pod]',
  ]);
});
