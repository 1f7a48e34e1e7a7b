// The tray icon: turns core's tray menu model into an Electron Menu and icon, rebuilt when the caller calls update().
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import {
  trayIconState,
  trayMenuModel,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
  type TrayMenuInput,
  type TrayMenuItem,
} from '../core/tray-menu';

export interface BerthTrayOptions {
  /** Folder holding `<state>.png` and `<state>@2x.png` per TrayIconState (build/tray/ in the repository). */
  iconDir: string;
  /** What the tray shows first. */
  input: TrayMenuInput;
  /** Called with the action of each clicked item. */
  onAction: (action: TrayAction) => void;
}

export interface BerthTray {
  /** Shows `input`; call it on engine, machine and container events (the tray never polls). */
  update(input: TrayMenuInput): void;
  destroy(): void;
}

/** Electron menu items for the model; clicks call `onAction` with the item's action. */
export function menuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: menuTemplate(item.items, onAction) };
      case 'item': {
        const { action } = item;
        return {
          label: item.label,
          enabled: item.enabled,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          ...(action ? { click: () => onAction(action) } : {}),
        };
      }
    }
  });
}

export function createTray(options: BerthTrayOptions): BerthTray {
  const icons = new Map<TrayIconState, NativeImage>();
  // createFromPath also loads NAME@2x.png for HiDPI screens.
  const icon = (state: TrayIconState): NativeImage => {
    let image = icons.get(state);
    if (!image) {
      image = nativeImage.createFromPath(join(options.iconDir, `${state}.png`));
      icons.set(state, image);
    }
    return image;
  };

  let shownState = trayIconState(options.input.machine);
  const tray = new Tray(icon(shownState));
  let shownMenu = '';
  let shownTooltip = '';

  const update = (input: TrayMenuInput): void => {
    const state = trayIconState(input.machine);
    if (state !== shownState) tray.setImage(icon(state));
    shownState = state;
    const tooltip = trayTooltip(input);
    if (tooltip !== shownTooltip) tray.setToolTip(tooltip);
    shownTooltip = tooltip;
    const model = trayMenuModel(input);
    const key = JSON.stringify(model);
    // Rebuilding an unchanged menu would close it while the user has it open.
    if (key === shownMenu) return;
    shownMenu = key;
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model, options.onAction)));
  };

  // Windows users expect a left click on a tray icon to open the app; macOS and Linux show the menu.
  if (process.platform === 'win32') tray.on('click', () => options.onAction({ type: 'dashboard.open' }));
  update(options.input);

  return {
    update,
    destroy: () => tray.destroy(),
  };
}
