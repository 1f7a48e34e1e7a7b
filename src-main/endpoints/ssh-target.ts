// Where an ssh:// engine logs in and with what: the address, OpenSSH's configuration for its host (ssh -G), the key
// (given, or the config's identity files) or an agent, each checked before connecting.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { InvalidArgumentError } from '../engine/errors';
import { resolveSshHost } from './ssh-config';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { utils } = ssh2;

/** What an ssh:// address says; the rest comes from OpenSSH's configuration. */
export interface SshAddress {
  username?: string;
  host: string;
  port?: number;
}

export interface SshTarget {
  username: string;
  host: string;
  port: number;
}

export interface SshCredentials {
  privateKey?: string;
  passphrase?: string;
  /** An SSH agent's socket. */
  agent?: string;
}

export interface SshTargetRequest extends SshCredentials {
  /** `ssh://[user@]host[:port]`; host may be a Host alias of the ssh configuration. */
  address: string;
  /** Read OpenSSH's configuration for the host (default true). */
  sshConfig?: boolean;
  /** A config file instead of ~/.ssh/config. */
  sshConfigFile?: string;
  /** The environment whose SSH_AUTH_SOCK is the agent of last resort (default process.env). */
  env?: NodeJS.ProcessEnv;
}

const NOT_AN_ADDRESS = (address: string) => `"${address}" is not an ssh://[user@]host[:port] address`;

/** `ssh://[user@]host[:port]` → its parts. */
export function parseSshAddress(address: string): SshAddress {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new InvalidArgumentError('address', NOT_AN_ADDRESS(address));
  }
  if (url.protocol !== 'ssh:' || !url.hostname || (url.pathname !== '' && url.pathname !== '/'))
    throw new InvalidArgumentError('address', NOT_AN_ADDRESS(address));
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
  };
}

/** Refuses, before connecting, a private key that cannot be read: no passphrase given for one, a wrong one, or no key. */
export function checkPrivateKey(privateKey: string, passphrase: string | undefined): void {
  const parsed = utils.parseKey(privateKey, passphrase);
  if (!(parsed instanceof Error)) return;
  if (/no passphrase given/i.test(parsed.message))
    throw new InvalidArgumentError('passphrase', 'the private key is protected by a passphrase: enter it');
  if (/bad passphrase|integrity check failed/i.test(parsed.message))
    throw new InvalidArgumentError('passphrase', 'the passphrase does not open the private key');
  throw new InvalidArgumentError('privateKey', `not a private key Berth can read (${parsed.message})`);
}

/** The first identity file that exists, read. */
async function firstIdentity(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    const key = await readFile(file, 'utf8').catch(() => undefined);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** The login target and credentials for `request`, as the user's ssh would use them. */
export async function resolveSshTarget(
  request: SshTargetRequest,
): Promise<{ target: SshTarget; credentials: SshCredentials }> {
  const address = parseSshAddress(request.address);
  const resolved =
    request.sshConfig === false
      ? undefined
      : await resolveSshHost(address.host, {
          ...(address.username ? { user: address.username } : {}),
          ...(address.port ? { port: address.port } : {}),
          ...(request.sshConfigFile ? { configFile: request.sshConfigFile } : {}),
        });
  const username = address.username ?? resolved?.user;
  if (!username)
    throw new InvalidArgumentError(
      'address',
      `"${request.address}" names no user (ssh://user@host), nor does ssh's configuration`,
    );
  const target = { username, host: resolved?.hostname ?? address.host, port: address.port ?? resolved?.port ?? 22 };
  const privateKey =
    request.privateKey ?? (request.agent ? undefined : await firstIdentity(resolved?.identityFiles ?? []));
  const agent = request.agent ?? resolved?.identityAgent ?? (request.env ?? process.env).SSH_AUTH_SOCK;
  if (privateKey === undefined && !agent)
    throw new InvalidArgumentError('privateKey', 'give a private key, or an SSH agent that holds one');
  if (privateKey !== undefined) checkPrivateKey(privateKey, request.passphrase);
  return {
    target,
    credentials: {
      ...(privateKey === undefined ? {} : { privateKey }),
      ...(request.passphrase === undefined ? {} : { passphrase: request.passphrase }),
      ...(agent ? { agent } : {}),
    },
  };
}
