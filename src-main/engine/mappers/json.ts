// Small readers for loosely typed Engine API JSON fields.

/** Cmd and Entrypoint come as an array, a string or null. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value) return [value];
  return [];
}
