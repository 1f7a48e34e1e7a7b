// Which engine events and machine status changes deserve a native notification, and its words.
import type { MachineStatus } from '../contract/dto/machine';
import type { EngineEvent } from '../contract/dto/system';

export interface Notice {
  title: string;
  body: string;
}

export type NotificationSource =
  /**
   * An event as published on `engine.event`. `requested`: the user asked the container to stop
   * (see RequestedStops), so its death is no news.
   */
  | { kind: 'engine-event'; event: EngineEvent; requested?: boolean }
  /**
   * Consecutive machine statuses. A stop the user asks for passes through `stopping`, so only a
   * machine that goes straight from `running` to `stopped` or `error` stopped on its own.
   */
  | { kind: 'machine-status'; previous: MachineStatus; current: MachineStatus };

/** Signal names for exit codes 128 + N. */
const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  15: 'SIGTERM',
};

/** The notification to show for `source`, or undefined for none (always none when notifications are off). */
export function notificationFor(source: NotificationSource, enabled: boolean): Notice | undefined {
  if (!enabled) return undefined;
  return source.kind === 'engine-event'
    ? containerExit(source.event, source.requested ?? false)
    : machineStopped(source.previous, source.current);
}

function containerExit(event: EngineEvent, requested: boolean): Notice | undefined {
  if (event.type !== 'container' || event.action !== 'die' || requested) return undefined;
  const code = Number(event.attributes.exitCode);
  if (!Number.isInteger(code) || code === 0) return undefined;
  const name = event.name ?? event.attributes.name ?? event.id.slice(0, 12);
  const lines = [signalHint(code), event.attributes.image ? `Image: ${event.attributes.image}` : ''].filter(Boolean);
  return {
    title: `${name} exited with code ${code}`,
    body: lines.length ? lines.join('\n') : 'Its logs in Berth may say why.',
  };
}

function signalHint(code: number): string {
  if (code === 137) return 'It was killed (SIGKILL), often for running out of memory.';
  const signal = code > 128 ? SIGNALS[code - 128] : undefined;
  return signal ? `It was ended by ${signal}.` : '';
}

function machineStopped(previous: MachineStatus, current: MachineStatus): Notice | undefined {
  if (previous.state !== 'running' || (current.state !== 'stopped' && current.state !== 'error')) return undefined;
  return {
    title: 'Engine stopped',
    body: current.reason ? `The engine stopped unexpectedly: ${current.reason}` : 'The engine stopped unexpectedly.',
  };
}

/**
 * Remembers the containers a stop or kill was sent to (`docker stop`, `docker kill`, Berth's Stop
 * and Restart all show as a `kill` event first), so their `die` is not taken for a crash.
 */
export class RequestedStops {
  private readonly ids = new Set<string>();

  /** Feed every engine event in order; true when `event` is the death of a container asked to stop. */
  observe(event: EngineEvent): boolean {
    if (event.type !== 'container') return false;
    switch (event.action) {
      case 'kill':
        this.ids.add(event.id);
        return false;
      case 'die':
        return this.ids.delete(event.id);
      case 'start':
      case 'destroy':
        this.ids.delete(event.id);
        return false;
      default:
        return false;
    }
  }
}
