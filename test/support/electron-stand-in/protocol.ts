// Messages between the test and the stand-in child over Node IPC (a request with an id, answered once), and its exit report.
import type { RecordedCall } from './recorder';

export type ChildRequest = { id: number } & (
  | { op: 'status' }
  | { op: 'calls' }
  /** Calls the ipcMain handler of `channel` as a frame at `frameUrl` (null: no frame) of webContents `senderId`. */
  | { op: 'invoke'; channel: string; frameUrl: string | null; senderId: number; args: unknown }
  /** window.berth.call(method, args) in the page of window `windowId`. */
  | { op: 'page-call'; windowId: number; method: string; args: unknown }
  /** window.berth.on(event, …) in that page; what it then receives is kept for 'page-events'. */
  | { op: 'page-on'; windowId: number; event: string }
  | { op: 'page-events'; windowId: number }
  | { op: 'quit' }
);

/** What a page got from window.berth.on: the event's name and payload. */
export interface PageEvent {
  event: string;
  payload: unknown;
}

export type ChildReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

export interface ChildStatus {
  ready: boolean;
  windows: Array<{
    id: number;
    options: Record<string, unknown>;
    url: string;
    visible: boolean;
    /** What the page's preload exposed: each key with its members' names. */
    exposed: Record<string, string[]>;
  }>;
  channels: string[];
  errors: string[];
}

/** Starts the line the child prints on stdout as it exits, followed by an ExitReport as JSON. */
export const EXIT_REPORT_MARK = '[stand-in exit] ';

export interface ExitReport {
  code: number;
  calls: RecordedCall[];
  errors: string[];
}
