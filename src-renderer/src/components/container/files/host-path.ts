// Checks a host path typed in the Files tab's dialogs with the contract's own rule, as a message for under the field.
import { hostPath } from '../../../../../src-main/contract/methods/common';

/**
 * Undefined when `value` (trimmed) is an absolute host path, else what is wrong, as a sentence.
 * @param example a path of the kind expected, quoted in the message, e.g. "/home/you/Downloads"
 */
export function hostPathError(value: string, example: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'Enter a path';
  const result = hostPath.safeParse(trimmed);
  if (result.success) return undefined;
  return `This ${result.error.issues[0]?.message ?? 'is not a valid path'}, such as ${example}`;
}
