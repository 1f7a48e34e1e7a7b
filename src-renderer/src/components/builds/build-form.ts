// The Build dialog's form: its fields, the request they make, and each field's message from the contract's own
// schema, so the form refuses exactly what the API would.
import { buildRequest, type BuildRequestInput } from '../../../../src-main/contract/methods/builds';

export interface ArgRow {
  id: number;
  name: string;
  value: string;
}

export interface SecretRow {
  id: number;
  name: string;
  source: 'file' | 'env';
  /** The file's path, or the environment variable's name. */
  from: string;
}

export interface BuildForm {
  context: string;
  dockerfile: string;
  /** Tags separated by spaces or commas. */
  tags: string;
  target: string | null;
  args: ArgRow[];
  secrets: SecretRow[];
  noCache: boolean;
  pull: boolean;
}

let nextRow = 1;
export const newArgRow = (name = '', value = ''): ArgRow => ({ id: nextRow++, name, value });
export const newSecretRow = (name = '', source: SecretRow['source'] = 'file', from = ''): SecretRow => ({
  id: nextRow++,
  name,
  source,
  from,
});

export function emptyBuildForm(): BuildForm {
  return {
    context: '',
    dockerfile: 'Dockerfile',
    tags: '',
    target: null,
    args: [],
    secrets: [],
    noCache: false,
    pull: false,
  };
}

/** The form of a past build's request ("Rebuild with the same settings"). */
export function formOf(request: BuildRequestInput): BuildForm {
  return {
    context: request.context,
    dockerfile: request.dockerfile ?? 'Dockerfile',
    tags: (request.tags ?? []).join(' '),
    target: request.target ?? null,
    args: Object.entries(request.buildArgs ?? {}).map(([name, value]) => newArgRow(name, value)),
    secrets: (request.secrets ?? []).map((s) =>
      'file' in s ? newSecretRow(s.id, 'file', s.file) : newSecretRow(s.id, 'env', s.env),
    ),
    noCache: request.noCache ?? false,
    pull: request.pull ?? false,
  };
}

export function requestOf(form: BuildForm): BuildRequestInput {
  return {
    context: form.context.trim(),
    dockerfile: form.dockerfile.trim(),
    tags: form.tags.split(/[\s,]+/).filter(Boolean),
    buildArgs: Object.fromEntries(form.args.filter((a) => a.name.trim()).map((a) => [a.name.trim(), a.value])),
    ...(form.target ? { target: form.target } : {}),
    secrets: form.secrets
      .filter((s) => s.name.trim() || s.from.trim())
      .map((s) =>
        s.source === 'file' ? { id: s.name.trim(), file: s.from.trim() } : { id: s.name.trim(), env: s.from.trim() },
      ),
    noCache: form.noCache,
    pull: form.pull,
  };
}

/** Field → message: "context", "dockerfile", "tags", "args[1]", "secrets[0]" (empty when the form is valid). */
export function buildFormErrors(form: BuildForm): Record<string, string> {
  const parsed = buildRequest.safeParse(requestOf(form));
  const errors: Record<string, string> = {};
  const names = form.args.map((a) => a.name.trim());
  names.forEach((name, i) => {
    if (name && names.indexOf(name) !== i) errors[`args[${i}]`] = `${name} is given twice`;
  });
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const [field, index] = issue.path;
    const key =
      field === 'buildArgs'
        ? `args[${Math.max(0, names.indexOf(String(index)))}]`
        : field === 'secrets' || field === 'tags'
          ? index === undefined
            ? String(field)
            : `${String(field)}[${String(index)}]`
          : String(field);
    errors[key] ??= issue.message;
  }
  if (Object.keys(errors).some((k) => k.startsWith('tags[')))
    errors.tags ??= Object.entries(errors).find(([k]) => k.startsWith('tags['))![1];
  return errors;
}
