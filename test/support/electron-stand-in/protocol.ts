// Messages between the test and the stand-in child over Node IPC (a request with an id, answered once), and its exit report.
import type { RecordedCall } from './recorder';

export type ChildRequest = { id: number } & (
  | { op: 'status' }
  | { op: 'calls' }
  /** Calls the ipcMain handler of `channel` as a frame at `frameUrl` (null: no frame) of webContents `senderId`. */
  | { op: 'invoke'; channel: string; frameUrl: string | null; senderId: number; args: unknown }
  /** window.berth.call(method, args) in the page of window `windowId`. */
  | { op: 'page-call'; windowId: number; method: string; args: unknown }
  /** window.berth.on(event, …) in that page; what it then receives is kept for 'page-events' and pushed as it comes. */
  | { op: 'page-on'; windowId: number; event: string }
  | { op: 'page-events'; windowId: number }
  /** The tray as the user sees it: icon, tooltip, menu. */
  | { op: 'tray' }
  /**
   * Clicks the tray menu item at `labels` (a submenu's label, then the item's); with `destroyWindowFirst` the window is
   * destroyed just before, in the same turn (as when the user clicks while main stops the VM on quit).
   */
  | { op: 'tray-click'; labels: string[]; destroyWindowFirst?: boolean }
  /** The user closes window `windowId` (its close button); answers whether it closed. */
  | { op: 'window-close'; windowId: number }
  /** The user clicks notification Notification#`number`. */
  | { op: 'notification-click'; number: number }
  /** Electron emits `event` on app: a Dock click (activate) or a second launch (second-instance). */
  | { op: 'app-emit'; event: 'activate' | 'second-instance' }
  /** The page of window `windowId` starts to go to `url` (`event`: a link, a redirect, a frame); answers whether main stopped it. */
  | { op: 'navigation'; windowId: number; event: NavigationEvent; url: string }
  /** The page of window `windowId` asks for a new window at `url` (window.open, a target=_blank link); answers main's action. */
  | { op: 'window-open'; windowId: number; url: string }
  /** The child's memory after a full garbage collection (when Node runs with --expose-gc). */
  | { op: 'memory' }
);

export type NavigationEvent = 'will-navigate' | 'will-redirect' | 'will-frame-navigate';

export interface ChildMemory {
  heapUsed: number;
  rss: number;
  /** Whether a garbage collection ran first (the child was started with --expose-gc). */
  collected: boolean;
}

/** A tray menu item as Berth built it (its template), clicks left out. */
export interface TrayItemView {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: TrayItemView[];
}

export interface TrayView {
  /** The icon file shown, e.g. …/build/tray/starting.png. */
  image: string;
  toolTip: string;
  menu: TrayItemView[];
  destroyed: boolean;
}

/** What a page got from window.berth.on: the event's name and payload. */
export interface PageEvent {
  event: string;
  payload: unknown;
}

export type ChildReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

/** Sent by the child unasked, as each event reaches a page's window.berth.on listener (see 'page-on'). */
export interface PageEventPush extends PageEvent {
  push: 'page-event';
  windowId: number;
}

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
