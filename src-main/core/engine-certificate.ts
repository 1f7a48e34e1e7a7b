// What to tell the user when TLS to a tcp:// engine fails: its certificate not trusted, or Berth's client one refused.
import { certificateFailureReason } from './registry-certificate';

/** OpenSSL alerts a TLS server sends when it refuses the client's certificate (or the lack of one). */
const CLIENT_CERTIFICATE_REFUSED =
  /^ERR_SSL_(TLSV13_ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_BAD_CERTIFICATE|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_CERTIFICATE_UNKNOWN)$/;

/** Berth's words for TLS error `code` (Node's) on a connection to the engine at `endpoint`; undefined if not TLS's. */
export function engineTlsFailureMessage(code: string, endpoint: string): string | undefined {
  const reason = certificateFailureReason(code);
  if (reason) {
    return (
      `The Docker Engine at ${endpoint} presents a certificate Berth does not trust (${reason}): ` +
      "give this engine the CA certificate its dockerd's --tlscacert names"
    );
  }
  if (CLIENT_CERTIFICATE_REFUSED.test(code)) {
    return (
      `The Docker Engine at ${endpoint} refused Berth's client certificate (${code}): ` +
      'give this engine a client certificate and key signed by the CA its dockerd trusts'
    );
  }
  return undefined;
}
