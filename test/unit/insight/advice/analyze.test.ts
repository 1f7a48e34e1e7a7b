import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../src-main/core/parse-error';
import { analyzeDockerfile } from '../../../../src-main/insight/advice/analyze';

describe('analyzeDockerfile', () => {
  it.each([
    ['', /no FROM instruction/],
    ['# only a comment\n', /no FROM instruction/],
    ['hello world\nFROM alpine:3\n', /line 1 starts with "hello"/],
    ['RUN echo\nFROM alpine:3\n', /line 1 has RUN before the first FROM/],
    ['FROM alpine:3\nRUN echo \0\n', /line 2 holds a NUL byte/],
  ])('refuses %j as no Dockerfile', (text, message) => {
    expect(() => analyzeDockerfile(text)).toThrow(ParseError);
    expect(() => analyzeDockerfile(text)).toThrow(message);
  });

  it('orders findings by severity, then line, and counts stages', () => {
    const report = analyzeDockerfile('FROM alpine AS build\nRUN echo\nFROM alpine:3\nENV API_TOKEN=x\nADD a.txt /\n');
    expect(report.stages).toBe(2);
    const order = { high: 0, medium: 1, low: 2 };
    const keys = report.findings.map((f) => order[f.severity] * 1000 + f.lines.start);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(report.findings[0]!.rule).toBe('secret-in-build-arg-or-env');
    expect(report.image).toBeUndefined();
  });

  it('says a cache removed by a later RUN still costs the first layer', () => {
    const report = analyzeDockerfile('FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n');
    const cache = report.findings.find((f) => f.rule === 'package-cache-kept')!;
    expect(cache.lines).toEqual({ start: 2, end: 2 });
    expect(cache.message).toMatch(/Line 3 removes them in a later RUN/);
  });

  it('quotes every line of a continued instruction, at most 12', () => {
    const long = `FROM alpine:3\nRUN apk add gcc \\\n${Array.from({ length: 20 }, (_, i) => `  p${i} \\`).join('\n')}\n  end\n`;
    const tools = analyzeDockerfile(long).findings.find((f) => f.rule === 'build-tools-in-final-stage')!;
    expect(tools.lines).toEqual({ start: 2, end: 23 });
    expect(tools.quote).toHaveLength(12);
    expect(tools.quote[0]).toBe('RUN apk add gcc \\');
  });

  it('reads RUN here-documents', () => {
    const report = analyzeDockerfile('FROM alpine:3\nRUN <<EOF\napk add curl\nEOF\n');
    expect(report.findings.map((f) => f.rule)).toContain('package-cache-kept');
  });
});
