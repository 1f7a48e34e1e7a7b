import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../src-main/insight/advice/analyze';
import { RULE_FIXTURES } from './rule-fixtures';

const findingsOf = (dockerfile: string, rule: string) =>
  analyzeDockerfile(dockerfile).findings.filter((finding) => finding.rule === rule);

describe.each(RULE_FIXTURES)('advice rule $rule', ({ rule, triggers, clean }) => {
  it.each(triggers)('finds it in %#', ({ dockerfile, line }) => {
    const found = findingsOf(dockerfile, rule);
    expect(found.length, dockerfile).toBeGreaterThan(0);
    expect(found[0]!.lines.start).toBe(line);
    expect(found[0]!.quote[0]).toBe(dockerfile.split('\n')[line - 1]);
    expect(found[0]!.message.length).toBeGreaterThan(60);
  });

  it.each(clean)('does not find it in %#', (dockerfile) => {
    expect(findingsOf(dockerfile, rule), dockerfile).toEqual([]);
  });
});
