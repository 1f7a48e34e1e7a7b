// Argument schema pieces shared by several resources.
import { z } from 'zod';
import { MAX_ENV_ENTRY_BYTES, MAX_LIST_ENTRIES, MAX_NAME_LENGTH } from '../limits';

/** A container, image, volume or network id or name as the user gave it. */
export const objectRef = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  // It travels in the Engine API's request path: Node refuses a space or a character beyond U+00FF there (it threw),
  // and "?", "#", "%" or a ".." segment would make it another path.
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .refine((ref) => !/[?#%]/.test(ref), 'must not contain "?", "#" or "%"')
  .refine(
    (ref) => !ref.split('/').some((segment) => segment === '.' || segment === '..'),
    'must not contain "." or ".." segments',
  );

/** Object names the engine accepts for containers, volumes and networks. */
export const objectName = z
  .string()
  .trim()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
    'must be 2+ characters: letters, digits, "_", "." or "-", starting with a letter or digit',
  )
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

export const labels = z.record(z.string().min(1, 'label keys must not be empty'), z.string());

/** `key=value` label filters restricting what a prune may touch, e.g. "com.example.app=web". */
export const labelFilters = z.array(z.string().min(1)).default([]);

/** Client-chosen id that progress events and cancellation refer to. */
export const operationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');

export const sessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a session id');

/** An absolute path on the host running Berth's main process. */
export const hostPath = z
  .string()
  .min(1, 'must not be empty')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path');

/** An absolute path inside a container. */
export const containerPath = z
  .string()
  .min(1, 'must not be empty')
  .refine((p) => p.startsWith('/'), 'must be an absolute path');

/** A list of a run or exec spec, bounded so 10,000 ports or volumes are refused before they reach the engine. */
export function specList<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_LIST_ENTRIES, `must have at most ${MAX_LIST_ENTRIES} entries`);
}

/**
 * Bytes of `text` in UTF-8 (a lone surrogate counts 3, as the replacement character it becomes); no TextEncoder,
 * which the sandboxed preload that loads this module may lack.
 */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** One `KEY=value` (or `KEY`) environment entry, at most what the kernel passes to a process. */
export const envEntry = z
  .string()
  .refine(
    (entry) => entry.length <= MAX_ENV_ENTRY_BYTES && utf8Length(entry) <= MAX_ENV_ENTRY_BYTES,
    'is longer than 128 KiB, the most the kernel passes for one variable',
  );

export const noArgs = z.object({}).strict();
