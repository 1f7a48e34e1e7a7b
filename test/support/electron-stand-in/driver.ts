// Test side: starts the built main bundle in a child Node with the stand-in 'electron', and asks it questions over Node IPC.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { logFileOf, spawnTracked, stopProcess, tailFile } from '../processes';
import { withTimeout } from '../wait';
import type { RecordedCall } from './recorder';
import {
  EXIT_REPORT_MARK,
  type ChildMemory,
  type ChildReply,
  type ChildRequest,
  type ChildStatus,
  type ExitReport,
  type NavigationEvent,
  type PageEvent,
  type PageEventPush,
  type TrayView,
} from './protocol';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = resolve(import.meta.dirname, 'child.ts');
/** Longest the child may take to answer one request, in ms, unless the test says otherwise. */
const ANSWER_TIMEOUT_MS = 15_000;

export interface StandInOptions {
  /** The main bundle to run; out/main/index.js by default. */
  bundle?: string;
  /** Node's own options for the child, e.g. --expose-gc. */
  nodeOptions?: readonly string[];
  /** Longest one request may take to be answered, in ms (a call made under load takes longer). */
  answerTimeoutMs?: number;
}

type Request = ChildRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface StandInMain {
  child: ChildProcess;
  status(): Promise<ChildStatus>;
  calls(): Promise<RecordedCall[]>;
  /** Calls ipcMain's handler for `channel` as if a frame at `frameUrl` (null: none) of webContents `senderId` invoked it. */
  invoke(channel: string, frameUrl: string | null, args: unknown, senderId?: number): Promise<unknown>;
  /** `window.berth.call(method, args)` in the page of window `windowId` (default 1), through its preload. */
  pageCall(method: string, args: unknown, windowId?: number): Promise<unknown>;
  /** `window.berth.on(event, …)` in that page; rejects with what the preload threw. */
  pageOn(event: string, windowId?: number): Promise<void>;
  /** Calls `listener` with each event a page's `on` listener receives from now on (after pageOn); returns an unsubscribe. */
  onPageEvent(listener: (pushed: PageEventPush) => void): () => void;
  /** What the page has received through its `on` listeners so far. */
  pageEvents(windowId?: number): Promise<PageEvent[]>;
  /** The tray's icon, tooltip and menu now. */
  tray(): Promise<TrayView>;
  /** Clicks the tray item at `labels` (submenu labels first), optionally right after the window was destroyed. */
  trayClick(labels: string[], options?: { destroyWindowFirst?: boolean }): Promise<void>;
  /** The user closes the window; resolves to whether it closed (false: main kept it, e.g. hid it to the tray). */
  closeWindow(windowId?: number): Promise<boolean>;
  /** The user clicks notification Notification#`number`. */
  clickNotification(number: number): Promise<void>;
  /** Electron emits `event` on app (a Dock click, a second launch). */
  emitApp(event: 'activate' | 'second-instance'): Promise<void>;
  /** The page of window `windowId` (default 1) starts to go to `url`; resolves to whether main stopped it. */
  navigation(event: NavigationEvent, url: string, windowId?: number): Promise<boolean>;
  /** The page of window `windowId` (default 1) asks for a new window at `url`; resolves to main's action ('deny'…). */
  windowOpen(url: string, windowId?: number): Promise<string>;
  /** The child's heap (after a collection when started with `--expose-gc`) and RSS. */
  memory(): Promise<ChildMemory>;
  /** What the child printed as it exited (every call, quit included), or undefined before. */
  exitReport(): ExitReport | undefined;
  /** The child's stdout and stderr so far, for failure messages. */
  log(): string;
  /** Stops the child (SIGTERM, then SIGKILL); safe to call after it exited. */
  stop(): Promise<void>;
}

/**
 * The main bundle run under Node with `env` added (see StandInOptions), its cwd the repository root (the app path);
 * ELECTRON_RENDERER_URL (a dev server) is left out, so main loads the built renderer as the packaged app does.
 */
export function startStandInMain(env: NodeJS.ProcessEnv, options: StandInOptions = {}): StandInMain {
  const {
    bundle = resolve(ROOT, 'out/main/index.js'),
    nodeOptions = [],
    answerTimeoutMs = ANSWER_TIMEOUT_MS,
  } = options;
  const child = spawnTracked(process.execPath, [...nodeOptions, '--import', 'tsx', CHILD, bundle], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RENDERER_URL: undefined, ...env },
    ipc: true,
  });
  let nextId = 1;
  const pending = new Map<number, (reply: ChildReply) => void>();
  const pushListeners = new Set<(pushed: PageEventPush) => void>();
  child.on('message', (message: ChildReply | PageEventPush) => {
    if ('push' in message) for (const listener of pushListeners) listener(message);
    else pending.get(message.id)?.(message);
  });
  const ask = async (request: Request): Promise<unknown> => {
    const id = nextId++;
    const reply = new Promise<ChildReply>((settle) => pending.set(id, settle));
    child.send({ ...request, id });
    const answer = await withTimeout(reply, answerTimeoutMs).finally(() => pending.delete(id));
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
  return {
    child,
    status: async () => (await ask({ op: 'status' })) as ChildStatus,
    calls: async () => (await ask({ op: 'calls' })) as RecordedCall[],
    invoke: (channel, frameUrl, args, senderId = 1) => ask({ op: 'invoke', channel, frameUrl, args, senderId }),
    pageCall: (method, args, windowId = 1) => ask({ op: 'page-call', windowId, method, args }),
    pageOn: async (event, windowId = 1) => void (await ask({ op: 'page-on', windowId, event })),
    onPageEvent: (listener) => {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    pageEvents: async (windowId = 1) => (await ask({ op: 'page-events', windowId })) as PageEvent[],
    tray: async () => (await ask({ op: 'tray' })) as TrayView,
    trayClick: async (labels, options = {}) => void (await ask({ op: 'tray-click', labels, ...options })),
    closeWindow: async (windowId = 1) => (await ask({ op: 'window-close', windowId })) as boolean,
    clickNotification: async (number) => void (await ask({ op: 'notification-click', number })),
    emitApp: async (event) => void (await ask({ op: 'app-emit', event })),
    navigation: async (event, url, windowId = 1) => (await ask({ op: 'navigation', windowId, event, url })) as boolean,
    windowOpen: async (url, windowId = 1) => (await ask({ op: 'window-open', windowId, url })) as string,
    memory: async () => (await ask({ op: 'memory' })) as ChildMemory,
    exitReport: () => {
      const line = readFileSync(logFileOf(child) ?? '', 'utf8')
        .split('\n')
        .find((text) => text.startsWith(EXIT_REPORT_MARK));
      return line ? (JSON.parse(line.slice(EXIT_REPORT_MARK.length)) as ExitReport) : undefined;
    },
    log: () => tailFile(logFileOf(child), 60),
    stop: () => stopProcess(child, { timeoutMs: 5_000 }),
  };
}
