// The stand-in's `app`: ready on the next turn, single-instance lock, and Electron's quit sequence ending the process with code 0.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allWindows } from './windows';

/** An event a listener may cancel, as Electron passes to before-quit, will-quit and close. */
export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventableEvent(): PreventableEvent {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** STAND_IN_RESOURCES names a packed app's resources folder: the app then runs as packaged, as an installed Berth does. */
const packedResources = process.env.STAND_IN_RESOURCES;
if (packedResources) (process as { resourcesPath?: string }).resourcesPath = packedResources;

export class StandInApp extends EventEmitter {
  isPackaged = packedResources !== undefined;
  ready = false;
  quitting = false;
  private readonly readyPromise: Promise<void>;

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        this.emit('ready', preventableEvent(), {});
        resolve();
      }),
    );
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Granted, unless the test says another instance holds it (STAND_IN_LOCK_HELD=1), as for a second launch. */
  requestSingleInstanceLock(): boolean {
    return process.env.STAND_IN_LOCK_HELD !== '1';
  }

  /** The folder Electron was started with; the child runs in the repository root, as `electron .` would. */
  getAppPath(): string {
    return process.cwd();
  }

  getVersion(): string {
    return this.manifest().version;
  }

  /** As Electron: package.json's productName, else its name. */
  getName(): string {
    const { productName, name } = this.manifest();
    return productName ?? name;
  }

  private manifest(): { name: string; version: string; productName?: string } {
    return JSON.parse(readFileSync(join(this.getAppPath(), 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      productName?: string;
    };
  }

  setLoginItemSettings(_settings: { openAtLogin?: boolean }): void {}

  /** Electron's order: before-quit (cancellable), every window closed (each may cancel), will-quit, quit, exit 0. */
  quit(): void {
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of allWindows()) {
      if (!window.close()) {
        this.quitting = false;
        return;
      }
    }
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', preventableEvent(), 0);
    process.exit(0);
  }
}

export const app = new StandInApp();
