import { describe, it, expect } from 'vitest';
import type { ContainerHealth, ContainerState } from '../../../src-main/contract/dto/containers';
import { healthFromStatus, parseContainerState } from '../../../src-main/core/container-status';

describe('healthFromStatus', () => {
  it.each<[string, ContainerHealth]>([
    ['Up 5 minutes (healthy)', 'healthy'],
    ['Up 3 hours (unhealthy)', 'unhealthy'],
    ['Up 2 seconds (health: starting)', 'starting'],
    ['Up Less than a second (health: starting)', 'starting'],
    ['Up 5 minutes', 'none'],
    ['Up 5 minutes (Paused)', 'none'],
    ['Exited (0) 2 hours ago', 'none'],
    ['Exited (137) 5 seconds ago', 'none'],
    ['Created', 'none'],
    ['Restarting (1) 3 seconds ago', 'none'],
    ['Removal In Progress', 'none'],
    ['Dead', 'none'],
    ['', 'none'],
    ['healthy', 'none'],
  ])('%j is %s', (status, health) => {
    expect(healthFromStatus(status)).toBe(health);
  });
});

describe('parseContainerState', () => {
  it.each<[string, ContainerState]>([
    ['created', 'created'],
    ['running', 'running'],
    ['paused', 'paused'],
    ['restarting', 'restarting'],
    ['removing', 'removing'],
    ['exited', 'exited'],
    ['dead', 'dead'],
    ['Running', 'running'],
    [' PAUSED ', 'paused'],
  ])('%j is %s', (state, expected) => {
    expect(parseContainerState(state)).toBe(expected);
  });

  it.each(['', 'unknown', 'stopped', 'up', 'running!'])('reads the unknown state %j as exited', (state) => {
    expect(parseContainerState(state)).toBe('exited');
  });
});
