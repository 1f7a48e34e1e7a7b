// Makes sure host binaries the harness needs exist, installing their Debian packages when allowed.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, writeFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const EXTRA_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Absolute path of an executable given as a path or a bare name (searched in PATH and the sbin folders). */
export function findBinary(nameOrPath: string): string | undefined {
  const candidates = nameOrPath.includes('/')
    ? [nameOrPath]
    : [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_PATH].map((d) => join(d, nameOrPath));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * For each binary (path or bare name) that is missing, installs its Debian package, all in one
 * `apt-get install` call. Needs root and apt-get; otherwise throws naming the packages to install.
 * Returns each key's absolute path.
 */
export async function ensureDebianPackages(map: Record<string, string>): Promise<Record<string, string>> {
  const missing = Object.entries(map).filter(([binary]) => findBinary(binary) === undefined);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))];
    const what = missing.map(([binary, pkg]) => `${binary} (package ${pkg})`).join(', ');
    const aptGet = findBinary('apt-get');
    if (process.getuid?.() !== 0 || aptGet === undefined) {
      throw new Error(
        `Missing ${what}. Install with: sudo apt-get install -y ${packages.join(' ')} ` +
          `(the test harness installs them itself only when run as root on a Debian-like system)`,
      );
    }
    await aptInstall(aptGet, packages);
    const still = missing.filter(([binary]) => findBinary(binary) === undefined);
    if (still.length > 0) {
      throw new Error(
        `apt-get installed ${packages.join(' ')} but these are still missing: ${still.map(([b]) => b).join(', ')}`,
      );
    }
  }
  return Object.fromEntries(Object.keys(map).map((binary) => [binary, findBinary(binary) as string]));
}

async function aptInstall(aptGet: string, packages: string[]): Promise<void> {
  const install = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...packages];
  // Keep package scripts from starting system services (a system dockerd would fight ours over docker0).
  const addedPolicy = !existsSync(POLICY_RC_D);
  if (addedPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    let result = await run(aptGet, install);
    if (result.code !== 0 && needsListUpdate(result.output)) {
      const update = await run(aptGet, ['-o', 'DPkg::Lock::Timeout=300', 'update']);
      if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output.slice(-3000)}`);
      result = await run(aptGet, install);
    }
    if (result.code !== 0) {
      throw new Error(
        `apt-get install -y ${packages.join(' ')} failed (exit ${result.code}):\n${result.output.slice(-3000)}`,
      );
    }
  } finally {
    if (addedPolicy) rmSync(POLICY_RC_D, { force: true });
  }
}

/** apt's complaints that mean "the package lists are missing or stale". */
function needsListUpdate(output: string): boolean {
  return /Unable to locate package|has no installation candidate|is not available|Failed to fetch|404\s+Not Found/i.test(
    output,
  );
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
