import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ContainerProps, EnvValue, ImagePullPolicy, Pod, SharedVolumePod, SidecarPod, Volume } from '../lib';

/**
 * Every Pod of the study notes in ../shared/seeds, under the notes' own names, with their typos
 * fixed (`kind: pod`, `sepc`, `columes`, `valumeMounts`, `name:kube-basic`, `/usrshare/nginx/html`).
 */
export class SeedPodsChart extends Chart {
  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // "Pod 설정": a single nginx container.
    new Pod(this, 'MyPod', {
      name: 'my-pod',
      labels: { app: 'my-app' },
      containers: [{ name: 'my-container', image: 'nginx:latest', port: 80 }],
    });

    // "Multi-Container Pod": a main container and a sidecar.
    new SidecarPod(this, 'MultiContainerPod', {
      name: 'multi-container-pod',
      app: { name: 'main-app', image: 'nginx:latest' },
      sidecars: [{ name: 'sidecar', image: 'busybox', command: ['sh', '-c', 'echo Hello from the sidecar'] }],
    });

    // "Pod 오브젝트 표현 방법": kube-basic with its labels, nodeSelector, env referencing another
    // variable, the html volume shared by kube-basic and the web-server nginx, and the hostPath volume.
    // Correction beyond typos: the notes give kube-basic containerPort 80, but nginx in the same pod
    // listens on 80 too, and containers of a pod share one network namespace (the notes' own
    // "포트 충돌 주의!"), so kube-basic listens on 8080 here.
    const html = Volume.emptyDir('html');
    new SharedVolumePod(this, 'KubeBasic', {
      name: 'kube-basic',
      labels: { app: 'kube-basic', project: 'fastcampus' },
      nodeSelector: { gpu: 'true' },
      sharedVolumes: [html],
      volumes: [Volume.hostPath('host-volume', '/data/mysql')],
      containers: kubeBasicContainers(html),
    });
  }
}

/**
 * The notes' kube-basic containers: the app (its env referencing another variable) writing to the
 * shared `html` volume at /var/html, and nginx serving it from /usr/share/nginx/html. Used by the
 * bare seed pod and by the kube-basic Deployment of the workload examples.
 */
export function kubeBasicContainers(html: Volume): ContainerProps[] {
  return [
    {
      name: 'kube-basic',
      image: 'kube-basic:1.0',
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      port: 8080,
      env: {
        PROFILE: EnvValue.literal('production'),
        MESSAGE: EnvValue.literal('this application is running on $(PROFILE)'),
      },
      volumeMounts: [{ volume: html, path: '/var/html' }],
    },
    {
      name: 'web-server',
      image: 'nginx',
      port: 80,
      volumeMounts: [{ volume: html, path: '/usr/share/nginx/html' }],
    },
  ];
}
