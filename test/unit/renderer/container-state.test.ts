// The detail page's state wording: exit codes, health, and which time the state began.
import { describe, expect, it } from 'vitest';
import { stateKey, stateLabel, stateSince } from '../../../src-renderer/src/components/container/container-state';

describe('stateLabel', () => {
  it('words states with exit codes and health', () => {
    expect(stateLabel({ state: 'running', exitCode: 0, health: 'none', oomKilled: false })).toBe('Running');
    expect(stateLabel({ state: 'running', exitCode: 0, health: 'healthy', oomKilled: false })).toBe(
      'Running · healthy',
    );
    expect(stateLabel({ state: 'exited', exitCode: 137, health: 'none', oomKilled: false })).toBe('Exited (137)');
    expect(stateLabel({ state: 'exited', exitCode: 137, health: 'none', oomKilled: true })).toBe(
      'Exited (137, out of memory)',
    );
    expect(stateLabel({ state: 'created', exitCode: 0, health: 'none', oomKilled: false })).toBe('Created');
  });

  it('colours unhealthy containers as unhealthy', () => {
    expect(stateKey({ state: 'running', health: 'unhealthy' })).toBe('unhealthy');
    expect(stateKey({ state: 'paused', health: 'none' })).toBe('paused');
  });
});

describe('stateSince', () => {
  const times = { startedAt: '2024-05-01T10:00:00Z', finishedAt: '2024-05-01T11:00:00Z' };

  it('uses the start while running and the finish once stopped', () => {
    expect(stateSince({ state: 'running', ...times })).toEqual({ verb: 'started', at: times.startedAt });
    expect(stateSince({ state: 'exited', ...times })).toEqual({ verb: 'stopped', at: times.finishedAt });
  });

  it('has nothing for a container that never ran', () => {
    expect(
      stateSince({ state: 'created', startedAt: '0001-01-01T00:00:00Z', finishedAt: '0001-01-01T00:00:00Z' }),
    ).toBeUndefined();
  });
});
