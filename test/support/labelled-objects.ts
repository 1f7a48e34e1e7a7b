// Removes engine objects (containers, networks, volumes, images) that carry a test label.
import type Dockerode from 'dockerode';

/** Label key every object created by a test carries; its value is the creating test file's run id. */
export const TEST_LABEL = 'berth.test';

/** Which labelled objects to remove: one exact value, or every value passing a predicate. */
export type LabelMatch = { value: string } | { where: (value: string) => boolean };

/**
 * Removes every container (forced, with its anonymous volumes), then network, volume and image
 * whose `berth.test` label matches. Objects that vanish meanwhile are ignored; other failures are
 * collected and thrown together at the end.
 */
export async function removeLabelledObjects(docker: Dockerode, match: LabelMatch): Promise<void> {
  const filter = 'value' in match ? `${TEST_LABEL}=${match.value}` : TEST_LABEL;
  const keep = (labels: Record<string, string> | null | undefined) => {
    const value = labels?.[TEST_LABEL];
    if (value === undefined) return false;
    return 'value' in match ? value === match.value : match.where(value);
  };
  const filters = JSON.stringify({ label: [filter] });
  const failures: string[] = [];
  const attempt = async (what: string, remove: () => Promise<unknown>) => {
    try {
      await remove();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404) failures.push(`${what}: ${(error as Error).message}`);
    }
  };

  const containers = await docker.listContainers({ all: true, filters });
  for (const c of containers.filter((c) => keep(c.Labels))) {
    await attempt(`container ${c.Id}`, () => docker.getContainer(c.Id).remove({ force: true, v: true }));
  }
  const networks = await docker.listNetworks({ filters });
  for (const n of networks.filter((n) => keep(n.Labels))) {
    await attempt(`network ${n.Name}`, () => docker.getNetwork(n.Id).remove());
  }
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  for (const v of (volumes ?? []).filter((v) => keep(v.Labels))) {
    await attempt(`volume ${v.Name}`, () => docker.getVolume(v.Name).remove({ force: true }));
  }
  const images = await docker.listImages({ all: true, filters });
  for (const i of images.filter((i) => keep(i.Labels))) {
    await attempt(`image ${i.Id}`, () => docker.getImage(i.Id).remove({ force: true }));
  }
  if (failures.length > 0) throw new Error(`could not remove test objects:\n${failures.join('\n')}`);
}
