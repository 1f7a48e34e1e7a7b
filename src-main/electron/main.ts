// Electron entry: one instance, the window and tray at once, the machine started in the background, settings applied (updates too).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { createBackend, type Backend } from '../api/backend';
import { eventChannel } from '../contract/channels';
import { engineAddressFor } from '../core/host-socket';
import { endpointFromEnvironment, parseEngineAddress, type EngineEndpoint } from '../engine/endpoint';
import { ensureAgent } from '../cli/agent-launcher';
import { AgentMachineControl } from '../machine/agent-machine-control';
import { DeferredMachineControl } from '../machine/deferred-machine-control';
import { chooseMachineKind } from '../machine/factory';
import { findHostEngineSocket } from '../machine/host-engine-socket';
import { berthHomeFolder, machineHome, type MachineHome } from '../machine/machine-home';
import { ensurePrivateFolder } from '../machine/private-folder';
import { qemuTargetFor } from '../machine/qemu-target';
import { SettingsStore } from '../settings/settings-store';
import { bindIpc, clientIdForWebContents, forwardEventsToWindow } from '../transport/electron-ipc';
import { createAppWindow, showWindow } from './app-window';
import { applyLoginItem } from './login-item';
import { startNotifications } from './notifier';
import { applySecurity } from './security';
import { safeStorageKeychain } from './safe-storage-keychain';
import { isOwnRendererUrl } from './security-policy';
import { startTray } from './tray-controller';
import { startUpdates } from './updates';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
/** Longest a graceful VM shutdown may hold up quitting, in ms. */
const QUIT_STOP_TIMEOUT_MS = 60_000;

/** The engine Berth shows: DOCKER_HOST when set (an engine it only uses), else its machine's, decided now. */
async function chooseEndpoint(home: MachineHome, settings: SettingsStore): Promise<EngineEndpoint> {
  if (process.env.DOCKER_HOST) return endpointFromEnvironment();
  const hostSocket = await findHostEngineSocket(process.env);
  const { kind } = chooseMachineKind(settings.settings.machine.backend, process.platform, hostSocket);
  return kind === 'native' && hostSocket
    ? parseEngineAddress(`unix://${hostSocket}`)
    : parseEngineAddress(engineAddressFor(home.dockerSocket));
}

/** The agent's environment in a packaged app: the VM shipped in resources/vm/<arch>. */
function agentEnvironment(): Record<string, string> {
  const shipped = join(process.resourcesPath ?? '', 'vm', qemuTargetFor(process.arch).debianArch);
  return app.isPackaged && existsSync(shipped) ? { BERTH_VM_ASSETS: shipped } : {};
}

/** Finds or starts the machine agent (shared with the `berth` CLI), then starts a stopped machine; all in the background. */
function startMachine(home: MachineHome, deferred: DeferredMachineControl): void {
  const cliEntry = join(import.meta.dirname, 'cli.js');
  AgentMachineControl.follow(() => ensureAgent(home, cliEntry, agentEnvironment()), home).then(
    (control) => {
      deferred.resolve(control);
      if (control.info.status.state === 'stopped') void control.start().catch(() => undefined);
    },
    (error: Error) => deferred.fail(error),
  );
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  applySecurity(rendererUrl, session.defaultSession);
  const home = machineHome(berthHomeFolder(process.env, process.platform, homedir()));
  await ensurePrivateFolder(home.root);
  const settings = new SettingsStore(home.root);
  const { warnings } = await settings.load();

  const endpoint = await chooseEndpoint(home, settings);
  const deferred = process.env.DOCKER_HOST ? undefined : new DeferredMachineControl(endpoint.address);
  const backend: Backend = createBackend(endpoint, {
    settings,
    pickFiles: async ({ title, multiple, extensions }) => {
      const options: Electron.OpenDialogOptions = {
        title,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: extensions.length ? [{ name: extensions.join(', '), extensions }] : [],
      };
      // The dialog belongs to the window asking (the app has one).
      const owner = BrowserWindow.getFocusedWindow();
      const picked = await (owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options));
      return picked.canceled ? [] : picked.filePaths;
    },
    ...(deferred ? { machine: deferred } : {}),
    appVersion: app.getVersion(),
    keychain: safeStorageKeychain(safeStorage),
  });
  bindIpc(ipcMain, backend, { isTrustedUrl: (url) => isOwnRendererUrl(url, rendererUrl) });
  backend.start();
  const machine = backend.services.machine;

  let quitting = false;
  const window: BrowserWindow = createAppWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    settings,
    quitting: () => quitting,
  });
  const client = clientIdForWebContents(window.webContents.id);
  const stopForwarding = forwardEventsToWindow(backend, (channel, payload) =>
    window.webContents.send(channel, payload),
  );
  window.on('closed', () => {
    stopForwarding();
    backend.clientGone(client);
  });
  // The window is gone only while quitting (e.g. during the VM's stop): a tray click then has nowhere to go.
  const navigate = (path: string) => {
    if (window.isDestroyed()) return;
    showWindow(window);
    window.webContents.send(eventChannel('app.navigate'), { path });
  };
  const report = (title: string, error: unknown) =>
    dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));

  const iconDir = app.isPackaged ? join(process.resourcesPath, 'tray') : join(app.getAppPath(), 'build', 'tray');
  const stopTray = startTray({
    backend,
    machine,
    settings,
    iconDir,
    showWindow: () => showWindow(window),
    navigate,
    report,
    quit: () => app.quit(),
  });
  const stopNotifications = startNotifications(backend, machine, settings, () => showWindow(window));
  const stopUpdates = startUpdates(settings, app.isPackaged);
  const startAtLogin = () => {
    try {
      applyLoginItem(settings.settings.general.startAtLogin);
    } catch (error) {
      report('Could not change whether Berth starts when you log in', error);
    }
  };
  startAtLogin();
  settings.onChange((next, previous) => {
    if (next.general.startAtLogin !== previous.general.startAtLogin) startAtLogin();
  });
  app.on('second-instance', () => showWindow(window));
  // macOS: clicking the Dock icon brings back a window closed to the tray.
  app.on('activate', () => showWindow(window));

  await window.loadURL(rendererUrl);
  for (const warning of warnings) report('Berth reset some settings', warning);
  if (deferred) startMachine(home, deferred);

  // Quitting stops the VM first (when the setting says so), then really quits.
  let stopped = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    const stopVm =
      settings.settings.general.stopMachineOnQuit &&
      machine.info.kind === 'qemu' &&
      machine.info.status.state !== 'stopped'
        ? Promise.race([machine.stop(), new Promise((resolve) => setTimeout(resolve, QUIT_STOP_TIMEOUT_MS))])
        : Promise.resolve();
    void stopVm
      .catch(() => undefined)
      .finally(async () => {
        stopTray();
        stopNotifications();
        stopUpdates();
        machine.dispose();
        await backend.stop();
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
}

void main();
