// Which actions a container offers in its current state, for row buttons and the right-click menu alike.
import { CirclePause, CirclePlay, Play, RotateCw, ScrollText, Square, SquareTerminal, Trash2 } from '@lucide/vue';
import type { Component } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'logs' | 'terminal' | 'delete';

export interface ActionButton {
  name: ContainerAction;
  label: string;
  icon: Component;
}

export function availableActions(container: Pick<ContainerSummary, 'state'>): ActionButton[] {
  const running = container.state === 'running';
  const paused = container.state === 'paused';
  const actions: Array<ActionButton | false> = [
    running || paused ? { name: 'stop', label: 'Stop', icon: Square } : { name: 'start', label: 'Start', icon: Play },
    running && { name: 'restart', label: 'Restart', icon: RotateCw },
    running && { name: 'pause', label: 'Pause', icon: CirclePause },
    paused && { name: 'unpause', label: 'Resume', icon: CirclePlay },
    { name: 'logs', label: 'Logs', icon: ScrollText },
    running && { name: 'terminal', label: 'Terminal', icon: SquareTerminal },
    { name: 'delete', label: 'Delete', icon: Trash2 },
  ];
  return actions.filter((a): a is ActionButton => a !== false);
}
