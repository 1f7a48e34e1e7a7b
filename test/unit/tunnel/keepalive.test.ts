import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Keepalive } from '../../../src-main/tunnel/keepalive';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function keepalive(answer: boolean) {
  const probes: Array<() => void> = [];
  const dead: number[] = [];
  const alive = new Keepalive({
    intervalMs: 1000,
    maxUnanswered: 3,
    probe: (answered) => {
      probes.push(answered);
      if (answer) answered();
    },
    onDead: (silentMs) => dead.push(silentMs),
  });
  return { alive, probes, dead };
}

describe('Keepalive', () => {
  it('probes every interval and stays quiet while the peer answers', () => {
    const { alive, probes, dead } = keepalive(true);
    alive.start();
    vi.advanceTimersByTime(10_000);
    expect(probes).toHaveLength(10);
    expect(dead).toEqual([]);
  });

  it('declares the peer dead after three unanswered probes, once', () => {
    const { alive, probes, dead } = keepalive(false);
    alive.start();
    vi.advanceTimersByTime(3_000);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(dead).toEqual([3_000]);
    vi.advanceTimersByTime(10_000);
    expect(probes).toHaveLength(3);
    expect(dead).toHaveLength(1);
  });

  it('a late answer resets the count', () => {
    const { alive, probes, dead } = keepalive(false);
    alive.start();
    vi.advanceTimersByTime(3_000);
    probes[2]?.();
    vi.advanceTimersByTime(3_000);
    expect(dead).toEqual([]);
  });

  it('sends nothing and never gives up while suspended, and starts afresh on resume', () => {
    const { alive, probes, dead } = keepalive(false);
    alive.start();
    vi.advanceTimersByTime(2_000);
    alive.suspend();
    vi.advanceTimersByTime(60_000);
    expect(probes).toHaveLength(2);
    expect(dead).toEqual([]);
    alive.resume();
    vi.advanceTimersByTime(3_000);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(dead).toEqual([3_000]);
  });

  it('ignores answers to probes sent before a suspension', () => {
    const { alive, probes, dead } = keepalive(false);
    alive.start();
    vi.advanceTimersByTime(3_000);
    alive.suspend();
    alive.resume();
    probes[0]?.();
    vi.advanceTimersByTime(3_000);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(dead).toEqual([3_000]);
  });
});
