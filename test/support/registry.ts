// A private image registry (Debian's docker-registry) on 127.0.0.1, with storage in a temp folder; optionally one
// that requires a login (htpasswd), so an engine without credentials is refused.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processesReferencing, removeTreeSync, terminatePidsSync } from './host-cleanup';
import { httpGet } from './http';
import { makeTestCa, type TestCa } from './test-ca';
import { ensureDebianPackages } from './packages';
import { freePort } from './ports';
import { hasExited, onExitCleanup, spawnTracked, stopProcess, tailFile } from './processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from './temp-dirs';
import { waitFor } from './wait';

export interface TestRegistry {
  /** '127.0.0.1:PORT': engines treat loopback registries as insecure, so plain HTTP push/pull works. */
  address: string;
  /** The CA that signed a TLS registry's certificate (PEM); absent for plain HTTP. */
  caCertificate?: string;
  /** Stops the registry and removes its storage. Idempotent. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'berth-registry-';
const READY_TIMEOUT_MS = 30_000;
/** Attempts with a fresh port, in case another process takes the free port before the registry binds it. */
const PORT_ATTEMPTS = 3;

export interface RegistryOptions {
  /** Require a login: user `berth`, password `berth-test`. Pushes and pulls without credentials are refused. */
  requireLogin?: boolean;
  /** Serve HTTPS with a certificate for 127.0.0.1 signed by a CA made for this registry (`caCertificate`). */
  tls?: boolean;
  /** More names or IPv4 addresses the TLS certificate is for, e.g. '10.0.2.2' for a VM's guest. */
  certificateNames?: string[];
  /** Bearer-token auth from this token server (test/support/token-server.ts) instead of htpasswd. */
  token?: { realm: string; service: string; issuer: string; certificateFile: string };
}

/** The login a registry that requires one takes (its htpasswd line below, and the test token server's). */
export const REGISTRY_LOGIN = { username: 'berth', password: 'berth-test' };

/** The htpasswd line (bcrypt, as the registry requires) for `berth` / `berth-test`. */
const HTPASSWD = 'berth:$2b$05$hqDiUVdfyfeSH/UxnIisP.kWbupIgj69H9A0H/EysFUgxqLBewAW.\n';

/**
 * Starts `docker-registry serve` on a free loopback port and resolves once `GET /v2/` answers (200, or
 * 401 for a registry that requires a login).
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const { 'docker-registry': binary } = await ensureDebianPackages({ 'docker-registry': 'docker-registry' });
  sweepStaleRegistryDirs();
  const dir = makeOwnedTempDir(DIR_PREFIX);
  const unregister = onExitCleanup(() => destroyRegistryDir(dir));
  const cleanup = () => {
    destroyRegistryDir(dir);
    unregister();
  };
  try {
    const ca = options.tls ? makeTestCa(dir) : undefined;
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = await launch(binary as string, dir, port, options, ca).catch((error: Error) => {
        if (attempt >= PORT_ATTEMPTS) throw error;
        return undefined; // most likely the port was taken meanwhile: try another
      });
      if (!child) continue;
      let stopped = false;
      return {
        address: `127.0.0.1:${port}`,
        ...(ca ? { caCertificate: ca.certificate } : {}),
        stop: async () => {
          if (stopped) return;
          stopped = true;
          try {
            await stopProcess(child, { signal: 'SIGTERM', timeoutMs: 10_000 });
          } finally {
            cleanup();
          }
        },
      };
    }
  } catch (error) {
    cleanup();
    throw error;
  }
}

async function launch(
  binary: string,
  dir: string,
  port: number,
  options: RegistryOptions,
  ca: TestCa | undefined,
): Promise<ChildProcess> {
  const configFile = join(dir, 'config.yml');
  const logFile = join(dir, 'registry.log');
  const htpasswd = join(dir, 'htpasswd');
  if (options.requireLogin) writeFileSync(htpasswd, HTPASSWD);
  // JSON is valid YAML, and saves us a YAML writer.
  const config = {
    version: '0.1',
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${port}`,
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      ...(ca ? { tls: tlsFiles(ca.serverCertificate('registry', options.certificateNames)) } : {}),
    },
    ...(options.requireLogin ? { auth: { htpasswd: { realm: 'berth-test', path: htpasswd } } } : {}),
    ...(options.token ? { auth: { token: tokenAuth(options.token) } } : {}),
  };
  const ready = options.requireLogin || options.token ? 401 : 200;
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawnTracked(binary, ['serve', configFile], { logFile, cwd: dir });
  const outcome = await waitFor(
    async () => {
      if (hasExited(child)) return 'exited' as const;
      const res = await httpGet({ port, path: '/v2/', timeoutMs: 2_000, ...(ca ? { ca: ca.certificate } : {}) });
      return res.status === ready ? ('ready' as const) : undefined;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, message: `registry on 127.0.0.1:${port} did not answer /v2/` },
  ).catch(async (error: Error) => {
    await stopProcess(child, { timeoutMs: 5_000 });
    throw new Error(`${error.message}\n--- ${logFile} ---\n${tailFile(logFile)}`);
  });
  if (outcome === 'exited') {
    throw new Error(
      `docker-registry exited during start-up (code ${child.exitCode})\n--- ${logFile} ---\n${tailFile(logFile)}`,
    );
  }
  return child;
}

const tokenAuth = (token: NonNullable<RegistryOptions['token']>) => ({
  realm: token.realm,
  service: token.service,
  issuer: token.issuer,
  rootcertbundle: token.certificateFile,
});

const tlsFiles = (files: { certificateFile: string; keyFile: string }) => ({
  certificate: files.certificateFile,
  key: files.keyFile,
});

function destroyRegistryDir(dir: string): void {
  terminatePidsSync(processesReferencing(`${dir}/`));
  removeTreeSync(dir);
}

/** Removes what registries of processes that died without cleaning up left behind. */
export function sweepStaleRegistryDirs(): void {
  sweepStaleTempDirs(DIR_PREFIX, (dir) => destroyRegistryDir(dir));
}
