// What the sidebar's engine badge says: the machine Berth runs while it starts, stops or fails, else the engine connection. Pure.
import type { MachineInfo } from '../../../src-main/contract/dto/machine';
import type { EngineStatus } from '../../../src-main/contract/dto/system';

export interface EngineBadgeView {
  /** StateDot's state (its colour). */
  dot: string;
  /** The state in words. */
  label: string;
  /** The line under it: the step under way, why it failed, or the endpoint. */
  detail: string;
  /** The endpoint's short name (a socket path without unix://). */
  endpoint: string;
}

const CONNECTION_LABELS = { connected: 'Running', reconnecting: 'Reconnecting', disconnected: 'Disconnected' } as const;

/**
 * A machine Berth runs speaks for itself while it is not simply running (its progress step while
 * starting is what the user waits on); a running one, or an engine Berth only uses, is shown by
 * its connection.
 */
export function engineBadgeView(engine: EngineStatus, machine: MachineInfo | undefined): EngineBadgeView {
  const endpoint = engine.endpoint.replace(/^unix:\/\//, '') || 'no engine';
  const status = machine && machine.kind !== 'external' ? machine.status : undefined;
  const view = (dot: string, label: string, detail = endpoint) => ({ dot, label, detail, endpoint });
  switch (status?.state) {
    case 'starting':
      return view('starting', 'Starting', status.progress ?? 'Starting the machine');
    case 'stopping':
      return view('starting', 'Stopping', status.progress ?? 'Stopping the machine');
    case 'stopped':
      return view('disconnected', 'Stopped', 'Start it from Troubleshoot or the tray');
    case 'error':
      return view('error', 'Error', status.reason ?? 'The machine failed');
    case 'running':
      if (status.paused) return view('paused', 'Paused while idle');
  }
  return view(engine.state, CONNECTION_LABELS[engine.state]);
}
