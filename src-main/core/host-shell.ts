// Which shell the host terminal runs and with what environment: the user's own, pointed at Berth's engine. Pure.

export interface HostShell {
  file: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The user's login shell (`$SHELL`, else /bin/bash; on Windows PowerShell) with their environment,
 * `DOCKER_HOST` set to Berth's engine so `docker` talks to it, and a TERM xterm.js understands.
 * `DOCKER_CONTEXT` is dropped: it would win over DOCKER_HOST.
 */
export function hostShellFor(
  env: Record<string, string | undefined>,
  platform: string,
  engineAddress: string,
): HostShell {
  const inherited = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'DOCKER_CONTEXT',
    ),
  );
  const shellEnv = { ...inherited, DOCKER_HOST: engineAddress, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
  if (platform === 'win32') return { file: 'powershell.exe', args: ['-NoLogo'], env: shellEnv };
  return { file: env.SHELL || '/bin/bash', args: ['-l'], env: shellEnv };
}
