// The main window: placed where it was (on a screen that still exists), remembered when moved, hidden to the tray on close.
import { BrowserWindow, screen } from 'electron';
import { restoreWindowBounds } from '../core/window-state';
import type { SettingsStore } from '../settings/settings-store';
import { secureWebPreferences } from './security-policy';

export interface AppWindowOptions {
  preload: string;
  settings: SettingsStore;
  /** True once the user quits: closing then really closes. */
  quitting: () => boolean;
}

/** How long the window must stay put before its bounds are saved, in ms. */
const SAVE_BOUNDS_AFTER_MS = 500;

export function createAppWindow({ preload, settings, quitting }: AppWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay().id;
  const displays = screen.getAllDisplays().map((display) => ({ ...display.workArea, primary: display.id === primary }));
  const saved = settings.settings.window;
  const window = new BrowserWindow({
    ...restoreWindowBounds(saved.bounds, displays),
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Berth',
    webPreferences: secureWebPreferences(preload),
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveBounds = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.isDestroyed() || window.isMinimized() || window.isMaximized() || window.isFullScreen()) return;
      void settings.update({ window: { bounds: window.getNormalBounds() } }).catch(() => undefined);
    }, SAVE_BOUNDS_AFTER_MS);
  };
  window.on('resize', saveBounds);
  window.on('move', saveBounds);
  window.on('maximize', () => void settings.update({ window: { maximized: true } }).catch(() => undefined));
  window.on('unmaximize', () => void settings.update({ window: { maximized: false } }).catch(() => undefined));
  window.on('close', (event) => {
    if (quitting() || !settings.settings.general.closeToTray) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => clearTimeout(timer));
  return window;
}

/** Brings the window back (from the tray, a second launch, a notification). */
export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
