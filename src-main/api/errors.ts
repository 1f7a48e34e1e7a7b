// Any thrown error → the wire error a client sees: a code, a readable message, the engine's HTTP status.
import type { ErrorCode, WireError } from '../contract/result';
import { diskFullMessage, saysDiskFull, type EngineDisk } from '../core/disk-full';
import { engineTlsFailureMessage } from '../core/engine-certificate';
import { engineUntrustedCertificateMessage, saysUntrustedCertificate } from '../core/registry-certificate';
import {
  CancelledError,
  ConflictError,
  engineErrorDetails,
  InvalidArgumentError,
  NotFoundError,
  UnsupportedError,
} from '../engine/errors';
import { CliFailedError } from '../docker-cli/cli-runner';
import { EngineStreamError } from '../engine/json-messages';
import { EngineLostError } from '../engine/lost-engine';
import { DiagnosticsTargetError } from '../host/diagnostics';
import { AgentRequestError } from '../machine/agent-client';
import { MachineRefusedError } from '../machine/machine';
import { CredentialHelperError } from '../registries/credential-helper';
import { DockerConfigError } from '../registries/docker-config';
import { VaultFileError } from '../registries/keychain-vault';
import { LoginRefusedError } from '../registries/login-refused-error';
import { RegistryError } from '../registries/registry-errors';
import { SettingsError } from '../settings/settings-error';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ETIMEDOUT', 'EACCES']);

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400) return 'invalid-argument';
  return 'engine-error';
}

/**
 * The wire error for `error` from the engine at `endpoint`; an engine that ran out of room, or that did not trust a
 * registry's certificate, is explained in Berth's words (what to do), keeping the engine's.
 */
export function toWireError(error: unknown, endpoint: string, disk: EngineDisk = 'engine-disk'): WireError {
  const wire = classify(error, endpoint);
  if ((wire.code === 'engine-error' || wire.code === 'internal') && saysDiskFull(wire.message))
    return { ...wire, message: diskFullMessage(disk, wire.message) };
  if (wire.code === 'engine-error' && saysUntrustedCertificate(wire.message))
    return { ...wire, message: engineUntrustedCertificateMessage(wire.message) };
  return wire;
}

function classify(error: unknown, endpoint: string): WireError {
  if (error instanceof InvalidArgumentError) return { code: 'invalid-argument', message: error.message };
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof ConflictError) return { code: 'conflict', message: error.message };
  if (error instanceof CancelledError) return { code: 'cancelled', message: error.message };
  if (error instanceof UnsupportedError) return { code: 'unsupported', message: error.message };
  if (error instanceof EngineStreamError) return { code: 'engine-error', message: error.message };
  if (error instanceof EngineLostError) {
    return {
      code: 'engine-unavailable',
      message: `The connection to the Docker Engine at ${endpoint} was lost (${error.reason})`,
    };
  }
  if (error instanceof LoginRefusedError) return { code: 'unauthorized', message: error.message };
  if (error instanceof CredentialHelperError || error instanceof DockerConfigError || error instanceof VaultFileError)
    return { code: 'unsupported', message: error.message };
  if (error instanceof RegistryError) return { code: error.code, message: error.message };
  if (error instanceof CliFailedError) return { code: 'engine-error', message: error.message };
  if (error instanceof SettingsError) return { code: 'invalid-argument', message: error.message };
  if (error instanceof DiagnosticsTargetError) {
    return { code: error.reason === 'exists' ? 'conflict' : 'invalid-argument', message: error.message };
  }
  if (error instanceof MachineRefusedError) return { code: error.code, message: error.message };
  if (error instanceof AgentRequestError) {
    const code = error.code === 'failed' ? 'internal' : error.code === 'invalid' ? 'invalid-argument' : error.code;
    return { code, message: error.message };
  }
  const engine = engineErrorDetails(error);
  if (engine) return { code: codeForStatus(engine.status), message: engine.message, status: engine.status };
  const code = (error as { code?: unknown } | null)?.code;
  const tls = typeof code === 'string' ? engineTlsFailureMessage(code, endpoint) : undefined;
  if (tls) return { code: 'engine-unavailable', message: tls };
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return { code: 'engine-unavailable', message: `the Docker Engine at ${endpoint} is not reachable (${code})` };
  }
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'cancelled' };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
