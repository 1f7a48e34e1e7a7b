// The commit dialog's form: the new image's tag, message, author and change lines, each checked as typed with the
// parsers the API uses; and the arguments of containers.commit it makes.
import type { ArgsOf } from '../../../../src-main/contract/api';
import { parseCommitChange } from '../../../../src-main/core/commit-change';
import { fieldMessage } from '../images/field-message';
import { referenceError } from '../images/reference';

export interface CommitForm {
  /** repository[:tag]; blank makes an untagged image. */
  reference: string;
  message: string;
  author: string;
  /** One instruction a line: `CMD ["sh"]`, `ENV A=1`, `EXPOSE 80`. */
  changes: string;
  pause: boolean;
}

export const emptyCommitForm = (): CommitForm => ({ reference: '', message: '', author: '', changes: '', pause: true });

const changeLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Why the change lines are refused: the first bad line, by its number. */
function changesError(text: string): string | undefined {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      parseCommitChange(line);
    } catch (error) {
      return `line ${index + 1}: ${fieldMessage(error, line)}`;
    }
  }
  return undefined;
}

export function validateCommitForm(form: CommitForm): Partial<Record<'reference' | 'changes', string>> {
  const errors: Partial<Record<'reference' | 'changes', string>> = {};
  const reference = referenceError(form.reference, { tagOnly: true });
  if (reference) errors.reference = reference;
  const changes = changesError(form.changes);
  if (changes) errors.changes = changes;
  return errors;
}

export function commitArgs(id: string, form: CommitForm): ArgsOf<'containers.commit'> {
  return {
    id,
    pause: form.pause,
    changes: changeLines(form.changes).map(parseCommitChange),
    ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
    ...(form.message.trim() ? { comment: form.message.trim() } : {}),
    ...(form.author.trim() ? { author: form.author.trim() } : {}),
  };
}
