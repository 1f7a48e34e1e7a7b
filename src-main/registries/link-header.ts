// Reads the Link header a registry pages its catalogue and tag lists with (rel="next").

/**
 * The `last` query value of the rel="next" link, what the next page starts after; undefined when there is no next page.
 * `<"/v2/_catalog?last=b&n=2">; rel="next"` (with or without the quotes distribution 2.x puts inside the brackets).
 */
export function nextPageAfter(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<"?([^">]*)"?>\s*;(.*)$/s.exec(part);
    if (!match || !/\brel\s*=\s*"?next"?/i.test(match[2] as string)) continue;
    const last = new URL(match[1] as string, 'http://registry.invalid').searchParams.get('last');
    return last === null || last === '' ? undefined : last;
  }
  return undefined;
}
