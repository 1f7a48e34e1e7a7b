// Container health and state from the Engine's list API ("Up 5 minutes (healthy)", "running").

import type { ContainerHealth, ContainerState } from '../contract/dto/containers';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/**
 * Reads the health suffix of a list API Status text: "(healthy)", "(unhealthy)" or
 * "(health: starting)"; anything else (no health check) is 'none'.
 */
export function healthFromStatus(status: string): ContainerHealth {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

/**
 * Normalises an engine State string (case and surrounding spaces ignored). A state this version
 * does not know is reported as 'exited', the safest reading: not running, can be started or removed.
 */
export function parseContainerState(state: string): ContainerState {
  const normalised = state.trim().toLowerCase();
  return STATES.find((known) => known === normalised) ?? 'exited';
}
