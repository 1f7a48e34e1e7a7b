// "Start Berth when you log in": Electron's login item on macOS and Windows, an XDG autostart entry on Linux.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { app } from 'electron';
import { autostartEntry, autostartEntryPath } from '../core/autostart-entry';

/**
 * What starts this app: its executable (an AppImage's own file, not the mounted copy), plus the app folder when
 * unpackaged (`electron <app>`).
 */
function launchCommand(): string[] {
  if (!app.isPackaged) return [process.execPath, app.getAppPath()];
  return [process.env.APPIMAGE ?? process.execPath];
}

/** Starts the app at login when `openAtLogin`, or stops doing so. */
export function applyLoginItem(openAtLogin: boolean): void {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin });
    return;
  }
  const path = autostartEntryPath(process.env.XDG_CONFIG_HOME, homedir(), app.getName());
  if (!openAtLogin) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, autostartEntry(app.getName(), launchCommand()));
}
