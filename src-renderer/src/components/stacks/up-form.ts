// The "Up from a file" form: what the user typed, turned into the compose files the API takes, with the API's
// own schema saying what is wrong with each field.
import type { ComposeFiles } from '../../../../src-main/contract/dto/stacks';
import { composeFiles } from '../../../../src-main/contract/methods/stacks';

export interface UpForm {
  /** Compose file paths, one a line. */
  files: string;
  /** An env file path, or "". */
  envFile: string;
  /** Profiles, separated by commas or spaces. */
  profiles: string;
  /** Project name, or "" to let the CLI derive it from the folder. */
  projectName: string;
}

export type UpField = keyof UpForm;

export const emptyUpForm = (): UpForm => ({ files: '', envFile: '', profiles: '', projectName: '' });

const words = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((w) => w.trim())
    .filter(Boolean);

/** The request the form stands for (not validated). */
export function upRequest(form: UpForm): ComposeFiles {
  const projectName = form.projectName.trim();
  return {
    files: words(form.files, /\r?\n/),
    envFiles: words(form.envFile, /\r?\n/),
    profiles: words(form.profiles, /[\s,]+/),
    ...(projectName ? { projectName } : {}),
  };
}

const FIELD_OF: Record<string, UpField> = {
  files: 'files',
  envFiles: 'envFile',
  profiles: 'profiles',
  projectName: 'projectName',
};
const WHAT: Record<UpField, string> = {
  files: 'Compose file',
  envFile: 'The env file',
  profiles: 'Profile',
  projectName: 'The project name',
};

/** What is wrong with each field, by field; empty when the form can be sent. */
export function upFormErrors(form: UpForm): Partial<Record<UpField, string>> {
  const parsed = composeFiles.safeParse(upRequest(form));
  if (parsed.success) return {};
  const request = upRequest(form);
  const errors: Partial<Record<UpField, string>> = {};
  for (const issue of parsed.error.issues) {
    const [key, index] = issue.path;
    const field = FIELD_OF[String(key)];
    if (!field || errors[field]) continue;
    const value = typeof index === 'number' ? (request[key as 'files' | 'envFiles' | 'profiles'][index] ?? '') : '';
    if (value) errors[field] = `${WHAT[field]} ${value} ${issue.message}`;
    else errors[field] = field === 'files' ? 'Enter at least one compose file' : `${WHAT[field]} ${issue.message}`;
  }
  return errors;
}
