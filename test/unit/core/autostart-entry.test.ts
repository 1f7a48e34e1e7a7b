import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartEntryPath, execArgument } from '../../../src-main/core/autostart-entry';

describe('autostartEntryPath', () => {
  it('uses $XDG_CONFIG_HOME/autostart when it is absolute', () => {
    expect(autostartEntryPath('/home/alice/.cfg/', '/home/alice', 'Berth')).toBe(
      '/home/alice/.cfg/autostart/Berth.desktop',
    );
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const configured of [undefined, '', 'cfg']) {
      expect(autostartEntryPath(configured, '/home/alice', 'Berth')).toBe(
        '/home/alice/.config/autostart/Berth.desktop',
      );
    }
  });
});

describe('autostartEntry', () => {
  it('is an Application entry that runs the command', () => {
    expect(autostartEntry('Berth', ['/opt/Berth/berth'])).toBe(
      '[Desktop Entry]\nType=Application\nName=Berth\nExec=/opt/Berth/berth\nX-GNOME-Autostart-enabled=true\n',
    );
  });

  it('quotes arguments with spaces or reserved characters, escaping what the spec says', () => {
    expect(execArgument('/home/a b/Berth.AppImage')).toBe('"/home/a b/Berth.AppImage"');
    // Quoted: "/x/\$HOME\"\`\\" — then each backslash doubled for the string escape rule.
    expect(execArgument('/x/$HOME"`\\')).toBe('"/x/\\\\$HOME\\\\"\\\\`\\\\\\\\"');
    expect(execArgument('/x/100%')).toBe('/x/100%%');
    expect(execArgument('')).toBe('""');
  });
});
