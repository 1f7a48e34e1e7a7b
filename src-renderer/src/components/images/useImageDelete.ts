// Deleting image rows: one confirmation naming each, and up front the containers that use an image that goes and
// what force does; the engine's refusals, explained in words, for whatever it still refuses.
import { berth } from '../../api';
import { useConfirm, useRefusal } from '../../composables/useConfirm';
import { useFeedback } from '../../composables/useFeedback';
import { plural } from '../../format';
import { useContainersStore } from '../../stores/containers';
import { blockedNote, deleteConfirmation, deleteTargets, refusalReason, type DeleteTarget } from './delete-plan';
import type { ImageRow } from './image-rows';

interface Failure {
  target: DeleteTarget;
  error: unknown;
}

/** What forcing means when the engine named a container Berth did not know of yet. */
const FORCE_NOTE =
  'Force delete removes it anyway. The containers that use it stay, and show the image by its id from then on.';
const codeOf = (error: unknown) => (error as { code?: string }).code;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useImageDelete() {
  const confirm = useConfirm();
  const refuse = useRefusal();
  const feedback = useFeedback();
  const containers = useContainersStore();

  /** Removes one after another, so an image whose tags all go is deleted with its last tag. */
  async function removeAll(targets: DeleteTarget[], force: boolean): Promise<Failure[]> {
    const failures: Failure[] = [];
    for (const target of targets) {
      try {
        await berth.call('images.remove', { id: target.ref, force });
      } catch (error) {
        failures.push({ target, error });
      }
    }
    return failures;
  }

  function report(done: DeleteTarget[], failures: Failure[]): void {
    if (done.length) feedback.success(`Deleted ${done.length === 1 ? done[0]!.label : plural(done.length, 'image')}`);
    for (const f of failures) {
      const reason = refusalReason(messageOf(f.error));
      feedback.error(`Could not delete ${f.target.label}${reason ? `: ${reason}` : ''}`, f.error);
    }
  }

  /** Offers to force what the engine refused as in use although no container was known to use it. */
  async function offerForce(conflicts: Failure[]): Promise<boolean> {
    return confirm({
      title: conflicts.length === 1 ? 'Image in use' : `${conflicts.length} images in use`,
      message:
        conflicts.length === 1
          ? `The engine did not delete ${conflicts[0]!.target.label}: a container uses it. It said:`
          : 'The engine did not delete these images, as containers use them. It said:',
      items: conflicts.map((c) =>
        conflicts.length === 1 ? messageOf(c.error) : `${c.target.label}: ${messageOf(c.error)}`,
      ),
      note: FORCE_NOTE,
      confirm: 'Force delete',
    });
  }

  /** Asks, deletes, and offers to force what the engine refused as in use; true when everything went. */
  async function remove(rows: ImageRow[]): Promise<boolean> {
    await containers.refresh();
    const all = deleteTargets(rows, containers.items);
    if (all.length === 0) return false;
    const targets = all.filter((t) => !t.blocked);
    if (targets.length === 0) {
      refuse(all.length === 1 ? 'Image in use' : 'Images in use', blockedNote(all)!);
      return false;
    }
    const text = deleteConfirmation(all);
    if (!(await confirm(text))) return false;

    const failures = await removeAll(targets, text.force);
    const conflicts = text.force ? [] : failures.filter((f) => codeOf(f.error) === 'conflict');
    const others = failures.filter((f) => !conflicts.includes(f));
    const gone = targets.filter((t) => !failures.some((f) => f.target === t));
    const complete = all.length === targets.length;
    if (conflicts.length === 0) {
      report(gone, others);
      return complete && others.length === 0;
    }
    if (!(await offerForce(conflicts))) {
      report(gone, others);
      return false;
    }
    const stillFailing = await removeAll(
      conflicts.map((c) => c.target),
      true,
    );
    const forced = conflicts.map((c) => c.target).filter((t) => !stillFailing.some((f) => f.target === t));
    report([...gone, ...forced], [...others, ...stillFailing]);
    return complete && others.length === 0 && stillFailing.length === 0;
  }

  return { remove };
}
