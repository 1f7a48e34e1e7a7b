// The event map: everything main pushes to its clients, by name, with its payload type.
import { event } from './define';
import type { BuildProgress } from './dto/builds';
import type { AuditProgress } from './dto/audit';
import type { LayerProgress } from './dto/images';
import type { LayersProgress } from './dto/layers';
import type { MachineInfo } from './dto/machine';
import type { Settings } from './dto/settings';
import type { StackOutputLine } from './dto/stacks';
import type { LogBatch, StatsSample } from './dto/streams';
import type { EngineEvent, EngineStatus } from './dto/system';

export const events = {
  /** The engine connection changed state. */
  'engine.state': event<EngineStatus>(),
  /** Raw engine events, for the live events feed. */
  'engine.event': event<EngineEvent>(),
  /** Invalidations: re-fetch these (an empty list means "re-fetch everything"). */
  'containers.changed': event<{ ids: string[] }>(),
  'images.changed': event<{ ids: string[] }>(),
  'volumes.changed': event<{ names: string[] }>(),
  'networks.changed': event<{ ids: string[] }>(),
  /** Stream sessions; data is batched by main. */
  'logs.data': event<{ session: string } & LogBatch>(),
  'logs.end': event<{ session: string; error?: string }>(),
  'stats.data': event<{ session: string; sample: StatsSample }>(),
  'stats.end': event<{ session: string; error?: string }>(),
  'exec.data': event<{ session: string; data: string }>(),
  'exec.exit': event<{ session: string; exitCode: number | null; error?: string }>(),
  'terminal.data': event<{ session: string; data: string }>(),
  'terminal.exit': event<{ session: string; exitCode: number | null }>(),
  /** Long operations, keyed by the caller's operation id. */
  'images.progress': event<{ operation: string; kind: 'pull' | 'push'; status?: string; layers: LayerProgress[] }>(),
  /** `layers.analyze` reading the image export. */
  'layers.progress': event<LayersProgress>(),
  'build.output': event<{ operation: string; lines: string[] }>(),
  /** A build's step changes and new log lines, batched; the last one carries its result. */
  'builds.progress': event<BuildProgress>(),
  /** An image audit's catalogue reading the image's layers. */
  'audit.progress': event<AuditProgress>(),
  /** The compose CLI's output during a stack action, line by line as it prints it. */
  'stacks.output': event<{ operation: string; lines: StackOutputLine[] }>(),
  /** Settings changed (from any window, the tray or the CLI's machine section). */
  'settings.changed': event<Settings>(),
  /** The machine's state, progress or resources changed. */
  'machine.state': event<MachineInfo>(),
  /** Show a page, e.g. from the tray ("/containers/<id>/logs"); only the Electron app sends it. */
  'app.navigate': event<{ path: string }>(),
} as const;

type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Exclude<Events[E]['payload'], undefined>;
export type EventMap = { [E in EventName]: EventPayload<E> };

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
