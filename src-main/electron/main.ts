// Electron entry: one window on the renderer, the API bound to IPC, events forwarded to the window.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createBackend } from '../api/backend';
import { endpointFromEnvironment } from '../engine/endpoint';
import { bindIpc, clientIdForWebContents, forwardEventsToWindow } from '../transport/electron-ipc';
import { applySecurity } from './security';
import { isOwnRendererUrl, secureWebPreferences } from './security-policy';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

async function main(): Promise<void> {
  await app.whenReady();
  applySecurity(rendererUrl, session.defaultSession);
  const backend = createBackend(endpointFromEnvironment());
  bindIpc(ipcMain, backend, { isTrustedUrl: (url) => isOwnRendererUrl(url, rendererUrl) });
  backend.start();

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Berth',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  const client = clientIdForWebContents(window.webContents.id);
  const stopForwarding = forwardEventsToWindow(backend, (channel, payload) =>
    window.webContents.send(channel, payload),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    stopForwarding();
    backend.clientGone(client);
  });
  await window.loadURL(rendererUrl);

  app.on('window-all-closed', () => {
    void backend.stop().then(() => app.quit());
  });
}

void main();
