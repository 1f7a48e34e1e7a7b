// What Berth's VM is told about the registries the user trusts: CA certificates for opt/berth/registry_certs and insecure-registries for daemon.json. Pure.

/** One registry the VM trusts, as the settings' `registries.trust` holds it (server: "docker.io" or "host[:port]"). */
export interface RegistryTrust {
  server: string;
  /** The registry's CA certificate(s), PEM; placed at /etc/docker/certs.d/<server>/ca.crt in the guest. */
  caCertificate?: string | undefined;
  /** Listed in the engine's daemon.json `insecure-registries` (plain HTTP, or a certificate not verified). */
  insecure: boolean;
}

/**
 * The trust entries of the settings (version 4 `registries.trust`); none for settings that have no
 * such section (version 3 and older).
 */
export function registryTrustFor(settings: { registries?: { trust?: readonly RegistryTrust[] } }): RegistryTrust[] {
  return (settings.registries?.trust ?? []).map(({ server, caCertificate, insecure }) => ({
    server,
    ...(caCertificate === undefined ? {} : { caCertificate }),
    insecure,
  }));
}

/**
 * Why `server` cannot name a folder under the guest's /etc/docker/certs.d, or undefined when it can:
 * a host name or address, optionally with a port ("registry.example.com", "10.0.2.2:5000", "[::1]:5000").
 */
export function guestServerNameProblem(server: string): string | undefined {
  if (server.includes('/')) return 'it contains "/"';
  if (server.includes('..')) return 'it contains ".."';
  if (!/^[A-Za-z0-9[][A-Za-z0-9.\-:[\]]*$/.test(server))
    return 'it is not a host name or address with an optional port';
  if (server.length > 253) return 'it is longer than 253 characters';
  return undefined;
}

/** A PEM text of one or more certificates: BEGIN/END lines around base64 lines, nothing else. */
function pemProblem(pem: string): string | undefined {
  const lines = pem.trim().split(/\r?\n/);
  if (!lines.some((line) => line === '-----BEGIN CERTIFICATE-----')) return 'it has no BEGIN CERTIFICATE line';
  const strange = lines.find((line) => !/^(-----(BEGIN|END) [A-Z0-9 ]+-----|[A-Za-z0-9+/=]*)$/.test(line.trim()));
  return strange === undefined ? undefined : `it has a line that is not PEM: ${JSON.stringify(strange.slice(0, 80))}`;
}

export interface GuestRegistryCerts {
  /**
   * The text of the opt/berth/registry_certs entry, or undefined when no entry has a certificate:
   * for each registry a line `server <server>` followed by its PEM lines (see vm-assets/README.md).
   */
  text: string | undefined;
  /** Servers written, in order. */
  servers: string[];
  /** One sentence per entry left out (a server name that cannot be a folder, a certificate that is not PEM). */
  warnings: string[];
}

/** The certificates of `trust` for the guest; each server once (its first entry), each bad entry a warning. */
export function formatGuestRegistryCerts(trust: readonly RegistryTrust[]): GuestRegistryCerts {
  const servers: string[] = [];
  const warnings: string[] = [];
  let text = '';
  for (const { server, caCertificate } of trust) {
    if (caCertificate === undefined || servers.includes(server)) continue;
    const problem = guestServerNameProblem(server) ?? pemProblem(caCertificate);
    if (problem) {
      warnings.push(`The VM does not get the CA certificate for registry ${JSON.stringify(server)}: ${problem}`);
      continue;
    }
    servers.push(server);
    const pemLines = caCertificate
      .trim()
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    text += `server ${server}\n${pemLines.join('\n')}\n`;
  }
  return { text: servers.length ? text : undefined, servers, warnings };
}

/** The servers of `trust` marked insecure, each once, in order. */
export function insecureRegistryServers(trust: readonly RegistryTrust[]): string[] {
  return [...new Set(trust.filter((entry) => entry.insecure).map((entry) => entry.server))];
}

/**
 * `daemonJson` (the text of a JSON object) with `servers` added to its `insecure-registries`: the
 * user's own entries kept first, ours after, none twice (host names compared without case). The text
 * comes back as written when it lists them all already. A value that is not a list of strings is
 * replaced by ours, with a warning.
 */
export function daemonJsonWithInsecureRegistries(
  daemonJson: string,
  servers: readonly string[],
): { text: string; warning?: string } {
  if (!servers.length) return { text: daemonJson };
  const value = JSON.parse(daemonJson) as Record<string, unknown>;
  const theirs = value['insecure-registries'];
  let warning: string | undefined;
  let kept: string[] = [];
  if (Array.isArray(theirs) && theirs.every((item) => typeof item === 'string')) kept = theirs as string[];
  else if (theirs !== undefined)
    warning = `engine.daemonJson's insecure-registries is not a list of strings; the VM's engine gets only ${servers.join(', ')}`;
  const known = new Set(kept.map((item) => item.toLowerCase()));
  const added = servers.filter((server) => !known.has(server.toLowerCase()));
  if (!added.length && !warning) return { text: daemonJson };
  const merged = { ...value, 'insecure-registries': [...kept, ...added] };
  return { text: `${JSON.stringify(merged, null, 2)}\n`, ...(warning ? { warning } : {}) };
}
