// Changes one registry's entry in the trust list (CA certificate, insecure) and checks the certificate first.
import { X509Certificate } from 'node:crypto';
import { InvalidArgumentError } from '../engine/errors';

export interface RegistryTrustEntry {
  server: string;
  caCertificate?: string | undefined;
  insecure: boolean;
}

export interface RegistryTrustChange {
  /** A PEM certificate sets it, null removes it, undefined keeps what is there. */
  caCertificate?: string | null | undefined;
  /** Undefined keeps what is there. */
  insecure?: boolean | undefined;
}

/**
 * `pem` as the one CA certificate it must hold, trimmed to end in one newline.
 * @throws InvalidArgumentError "caCertificate: …" for text that node:crypto cannot read as a certificate, or a CA key.
 */
export function readCaCertificate(pem: string): string {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new InvalidArgumentError('caCertificate', 'is a private key, not a certificate: paste the CA certificate');
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    const why = (error as Error).message;
    throw new InvalidArgumentError('caCertificate', `is not a PEM certificate that can be read (${why})`);
  }
  if (new Date(certificate.validTo).getTime() < Date.now()) {
    throw new InvalidArgumentError('caCertificate', `expired on ${certificate.validTo}`);
  }
  return `${pem.trim()}\n`;
}

/**
 * `list` with `server`'s entry changed by `change`; an entry left with no certificate and not insecure is dropped,
 * the others keep their place (a new one goes last). Pure apart from checking the certificate.
 */
export function withTrustChange(
  list: readonly RegistryTrustEntry[],
  server: string,
  change: RegistryTrustChange,
): RegistryTrustEntry[] {
  const current = list.find((entry) => entry.server === server);
  const caCertificate =
    change.caCertificate === undefined
      ? current?.caCertificate
      : change.caCertificate === null
        ? undefined
        : readCaCertificate(change.caCertificate);
  const insecure = change.insecure ?? current?.insecure ?? false;
  const next: RegistryTrustEntry = { server, ...(caCertificate ? { caCertificate } : {}), insecure };
  const keep = next.caCertificate !== undefined || next.insecure;
  if (!current) return keep ? [...list, next] : [...list];
  return list.flatMap((entry) => (entry.server !== server ? [entry] : keep ? [next] : []));
}
