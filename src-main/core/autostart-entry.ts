// The XDG autostart entry that starts an app at login on Linux desktops (freedesktop Desktop Entry and Autostart specs).

/** Characters that make an Exec argument need double quotes (Desktop Entry spec, "The Exec key"). */
const NEEDS_QUOTES = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument: as is when plain, else in double quotes with `"`, `` ` ``, `$` and `\` escaped; then every `\`
 * doubled, as the string escape rule applies before the quoting rule (a literal backslash is four in the file).
 */
export function execArgument(argument: string): string {
  // A literal "%" is "%%" anywhere in Exec, quoted or not.
  const percent = argument.replace(/%/g, '%%');
  if (argument && !NEEDS_QUOTES.test(argument)) return percent;
  return `"${percent.replace(/["`$\\]/g, '\\$&')}"`.replace(/\\/g, '\\\\');
}

/** The entry's text: an Application that runs `command` (the executable, then its arguments). */
export function autostartEntry(name: string, command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${command.map(execArgument).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** `$XDG_CONFIG_HOME/autostart/<fileName>.desktop`, in `<home>/.config` when XDG_CONFIG_HOME is unset or not absolute. */
export function autostartEntryPath(xdgConfigHome: string | undefined, home: string, fileName: string): string {
  const config = xdgConfigHome?.startsWith('/')
    ? xdgConfigHome.replace(/\/+$/, '')
    : `${home.replace(/\/+$/, '')}/.config`;
  return `${config}/autostart/${fileName}.desktop`;
}
