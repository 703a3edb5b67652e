// The probe-handler rule (lib/rules/lifecycle.ts) on lifecycle hooks: the API server validates postStart and
// preStop as it validates a probe's handler (validateHandler in pkg/apis/core/validation), so a hook needs exactly
// one action: none is "must specify a handler type", two are "may not specify more than 1 handler type".
import { lintText } from '../../lib';

function hookFindings(lifecycle: object): string[] {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', lifecycle }] } };
  return lintText(JSON.stringify(pod), 'pod.yaml', { kubernetesVersion: '1.34' })
    .filter(f => f.rule === 'probe-handler').map(f => `${f.severity} ${f.path}: ${f.message}`);
}

test('a hook with two actions is an error at the hook', () => {
  // GIVEN / WHEN
  const findings = hookFindings({ preStop: { exec: { command: ['nginx', '-s', 'quit'] }, httpGet: { path: '/drain', port: 8080 } } });

  // THEN
  expect(findings).toEqual([
    "error spec.containers[0].lifecycle.preStop: lifecycle.preStop of container 'web' has 2 handlers (exec, httpGet); give exactly one of exec, httpGet, tcpSocket, sleep",
  ]);
});

test('a hook with no action is an error at the hook', () => {
  // GIVEN / WHEN / THEN
  expect(hookFindings({ postStart: {} })).toEqual([
    "error spec.containers[0].lifecycle.postStart: lifecycle.postStart of container 'web' has no handler; give exactly one of exec, httpGet, tcpSocket, sleep",
  ]);
});

test('hooks with one action each, or null, are fine', () => {
  // GIVEN / WHEN / THEN
  expect(hookFindings({ postStart: { exec: { command: ['touch', '/tmp/ready'] } }, preStop: { sleep: { seconds: 5 } } })).toEqual([]);
  expect(hookFindings({ postStart: null, preStop: { tcpSocket: { port: 8080 }, exec: null } })).toEqual([]);
});
