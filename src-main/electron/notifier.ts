// Native notifications: a container that exits with an error, the engine stopping on its own (when the setting allows).
import { Notification } from 'electron';
import type { Backend } from '../api/backend';
import type { MachineStatus } from '../contract/dto/machine';
import type { EngineEvent } from '../contract/dto/system';
import { notificationFor, RequestedStops, type Notice } from '../core/notifications';
import type { MachineControl } from '../machine/machine-control';
import type { SettingsStore } from '../settings/settings-store';

export function startNotifications(
  backend: Backend,
  machine: MachineControl,
  settings: SettingsStore,
  onClick: () => void,
): () => void {
  const stops = new RequestedStops();
  const enabled = () => settings.settings.general.notifications && Notification.isSupported();
  const show = (notice: Notice | undefined) => {
    if (!notice) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    notification.on('click', onClick);
    notification.show();
  };
  const offEvents = backend.subscribe((name, payload) => {
    if (name !== 'engine.event') return;
    const event = payload as EngineEvent;
    show(notificationFor({ kind: 'engine-event', event, requested: stops.observe(event) }, enabled()));
  });
  let previous: MachineStatus = machine.info.status;
  const offMachine = machine.onChange(({ status }) => {
    show(notificationFor({ kind: 'machine-status', previous, current: status }, enabled()));
    previous = status;
  });
  return () => {
    offEvents();
    offMachine();
  };
}
