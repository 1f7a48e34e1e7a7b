// The stand-in's tray, menus, images, notifications, dialogs and shell: they keep what Berth gave them for the test to read.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

export interface StandInImage {
  path: string;
  isEmpty(): boolean;
}

export const nativeImage = {
  /** Like Electron, a missing file gives an empty image rather than an error. */
  createFromPath: (path: string): StandInImage => ({ path, isEmpty: () => !existsSync(path) }),
};

export class StandInMenu {
  constructor(readonly items: readonly object[]) {}

  static buildFromTemplate(template: readonly object[]): StandInMenu {
    return new StandInMenu(template);
  }
}

export const trays: StandInTray[] = [];

export class StandInTray extends EventEmitter {
  menu: StandInMenu | undefined;
  toolTip = '';
  destroyed = false;

  constructor(public image: StandInImage) {
    super();
    trays.push(this);
  }

  setImage(image: StandInImage): void {
    this.image = image;
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  setContextMenu(menu: StandInMenu | null): void {
    this.menu = menu ?? undefined;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Every notification made, oldest first: Notification#n is notifications[n - 1]. */
export const notifications: StandInNotification[] = [];

export class StandInNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  constructor(readonly options: { title?: string; body?: string }) {
    super();
    notifications.push(this);
  }

  show(): void {}
}

export const dialog = {
  showOpenDialog: async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] }),
  showErrorBox: (_title: string, _content: string): void => {},
};

export const shell = {
  openExternal: async (_url: string): Promise<void> => {},
};
