// What to tell the user when a registry's TLS certificate is not trusted, by Berth's own client or by the engine.

/** Node's TLS verification codes, in the words a user reads. */
const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it is signed by a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'it is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it is signed by an unknown authority',
  CERT_SIGNATURE_FAILURE: 'its signature does not match the trusted CA',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
};

/** The reason Node's TLS code `code` stands for, when it is a certificate verification failure. */
export function certificateFailureReason(code: string): string | undefined {
  return REASONS[code];
}

/** Berth's own HTTPS client did not trust `host`'s certificate for `reason`. */
export function untrustedCertificateMessage(host: string, reason: string): string {
  return (
    `The registry ${host} presents a certificate Berth does not trust (${reason}). ` +
    'Add its CA certificate in Settings › Registries, or mark it insecure.'
  );
}

const ENGINE_CERTIFICATE_FAILURE = /x509:|certificate signed by unknown authority|tls: failed to verify certificate/i;

/** Whether an engine's error text is a registry certificate it did not trust. */
export function saysUntrustedCertificate(message: string): boolean {
  return ENGINE_CERTIFICATE_FAILURE.test(message);
}

/**
 * The engine's certificate failure (`engineWords`, e.g. from a pull) in Berth's words: which registry, and what to do,
 * for Berth's VM and for an engine on another machine; the engine's words stay in brackets.
 */
export function engineUntrustedCertificateMessage(engineWords: string): string {
  const host = /https?:\/\/([^/"'\s]+)/.exec(engineWords)?.[1] ?? 'the registry';
  const who = host === 'the registry' ? 'The registry' : `The registry ${host}`;
  const place = host === 'the registry' ? 'HOST' : host;
  return (
    `${who} presents a certificate the engine does not trust (${engineWords}). ` +
    `Add its CA certificate in Settings › Registries (Berth's VM trusts it from its next start), or mark it insecure; ` +
    `an engine on another machine needs it in /etc/docker/certs.d/${place}/ca.crt there.`
  );
}
