// Feeds the tray from engine, machine and settings events (never polling) and carries out what its menu asks.
import { shell } from 'electron';
import type { Backend } from '../api/backend';
import type { ContainerSummary } from '../contract/dto/containers';
import type { TrayAction, TrayMenuInput } from '../core/tray-menu';
import type { MachineControl } from '../machine/machine-control';
import type { SettingsStore } from '../settings/settings-store';
import { isAllowedExternalUrl } from './security-policy';
import { createTray } from './tray';

export interface TrayControllerOptions {
  backend: Backend;
  machine: MachineControl;
  settings: SettingsStore;
  iconDir: string;
  showWindow: () => void;
  /** Shows a page of the app, e.g. "/containers/<id>/logs". */
  navigate: (path: string) => void;
  /** Something the user asked for failed: say so. */
  report: (title: string, error: unknown) => void;
  quit: () => void;
}

/** Events after which the tray's menu may differ; several in a row cause one refresh. */
const REFRESH_ON = new Set(['containers.changed', 'engine.state', 'machine.state', 'settings.changed']);
const REFRESH_DELAY_MS = 200;

export function startTray(options: TrayControllerOptions): () => void {
  const { backend, machine, settings } = options;
  let containers: ContainerSummary[] = [];
  const input = (): TrayMenuInput => ({
    machine: machine.info.status,
    kind: machine.info.kind,
    endpointName: machine.info.kind === 'qemu' ? 'Berth VM' : machine.info.endpoint.replace(/^unix:\/\//, ''),
    containers,
    recentImages: settings.settings.recentImages,
  });

  const run = (title: string, work: () => Promise<unknown>) =>
    void work().catch((error: unknown) => options.report(title, error));
  const onAction = (action: TrayAction): void => {
    switch (action.type) {
      case 'engine.start':
        return run('Could not start the engine', () => machine.start());
      case 'engine.stop':
        return run('Could not stop the engine', () => machine.stop());
      case 'engine.restart':
        return run('Could not restart the engine', () => machine.restart());
      case 'container.stop':
        return run('Could not stop the container', () => backend.services.containers.stop(action.id));
      case 'container.restart':
        return run('Could not restart the container', () => backend.services.containers.restart(action.id));
      case 'container.open':
        if (isAllowedExternalUrl(action.url)) void shell.openExternal(action.url);
        return;
      case 'container.logs':
        return options.navigate(`/containers/${action.id}/logs`);
      case 'container.terminal':
        return options.navigate(`/containers/${action.id}/terminal`);
      case 'image.run':
        return options.navigate(`/images?run=${encodeURIComponent(action.reference)}`);
      case 'dashboard.open':
        return options.showWindow();
      case 'settings.open':
        return options.navigate('/settings');
      case 'quit':
        return options.quit();
    }
  };

  const tray = createTray({ iconDir: options.iconDir, input: input(), onAction });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    timer = undefined;
    containers =
      machine.info.status.state === 'running' ? await backend.services.containers.list(false).catch(() => []) : [];
    tray.update(input());
  };
  const unsubscribe = backend.subscribe((name) => {
    if (REFRESH_ON.has(name)) timer ??= setTimeout(() => void refresh(), REFRESH_DELAY_MS);
  });
  void refresh();
  return () => {
    unsubscribe();
    clearTimeout(timer);
    tray.destroy();
  };
}
