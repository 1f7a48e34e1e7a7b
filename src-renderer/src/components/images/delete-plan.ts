// What deleting image rows does: which references go to the engine, which containers stand in the way, and the
// confirmation naming each and saying what force does.
import type { ContainerSummary } from '../../../../src-main/contract/dto/containers';
import { plural, shortId, size, sortNames } from '../../format';
import { rowLabel, rowTarget, type ImageRow } from './image-rows';

/** What a delete needs to know of each container: which image it uses, and whether it runs. */
export type ImageUser = Pick<ContainerSummary, 'name' | 'imageId' | 'state'>;

export interface DeleteTarget {
  /** What `images.remove` gets: the tag, or the image id for an image without tags. */
  ref: string;
  /** How the confirmation names it. */
  label: string;
  /** Tags the image keeps when this one goes: then only the tag is removed, not the image. */
  keeps: string[];
  imageId: string;
  /** Bytes. */
  size: number;
  /** Containers using the image, when this removal would delete it (none when other tags keep it). */
  users: ImageUser[];
  /**
   * The image has no tag to remove and a running container uses it: the engine refuses to delete
   * it even when forced, so it is not asked to.
   */
  blocked: boolean;
}

const isRunning = (c: ImageUser) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting';

/**
 * One target per row, deduplicated. Removing each tag in turn deletes the image with its last
 * tag, so an image whose tags are all selected goes without forcing.
 */
export function deleteTargets(rows: readonly ImageRow[], containers: readonly ImageUser[] = []): DeleteTarget[] {
  const going = new Set(rows.map(rowTarget));
  const targets = new Map<string, DeleteTarget>();
  for (const row of rows) {
    const ref = rowTarget(row);
    if (targets.has(ref)) continue;
    const keeps = row.image.repoTags.filter((t) => !going.has(t));
    const users = keeps.length ? [] : containers.filter((c) => c.imageId === row.image.id);
    const blocked = ref === row.image.id && users.some(isRunning);
    targets.set(ref, { ref, label: rowLabel(row), keeps, imageId: row.image.id, size: row.image.size, users, blocked });
  }
  return [...targets.values()];
}

/** "web-1 (running)", "db-1": a user as the confirmation lists it. */
const userText = (c: ImageUser) => (isRunning(c) ? `${c.name} (running)` : c.name);
const userNames = (users: readonly ImageUser[]) => sortNames(users.map((u) => u.name)).join(', ');

/** Each container once, though several targets of its image name it. */
function distinctUsers(targets: readonly DeleteTarget[]): ImageUser[] {
  const byName = new Map(targets.flatMap((t) => t.users).map((u) => [u.name, u]));
  return [...byName.values()];
}

/** What Force delete does to the images `users` use: one only stopped containers use goes; a running one stays. */
function forceNote(users: readonly ImageUser[]): string {
  const running = users.filter(isRunning);
  const images = new Set(users.map((u) => u.imageId));
  const runImages = new Set(running.map((u) => u.imageId));
  const stoppedOnly = [...images].filter((id) => !runImages.has(id)).length;
  const parts = [
    'The engine refuses to delete an image while containers use it; Force delete removes the tag anyway.',
    stoppedOnly > 0
      ? `${images.size === 1 ? 'The image goes too: its' : 'An image only stopped containers use goes too: its'} containers stay, and show the image by its id from then on.`
      : '',
    running.length > 0
      ? `While ${userNames(running)} ${running.length === 1 ? 'runs' : 'run'}, the engine keeps the image, untagged; delete it from the dangling images once ${running.length === 1 ? 'that container is' : 'those containers are'} gone.`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** Why blocked targets stay, naming their running containers; undefined when none is blocked. */
export function blockedNote(targets: readonly DeleteTarget[]): string | undefined {
  const blocked = targets.filter((t) => t.blocked);
  if (blocked.length === 0) return undefined;
  return blocked
    .map((t) => {
      const running = t.users.filter(isRunning);
      return `${t.label} stays: ${userNames(running)} ${running.length === 1 ? 'runs' : 'run'} it, and the engine refuses to delete an untagged image a running container uses, even forced. Stop and delete ${t.users.length === 1 ? 'that container' : 'its containers'} first.`;
    })
    .join(' ');
}

export interface DeleteConfirmation {
  title: string;
  message: string;
  items?: string[];
  note: string;
  /** The button: "Force delete" when containers use an image that goes. */
  confirm: string;
  /** Whether the engine is asked to force. */
  force: boolean;
}

function itemText(target: DeleteTarget): string {
  if (target.keeps.length) return `${target.label} — tag only, the image stays as ${target.keeps.join(', ')}`;
  return target.users.length ? `${target.label} — used by ${userNames(target.users)}` : target.label;
}

/**
 * The confirmation for `targets` (blocked ones left out: see `blockedNote`), naming each tag or
 * image, which images stay, and which containers use an image that goes and what force does then.
 */
export function deleteConfirmation(all: readonly DeleteTarget[]): DeleteConfirmation {
  const targets = all.filter((t) => !t.blocked);
  const users = distinctUsers(targets);
  if (users.length === 0) {
    const plain = plainConfirmation(targets);
    return {
      ...plain,
      note: [plain.note, blockedNote(all)].filter(Boolean).join(' '),
      confirm: 'Delete',
      force: false,
    };
  }
  const first = targets[0]!;
  const extra = [blockedNote(all), 'Layers other images share stay.'];
  if (targets.length === 1) {
    return {
      title: 'Delete image in use?',
      message: `${first.label} is used by ${plural(users.length, 'container')}, so a plain Delete is refused while ${users.length === 1 ? 'it exists' : 'they exist'}:`,
      items: users.map(userText),
      note: [forceNote(users), ...extra].filter(Boolean).join(' '),
      confirm: 'Force delete',
      force: true,
    };
  }
  const inUse = targets.filter((t) => t.users.length > 0).length;
  return {
    title: `Delete ${plural(targets.length, 'image')}?`,
    message: `Delete these ${targets.length} images? ${inUse === 1 ? 'One is' : `${inUse} are`} used by containers.`,
    items: targets.map(itemText),
    note: [forceNote(users), ...extra].filter(Boolean).join(' '),
    confirm: 'Force delete',
    force: true,
  };
}

function plainConfirmation(targets: readonly DeleteTarget[]): Omit<DeleteConfirmation, 'confirm' | 'force'> {
  const first = targets[0];
  if (targets.length === 1 && first) {
    if (first.keeps.length) {
      return {
        title: 'Remove tag?',
        message: `Remove the tag ${first.label}?`,
        note: `The image ${shortId(first.imageId)} stays: it is still tagged ${first.keeps.join(', ')}.`,
      };
    }
    return {
      title: 'Delete image?',
      message: `Delete the image ${first.label} (${size(first.size)})?`,
      note: 'Its layers go too, unless another image shares them.',
    };
  }
  return {
    title: `Delete ${plural(targets.length, 'image')}?`,
    message: `Delete these ${targets.length} images?`,
    items: targets.map(itemText),
    note: 'Their layers go too, unless another image shares them.',
  };
}

/** The engine's refusal to delete an image, in words, to put before its own message; undefined when unknown. */
export function refusalReason(message: string): string | undefined {
  if (/being used by running container/.test(message)) return 'a running container uses it';
  if (/must force|is using its referenced image|being used by stopped container/.test(message))
    return 'a container uses it';
  if (/has dependent child images/.test(message)) return 'other images are built on it';
  return undefined;
}
