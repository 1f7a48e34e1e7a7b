// Engine API filter helpers.

/** `label` filters as the Engine API takes them; empty when there are none. */
export function labelFilter(labels: string[]): { label?: string[] } {
  return labels.length ? { label: labels } : {};
}
