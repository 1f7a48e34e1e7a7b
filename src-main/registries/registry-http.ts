// One request to a registry or its token server over node:https/http: a deadline, a bounded body, TLS verified with
// the system's CAs plus a registry's own CA, and certificate failures in words that say what to do.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { certificateFailureReason, untrustedCertificateMessage } from '../core/registry-certificate';
import { RegistryCertificateError, RegistryError, RegistryNotTlsError } from './registry-errors';

export interface RegistryHttpRequest {
  method: 'GET' | 'HEAD' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  /** A CA certificate (PEM) trusted besides the system's, for this registry only. */
  ca?: string | undefined;
  /** False for a registry marked insecure: its certificate is not checked. */
  verify: boolean;
  /** Milliseconds for the whole exchange; default 15 000. */
  timeoutMs?: number;
  /** Bytes of body read at most; more is an error. Default 4 MiB. */
  maxBodyBytes?: number;
}

export interface RegistryHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const NOT_TLS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Sends `request` and reads the whole (bounded) answer. @throws RegistryError in the user's words. */
export function registryRequest(request: RegistryHttpRequest): Promise<RegistryHttpResponse> {
  const { url } = request;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = request.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const secure = url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: request.method,
    agent: false,
    headers: { 'User-Agent': 'Berth', ...request.headers },
    ...(secure
      ? {
          rejectUnauthorized: request.verify,
          ...(request.ca ? { ca: [...rootCertificates, request.ca] } : {}),
        }
      : {}),
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          fail(new RegistryError('engine-error', `The registry ${url.host} sent more than ${maxBody} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', (error) => fail(transportError(url, error)));
    });
    const timer = setTimeout(
      () =>
        fail(new RegistryError('engine-error', `The registry ${url.host} did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    req.on('error', (error) => fail(transportError(url, error)));
    req.end();
  });
}

function transportError(url: URL, error: Error): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const reason = certificateFailureReason(code);
    if (reason) return new RegistryCertificateError(untrustedCertificateMessage(url.host, reason));
    if (NOT_TLS.has(code) || /wrong version number|packet length too long/i.test(error.message)) {
      return new RegistryNotTlsError(url.host);
    }
    if (UNREACHABLE.has(code)) {
      return new RegistryError('engine-unavailable', `The registry ${url.host} cannot be reached (${code})`);
    }
  }
  return new RegistryError('engine-error', `The registry ${url.host} failed: ${error.message}`);
}
