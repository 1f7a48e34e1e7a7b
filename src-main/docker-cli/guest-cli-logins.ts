// Gives one run of the docker CLI inside Berth's VM Berth's registry logins: a private DOCKER_CONFIG folder on the
// guest's tmpfs whose config.json is the guest's plus the "berth" credential helper. The logins travel on the
// command's standard input ahead of the CLI's own input and live only in the CLI's environment: never in the command
// line (which error messages repeat) or a file.
import { randomBytes } from 'node:crypto';
import {
  CLI_HELPER_PROGRAM,
  credentialHelperScript,
  loginVariableName,
  parseCliConfig,
  planCliRun,
  type CliLogin,
} from '../core/cli-logins';
import { shellCommand, shellQuote } from '../core/shell-quote';
import type { SshSession } from '../tunnel/ssh-session';

/** Where the guest's runs make their folders: its /run is a tmpfs, and the CLI runs as root there. */
export const GUEST_RUNS_DIR = '/run/berth-cli';

/** How a guest run takes its logins. */
export interface GuestLoginRun {
  /** Shell words that make the folder, read the logins from standard input and set the CLI's environment. */
  setup: string;
  /** Goes on standard input before the CLI's own input. */
  preamble: string;
  /** Removes the run's folder in the guest. */
  remove(): Promise<void>;
}

/** The guest's config folder on the first line, then its config.json (if any). */
const READ_CONFIG = 'd=${DOCKER_CONFIG:-$HOME/.docker}; printf \'%s\\n\' "$d"; cat "$d/config.json" 2>/dev/null; true';

/**
 * Prepares a guest run that is given `logins`; undefined when the guest's config gives each of their servers to a
 * helper of its own.
 * @param runsDir the guest folder the run's folder is made in.
 */
export async function guestLoginRun(
  ssh: SshSession,
  logins: readonly CliLogin[],
  runsDir = GUEST_RUNS_DIR,
): Promise<GuestLoginRun | undefined> {
  const read = await ssh.exec(READ_CONFIG, { timeoutMs: 20_000 });
  const [userDir = '', ...rest] = read.stdout.split('\n');
  const userConfig = parseCliConfig(rest.join('\n') || undefined);
  if (!userDir.startsWith('/')) return undefined;
  const token = randomBytes(12).toString('hex').toUpperCase();
  const plan = planCliRun(userConfig, logins, `${userDir}/cli-plugins`, token);
  if (!plan) return undefined;
  const dir = `${runsDir}/${randomBytes(8).toString('hex')}`;
  const helper = `${dir}/bin/${CLI_HELPER_PROGRAM}`;
  const prefix = shellQuote(loginVariableName(token, ''));
  const setup = [
    `umask 077 && mkdir -p ${shellQuote(runsDir)} && mkdir -p ${shellQuote(`${dir}/bin`)}`,
    `IFS= read -r config && printf '%s\\n' "$config" >${shellQuote(`${dir}/config.json`)}`,
    `printf '%s' ${shellQuote(credentialHelperScript(token))} >${shellQuote(helper)} && chmod 700 ${shellQuote(helper)}`,
    // Each line "NAME=JSON" until an empty one; only the run's own variable names are taken.
    `while IFS= read -r line && [ -n "$line" ]; do case "$line" in ${prefix}*=*) export "$line" ;; esac; done`,
    `export DOCKER_CONFIG=${shellQuote(dir)} PATH=${shellQuote(`${dir}/bin`)}:"$PATH"`,
    `export BUILDX_CONFIG="\${BUILDX_CONFIG:-${userDir.replace(/["$`\\]/g, '\\$&')}/buildx}"`,
  ].join(' && ');
  const lines = Object.entries(plan.variables).map(([name, value]) => `${name}=${value}\n`);
  return {
    setup,
    preamble: `${JSON.stringify(plan.config)}\n${lines.join('')}\n`,
    remove: async () => {
      await ssh.exec(shellCommand(['rm', '-rf', dir]), { timeoutMs: 20_000 }).catch(() => undefined);
    },
  };
}
