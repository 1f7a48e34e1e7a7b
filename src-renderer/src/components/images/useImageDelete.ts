// Deleting image rows: a confirmation naming each, then the engine's in-use refusal with an offer to force.
import { berth } from '../../api';
import { useConfirm } from '../../composables/useConfirm';
import { useFeedback } from '../../composables/useFeedback';
import { plural } from '../../format';
import { deleteConfirmation, deleteTargets, type DeleteTarget } from './delete-plan';
import type { ImageRow } from './image-rows';

interface Failure {
  target: DeleteTarget;
  error: unknown;
}

/** What forcing means for the containers the engine named. */
const FORCE_NOTE =
  'Force delete removes it anyway. The containers that use it stay, and show the image by its id from then on.';
const codeOf = (error: unknown) => (error as { code?: string }).code;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useImageDelete() {
  const confirm = useConfirm();
  const feedback = useFeedback();

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
    for (const f of failures) feedback.error(`Could not delete ${f.target.label}`, f.error);
  }

  /** Asks, deletes, and offers to force what the engine refused as in use; true when everything went. */
  async function remove(rows: ImageRow[]): Promise<boolean> {
    const targets = deleteTargets(rows);
    if (targets.length === 0) return false;
    const text = deleteConfirmation(targets);
    if (!(await confirm({ ...text, confirm: 'Delete' }))) return false;

    const failures = await removeAll(targets, false);
    const conflicts = failures.filter((f) => codeOf(f.error) === 'conflict');
    const others = failures.filter((f) => codeOf(f.error) !== 'conflict');
    const gone = targets.filter((t) => !failures.some((f) => f.target === t));
    if (conflicts.length === 0) {
      report(gone, others);
      return others.length === 0;
    }
    const force = await confirm({
      title: conflicts.length === 1 ? 'Image in use' : `${conflicts.length} images in use`,
      message:
        conflicts.length === 1
          ? `The engine did not delete ${conflicts[0]!.target.label}:`
          : 'The engine did not delete these images:',
      items: conflicts.map((c) =>
        conflicts.length === 1 ? messageOf(c.error) : `${c.target.label}: ${messageOf(c.error)}`,
      ),
      note: FORCE_NOTE,
      confirm: 'Force delete',
    });
    if (!force) {
      report(gone, others);
      return false;
    }
    const stillFailing = await removeAll(
      conflicts.map((c) => c.target),
      true,
    );
    const forced = conflicts.map((c) => c.target).filter((t) => !stillFailing.some((f) => f.target === t));
    report([...gone, ...forced], [...others, ...stillFailing]);
    return others.length === 0 && stillFailing.length === 0;
  }

  return { remove };
}
