import { Construct } from 'constructs';
import { Container, ContainerProps, _isVolume, _mountedVolumeName } from '../model/container';
import { Pod, PodProps } from './pod';
import { show } from '../rules';
import { Volume } from '../model/volume';

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
    const p: Partial<SharedVolumePodProps> = props ?? {};
    const shared = Array.isArray(p.sharedVolumes) ? p.sharedVolumes : [];
    super(scope, id, { ...p, volumes: [...shared, ...(Array.isArray(p.volumes) ? p.volumes : [])] });
    this.sharedVolumes = [...shared];
    this.node.addValidation({ validate: () => this.checkSharing() });
  }

  private checkSharing(): string[] {
    if (this.sharedVolumes.length === 0) {
      return ["sharedVolumes: a SharedVolumePod needs at least one shared volume, got none; add one such as Volume.emptyDir('html'), or use Pod [shared-volume-pod]"];
    }
    const errors: string[] = [];
    const all: Container[] = [...this.initContainers, ...this.containers];
    this.sharedVolumes.forEach((volume, i) => {
      // Not a Volume (a plain-JS caller's null): the pod's own rules report the volume.
      if (!_isVolume(volume)) return;
      const users = all.filter(c => c.volumeMounts.some(m => _mountedVolumeName(m) === volume.name));
      if (users.length < 2) {
        const who = users.length === 0 ? 'no container' : `only container '${users[0].name}'`;
        errors.push(`sharedVolumes[${i}]: shared volume ${show(volume.name)} is mounted by ${who}; a SharedVolumePod shares each volume between two or more containers, so mount it in another container or use Pod [shared-volume-pod]`);
      }
    });
    return errors;
  }
}
