// The module the loader hooks give Berth's main for `import … from 'electron'`: each export records the calls made on it.
import { app as standInApp } from './app';
import { handlers, ipcMain as standInIpcMain } from './ipc';
import { recorded, recordedClass } from './recorder';
import { safeStorage as standInSafeStorage } from './safe-storage';
import {
  dialog as standInDialog,
  nativeImage as standInNativeImage,
  shell as standInShell,
  StandInMenu,
  StandInNotification,
  StandInTray,
} from './ui';
import { screen as standInScreen, session as standInSession, StandInBrowserWindow } from './windows';

export const app = recorded('app', standInApp);
export const BrowserWindow = recordedClass('BrowserWindow', StandInBrowserWindow);
export const ipcMain = recorded('ipcMain', standInIpcMain);
export const session = standInSession;
export const screen = recorded('screen', standInScreen);
export const Menu = recordedClass('Menu', StandInMenu);
export const Tray = recordedClass('Tray', StandInTray);
export const Notification = recordedClass('Notification', StandInNotification);
export const nativeImage = recorded('nativeImage', standInNativeImage);
export const dialog = recorded('dialog', standInDialog);
export const shell = recorded('shell', standInShell);
export const safeStorage = recorded('safeStorage', standInSafeStorage);

/** What the test reaches through the child: the objects behind the exports. */
export const standIn = { app: standInApp, handlers };
