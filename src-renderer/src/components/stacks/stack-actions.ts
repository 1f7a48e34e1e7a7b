// The stack actions the CLI runs for all services or some: their words on buttons and in results.
import type { Component } from 'vue';
import { Hammer, Play, RotateCw, Square, Download } from '@lucide/vue';

export type StackAction = 'start' | 'stop' | 'restart' | 'pull' | 'build';

export const STACK_ACTIONS: Record<StackAction, { label: string; done: string; icon: Component }> = {
  start: { label: 'Start', done: 'Started', icon: Play },
  stop: { label: 'Stop', done: 'Stopped', icon: Square },
  restart: { label: 'Restart', done: 'Restarted', icon: RotateCw },
  pull: { label: 'Pull', done: 'Pulled the images of', icon: Download },
  build: { label: 'Build', done: 'Built', icon: Hammer },
};

/** The actions a stack's page offers for all its services: Build only when some service has `build:`. */
export function stackPageActions(builds: boolean): StackAction[] {
  return builds ? ['start', 'stop', 'restart', 'pull', 'build'] : ['start', 'stop', 'restart', 'pull'];
}
