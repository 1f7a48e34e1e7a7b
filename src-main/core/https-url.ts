// Whether a text is an https:// URL (the update feed setting). Pure.

export function isHttpsUrl(address: string): boolean {
  try {
    return new URL(address).protocol === 'https:';
  } catch {
    return false;
  }
}
