// Child process entry: the stand-in in place of 'electron', then the built main bundle (argv[2]); the test drives it over Node IPC.
import { writeSync } from 'node:fs';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { standIn } from './electron';
import { calls, plain, unwrapped } from './recorder';
import { preventableEvent } from './app';
import { allWindows, type StandInBrowserWindow } from './windows';
import { notifications, trays, type StandInTray } from './ui';
import {
  EXIT_REPORT_MARK,
  type ChildReply,
  type ChildRequest,
  type ExitReport,
  type PageEvent,
  type PageEventPush,
  type TrayItemView,
  type TrayView,
} from './protocol';

register('./hooks.ts', import.meta.url);

/** Uncaught exceptions and unhandled rejections in main: Electron would log them and go on, so do the stand-in. */
const errors: string[] = [];
const remember = (error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  errors.push(text);
  process.stderr.write(`[stand-in] ${text}\n`);
};
process.on('uncaughtException', remember);
process.on('unhandledRejection', remember);
// Quitting ends the process at once, as Electron does: the calls made up to then go to stdout as one line.
process.on('exit', (code) => {
  const report: ExitReport = { code, calls, errors };
  writeSync(1, `${EXIT_REPORT_MARK}${JSON.stringify(report)}\n`);
});

interface Bridge {
  call(method: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Events each page received through window.berth.on, by window id. */
const pageEvents = new Map<number, PageEvent[]>();

function windowOf(id: number): StandInBrowserWindow {
  const window = allWindows().find((candidate) => candidate.id === id);
  if (!window) throw new Error(`no window ${id}`);
  return window;
}

function bridgeOf(id: number): Bridge {
  const bridge = windowOf(id).webContents.exposed.get('berth') as Bridge | undefined;
  if (!bridge) throw new Error(`window ${id} has no window.berth`);
  return bridge;
}

interface MenuTemplate extends TrayItemView {
  click?: () => void;
  submenu?: MenuTemplate[];
}

function currentTray(): StandInTray {
  const tray = trays.at(-1);
  if (!tray) throw new Error('main made no tray');
  return tray;
}

function view(items: readonly MenuTemplate[]): TrayItemView[] {
  return items.map(({ label, type, enabled, checked, submenu }) => ({
    ...(label === undefined ? {} : { label }),
    ...(type === undefined ? {} : { type }),
    ...(enabled === undefined ? {} : { enabled }),
    ...(checked === undefined ? {} : { checked }),
    ...(submenu ? { submenu: view(submenu) } : {}),
  }));
}

function trayItem(labels: readonly string[]): MenuTemplate {
  let items = (currentTray().menu?.items ?? []) as MenuTemplate[];
  let found: MenuTemplate | undefined;
  for (const label of labels) {
    found = items.find((item) => item.label === label);
    if (!found) throw new Error(`no tray item "${labels.join(' › ')}"`);
    items = found.submenu ?? [];
  }
  if (!found?.click) throw new Error(`tray item "${labels.join(' › ')}" does nothing`);
  return found;
}

async function answer(request: ChildRequest): Promise<unknown> {
  switch (request.op) {
    case 'status':
      return {
        ready: standIn.app.ready,
        windows: allWindows().map((window) => ({
          id: window.id,
          options: plain(window.options, new Set()),
          url: window.webContents.url,
          visible: window.visible,
          exposed: Object.fromEntries(
            [...window.webContents.exposed].map(([key, api]) => [key, Object.keys(api as object)]),
          ),
        })),
        channels: [...standIn.handlers.keys()],
        errors,
      };
    case 'calls':
      return calls;
    case 'invoke': {
      const handler = standIn.handlers.get(request.channel);
      if (!handler) throw new Error(`no handler for ${request.channel}`);
      const event = {
        senderFrame: request.frameUrl === null ? null : { url: request.frameUrl },
        sender: { id: request.senderId },
      };
      return plain(await handler(event, request.args), new Set());
    }
    case 'page-call':
      return plain(await bridgeOf(request.windowId).call(request.method, request.args), new Set());
    case 'page-on': {
      const received = pageEvents.get(request.windowId) ?? [];
      pageEvents.set(request.windowId, received);
      const { event } = request;
      const { windowId } = request;
      bridgeOf(windowId).on(event, (payload) => {
        const copy = plain(payload, new Set());
        received.push({ event, payload: copy });
        const push: PageEventPush = { push: 'page-event', windowId, event, payload: copy };
        process.send?.(push);
      });
      return undefined;
    }
    case 'page-events':
      return pageEvents.get(request.windowId) ?? [];
    case 'tray': {
      const tray = currentTray();
      const shown: TrayView = {
        image: tray.image.path,
        toolTip: tray.toolTip,
        menu: view((tray.menu?.items ?? []) as MenuTemplate[]),
        destroyed: tray.destroyed,
      };
      return shown;
    }
    case 'tray-click': {
      const item = trayItem(request.labels);
      if (request.destroyWindowFirst) for (const window of allWindows()) window.destroy();
      // Electron reports what a click handler throws as an uncaught exception in main.
      try {
        item.click?.();
      } catch (error) {
        remember(error);
      }
      return undefined;
    }
    case 'window-close':
      return windowOf(request.windowId).close();
    case 'notification-click': {
      const notification = notifications[request.number - 1];
      if (!notification) throw new Error(`no Notification#${request.number}`);
      notification.emit('click', preventableEvent());
      return undefined;
    }
    case 'app-emit':
      if (request.event === 'second-instance')
        standIn.app.emit('second-instance', preventableEvent(), [], process.cwd());
      else standIn.app.emit('activate', preventableEvent(), false);
      return undefined;
    case 'navigation': {
      // Electron passes the URL both as an argument and, for will-frame-navigate, on the event.
      const event = Object.assign(preventableEvent(), { url: request.url });
      unwrapped(windowOf(request.windowId).webContents).emit(request.event, event, request.url);
      return event.defaultPrevented;
    }
    case 'window-open': {
      const handler = unwrapped(windowOf(request.windowId).webContents).windowOpenHandler;
      if (!handler) throw new Error('main set no window open handler');
      return handler({ url: request.url }).action;
    }
    case 'memory': {
      const collect = (globalThis as { gc?: () => void }).gc;
      collect?.();
      const { heapUsed, rss } = process.memoryUsage();
      return { heapUsed, rss, collected: collect !== undefined };
    }
  }
}

process.on('message', (request: ChildRequest) => {
  void answer(request)
    .then(
      (value): ChildReply => ({ id: request.id, ok: true, value }),
      (error: unknown): ChildReply => ({ id: request.id, ok: false, error: String(error) }),
    )
    .then((reply) => process.send?.(reply));
});

await import(pathToFileURL(process.argv[2] ?? '').href);
