// What OpenSSH's own configuration (~/.ssh/config with its Host, Match and Include) makes of a host: `ssh -G` asked,
// never re-parsed, so aliases, users, ports and identity files mean what they mean to the user's ssh.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ResolvedSshHost {
  /** The host to connect to (HostName, else the name given). */
  hostname: string;
  user: string;
  port: number;
  /** IdentityFile entries in order, `~` expanded (OpenSSH's defaults when the config names none). */
  identityFiles: string[];
  /** IdentityAgent, when the config names a socket (not "none" or SSH_AUTH_SOCK). */
  identityAgent?: string;
}

export interface SshConfigQuery {
  /** From the address (ssh://user@…), passed to ssh as -l so Match user applies. */
  user?: string;
  /** From the address (…:port), passed as -p. */
  port?: number;
  /** A config file instead of ~/.ssh/config (ssh -F). */
  configFile?: string;
  /** The OpenSSH client (default "ssh" on PATH). */
  ssh?: string;
}

const SSH_G_TIMEOUT_MS = 10_000;

const expandHome = (path: string) => (path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path);

/** Reads `ssh -G` output: lowercase keys, one `key value` per line, repeated keys in order. */
function parseResolved(output: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space);
    values.set(key, [...(values.get(key) ?? []), line.slice(space + 1).trim()]);
  }
  return values;
}

/**
 * OpenSSH's view of `host`; undefined where there is no OpenSSH client (then the address alone says where to go).
 * Rejects with ssh's own words when it refuses the configuration.
 */
export function resolveSshHost(host: string, query: SshConfigQuery = {}): Promise<ResolvedSshHost | undefined> {
  const args = [
    '-G',
    ...(query.configFile ? ['-F', query.configFile] : []),
    ...(query.user ? ['-l', query.user] : []),
    ...(query.port ? ['-p', String(query.port)] : []),
    '--',
    host,
  ];
  return new Promise((resolve, reject) => {
    execFile(query.ssh ?? 'ssh', args, { timeout: SSH_G_TIMEOUT_MS }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return resolve(undefined);
      if (error)
        return reject(new Error(`ssh could not read its configuration for ${host}: ${stderr.trim() || error.message}`));
      const values = parseResolved(stdout);
      const first = (key: string) => values.get(key)?.[0];
      const agent = first('identityagent');
      resolve({
        hostname: first('hostname') ?? host,
        user: first('user') ?? '',
        port: Number(first('port') ?? 22),
        identityFiles: (values.get('identityfile') ?? []).map(expandHome),
        ...(agent && agent !== 'none' && agent !== 'SSH_AUTH_SOCK' ? { identityAgent: expandHome(agent) } : {}),
      });
    });
  });
}
