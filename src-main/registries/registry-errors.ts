// Why a registry request failed, in words the user can act on, with the wire code the API answers with.
import type { ErrorCode } from '../contract/result';

/** A registry refused, failed or could not be reached; `message` names the registry and, when it said one, its reason. */
export class RegistryError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'RegistryError';
    this.code = code;
  }
}

/** The registry's TLS certificate did not verify; `message` says what to do. */
export class RegistryCertificateError extends RegistryError {
  constructor(message: string) {
    super('unsupported', message);
    this.name = 'RegistryCertificateError';
  }
}

/** The server answered HTTPS with something that is not TLS (a plain-HTTP registry). */
export class RegistryNotTlsError extends RegistryError {
  constructor(host: string) {
    super('engine-error', `The registry ${host} does not speak HTTPS`);
    this.name = 'RegistryNotTlsError';
  }
}

/** The messages in a registry's error body ({"errors":[{"code","message"}]}), or its first line of text. */
export function registryReason(body: Buffer): string | undefined {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    const errors = (JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }> }).errors;
    const messages = (errors ?? [])
      .map((e) => (typeof e.message === 'string' ? e.message : typeof e.code === 'string' ? e.code : ''))
      .filter((m) => m !== '');
    if (messages.length > 0) return messages.join('; ');
  } catch {
    // not JSON: its first line
  }
  return text.split('\n')[0]?.slice(0, 300);
}
