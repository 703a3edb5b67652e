import { Construct } from 'constructs';
import { Container, ContainerProps } from './container';
import { Pod, PodProps } from './pod';
import { Volume } from './volume';

/** Properties of a `SharedVolumePod`. */
export interface SharedVolumePodProps extends Omit<PodProps, 'containers'> {
  /** The volumes two or more of the containers share; each must be mounted by at least two. */
  readonly sharedVolumes: Volume[];
  /** Two or more containers; each mounts the shared volumes at its own path, read-only or read-write. */
  readonly containers: ContainerProps[];
}

/**
 * Volumes shared by two or more containers, each mounting them at its own path: the classic
 * writer/server pair, such as a content generator writing to `/var/html` and nginx serving the
 * same volume from `/usr/share/nginx/html`. Fails synth when a shared volume is mounted by fewer
 * than two containers.
 */
export class SharedVolumePod extends Pod {
  /** The shared volumes. */
  public readonly sharedVolumes: Volume[];

  public constructor(scope: Construct, id: string, props: SharedVolumePodProps) {
    super(scope, id, { ...props, volumes: [...props.sharedVolumes, ...(props.volumes ?? [])] });
    this.sharedVolumes = [...props.sharedVolumes];
    this.node.addValidation({ validate: () => this.checkSharing() });
  }

  private checkSharing(): string[] {
    const errors: string[] = [];
    const all: Container[] = [...this.initContainers, ...this.containers];
    this.sharedVolumes.forEach((volume, i) => {
      const users = all.filter(c => c.volumeMounts.some(m => (typeof m.volume === 'string' ? m.volume : m.volume.name) === volume.name));
      if (users.length < 2) {
        const who = users.length === 0 ? 'no container' : `only container '${users[0].name}'`;
        errors.push(`sharedVolumes[${i}]: shared volume '${volume.name}' is mounted by ${who}; a SharedVolumePod shares each volume between two or more containers, so mount it in another container or use Pod [shared-volume-pod]`);
      }
    });
    return errors;
  }
}
