// What the tray shows, as plain data: the engine's status line and controls, running containers, recent images.
import type { ContainerSummary } from '../contract/dto/containers';
import type { MachineKind, MachineStatus } from '../contract/dto/machine';
import { transition } from './machine-state';
import { publishedUrls } from './published-url';

/** What a tray menu item does when clicked; the Electron glue hands it to the caller. */
export type TrayAction =
  | { type: 'engine.start' }
  | { type: 'engine.stop' }
  | { type: 'engine.restart' }
  | { type: 'container.stop'; id: string }
  | { type: 'container.restart'; id: string }
  /** Open a published port in the browser, e.g. `http://localhost:8080`. */
  | { type: 'container.open'; url: string }
  | { type: 'container.logs'; id: string }
  | { type: 'container.terminal'; id: string }
  | { type: 'image.run'; reference: string }
  | { type: 'dashboard.open' }
  | { type: 'settings.open' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'item'; label: string; enabled: boolean; action?: TrayAction; checked?: boolean }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; enabled: boolean; items: TrayMenuItem[] };

export interface TrayMenuInput {
  /** The machine the engine runs on; for the host's own engine, its reachability. */
  machine: MachineStatus;
  /**
   * `native`: the host's engine, which Berth neither stops nor restarts; `external`: an engine Berth only uses
   * (DOCKER_HOST), which it cannot control at all. Default `qemu`.
   */
  kind?: MachineKind | 'external';
  /** What the user calls the endpoint, e.g. "Berth VM". */
  endpointName: string;
  /** Running containers in the order to list them; others are ignored. */
  containers: readonly ContainerSummary[];
  /** Image references run recently, most recent first. */
  recentImages: readonly string[];
  /** Most containers (and recent images) listed; default 10. */
  limit?: number;
}

export type TrayIconState = 'running' | 'starting' | 'stopped' | 'error' | 'paused';

const DEFAULT_LIMIT = 10;
const REASON_MAX = 60;
const separator: TrayMenuItem = { kind: 'separator' };

const item = (label: string, action?: TrayAction, enabled = true): TrayMenuItem =>
  action ? { kind: 'item', label, enabled, action } : { kind: 'item', label, enabled };

/** `text` on one line, cut at a word boundary to at most `max` characters with "…" when longer. */
export function shortenText(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The disabled first line of the menu, e.g. "Engine running — Berth VM". */
export function engineStatusLine(machine: MachineStatus, endpointName: string): string {
  switch (machine.state) {
    case 'running':
      return machine.paused ? 'Engine paused (idle) — resumes on the next call' : `Engine running — ${endpointName}`;
    case 'starting':
      return machine.progress ? `Engine starting: ${machine.progress}` : 'Engine starting';
    case 'stopping':
      return machine.progress ? `Engine stopping: ${machine.progress}` : 'Engine stopping';
    case 'error':
      return machine.reason ? `Engine error: ${shortenText(machine.reason, REASON_MAX)}` : 'Engine error';
    case 'stopped':
      return 'Engine stopped';
  }
}

export function trayIconState(machine: MachineStatus): TrayIconState {
  switch (machine.state) {
    case 'running':
      return machine.paused ? 'paused' : 'running';
    case 'starting':
    case 'stopping':
      return 'starting';
    case 'error':
      return 'error';
    case 'stopped':
      return 'stopped';
  }
}

/** "Berth — Engine running — Berth VM — 3 containers running". */
export function trayTooltip(input: Pick<TrayMenuInput, 'machine' | 'endpointName' | 'containers'>): string {
  const parts = ['Berth', engineStatusLine(input.machine, input.endpointName)];
  if (input.machine.state === 'running' && !input.machine.paused) {
    const count = runningContainers(input).length;
    parts.push(count === 1 ? '1 container running' : `${count} containers running`);
  }
  return parts.join(' — ');
}

export function trayMenuModel(input: TrayMenuInput): TrayMenuItem[] {
  const limit = Math.max(0, Math.floor(input.limit ?? DEFAULT_LIMIT));
  const running = input.machine.state === 'running';
  const recent = [...new Set(input.recentImages)].slice(0, limit);
  return [
    item(engineStatusLine(input.machine, input.endpointName), undefined, false),
    ...engineControls(input.machine, input.kind ?? 'qemu'),
    separator,
    item('Containers', undefined, false),
    ...containerItems(runningContainers(input), limit),
    ...(recent.length
      ? [
          {
            kind: 'submenu',
            label: 'Run recent image',
            enabled: running,
            items: recent.map((reference) => item(reference, { type: 'image.run', reference })),
          } satisfies TrayMenuItem,
        ]
      : []),
    separator,
    item('Open dashboard', { type: 'dashboard.open' }),
    item('Settings…', { type: 'settings.open' }),
    separator,
    item('Quit Berth', { type: 'quit' }),
  ];
}

/**
 * Start, Stop and Restart, enabled where the machine accepts them; the host's engine can only be checked again, and
 * an engine Berth only uses (DOCKER_HOST) offers nothing: it is run elsewhere.
 */
function engineControls(machine: MachineStatus, kind: MachineKind | 'external'): TrayMenuItem[] {
  const accepts = (type: 'start-requested' | 'stop-requested') => transition(machine, { type }).ok;
  if (kind === 'external') return [];
  if (kind === 'native') return machine.state === 'running' ? [] : [item('Connect again', { type: 'engine.start' })];
  return [
    item('Start engine', { type: 'engine.start' }, accepts('start-requested')),
    item('Stop engine', { type: 'engine.stop' }, accepts('stop-requested')),
    item('Restart engine', { type: 'engine.restart' }, machine.state === 'running' || machine.state === 'error'),
  ];
}

/**
 * The user's running containers (never Berth's helpers), or none while the engine is not running
 * (a list kept from before would be stale).
 */
function runningContainers(input: Pick<TrayMenuInput, 'machine' | 'containers'>): readonly ContainerSummary[] {
  if (input.machine.state !== 'running') return [];
  return input.containers.filter((container) => container.state === 'running' && !container.berthOwned);
}

function containerItems(containers: readonly ContainerSummary[], limit: number): TrayMenuItem[] {
  if (!containers.length) return [item('No containers running', undefined, false)];
  const shown = containers.slice(0, limit).map(containerSubmenu);
  const more = containers.length - shown.length;
  return more > 0 ? [...shown, item(`More… (${more})`, { type: 'dashboard.open' })] : shown;
}

function containerSubmenu(container: ContainerSummary): TrayMenuItem {
  const { id } = container;
  return {
    kind: 'submenu',
    label: container.name.replace(/^\/+/, ''),
    enabled: true,
    items: [
      item('Stop', { type: 'container.stop', id }),
      item('Restart', { type: 'container.restart', id }),
      ...publishedUrls(container.ports).map((url) =>
        item(`Open ${url.replace(/^http:\/\//, '')} in browser`, { type: 'container.open', url }),
      ),
      item('Logs', { type: 'container.logs', id }),
      item('Terminal', { type: 'container.terminal', id }),
    ],
  };
}
