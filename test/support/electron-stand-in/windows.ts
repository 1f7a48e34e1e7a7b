// The stand-in's BrowserWindow and webContents (loadURL checks a file: page exists), plus screen and the default session.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, preventableEvent } from './app';
import { runPreload } from './preload';
import { recorded, unwrapped, viewOf } from './recorder';

interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export class StandInSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
}

export const session = { defaultSession: recorded('session.defaultSession', new StandInSession()) };

const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 25, width: 1920, height: 1055 },
  scaleFactor: 1,
};

export const screen = {
  getPrimaryDisplay: () => DISPLAY,
  getAllDisplays: () => [DISPLAY],
};

export class StandInWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly session = session.defaultSession;
  /** The page's ipcRenderer listeners, by channel. */
  readonly page = new EventEmitter();
  /** What the page's preload exposed (contextBridge.exposeInMainWorld), by key. */
  exposed = new Map<string, unknown>();

  constructor(readonly id: number) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.page.emit(channel, { sender: {} }, ...args);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const windows: StandInBrowserWindow[] = [];
let nextId = 1;

/** Open windows, oldest first (the objects behind the recording proxies). */
export function allWindows(): StandInBrowserWindow[] {
  return [...windows];
}

export class StandInBrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: StandInWebContents;
  visible = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  private bounds: Rectangle;

  static getAllWindows(): StandInBrowserWindow[] {
    return windows.map((window) => viewOf(window));
  }

  static getFocusedWindow(): StandInBrowserWindow | null {
    const focused = windows.find((window) => window.visible && !window.minimized);
    return focused ? viewOf(focused) : null;
  }

  constructor(
    readonly options: {
      x?: number;
      y?: number;
      width?: number;
      height?: number;
      webPreferences?: { preload?: string };
    } = {},
  ) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = recorded(`webContents#${this.id}`, new StandInWebContents(this.id));
    windows.push(this);
    app.emit('web-contents-created', preventableEvent(), this.webContents);
  }

  /**
   * Resolves once the page "loaded": a file: URL must name a file that exists, as in Chromium; the preload runs
   * (in its own context) before did-finish-load and ready-to-show.
   */
  async loadURL(url: string): Promise<void> {
    const contents = unwrapped(this.webContents);
    contents.url = url;
    await new Promise((resolve) => setImmediate(resolve));
    if (url.startsWith('file:') && !existsSync(fileURLToPath(url))) {
      throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    }
    const { preload } = this.options.webPreferences ?? {};
    if (preload) contents.exposed = runPreload(preload, { url, sender: this.webContents, page: contents.page });
    contents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {}

  maximize(): void {
    this.maximized = true;
  }

  restore(): void {
    this.minimized = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  isFullScreen(): boolean {
    return false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }

  /** Emits a cancellable close; returns false when a listener kept the window open. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    unwrapped(this.webContents).destroyed = true;
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
    if (windows.length === 0 && !app.quitting) app.emit('window-all-closed');
  }
}
