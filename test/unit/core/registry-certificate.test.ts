// Certificate failures, from Berth's own client or from the engine, in words that say what to do.
import { describe, expect, it } from 'vitest';
import { toWireError } from '../../../src-main/api/errors';
import { EngineStreamError } from '../../../src-main/engine/json-messages';
import {
  certificateFailureReason,
  engineUntrustedCertificateMessage,
  saysUntrustedCertificate,
  untrustedCertificateMessage,
} from '../../../src-main/core/registry-certificate';

const ENGINE_WORDS =
  'Get "https://registry.example.com:5000/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority';

describe('registry certificate messages', () => {
  it("names Node's verification failures", () => {
    expect(certificateFailureReason('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('it is self-signed');
    expect(certificateFailureReason('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('it is signed by an unknown authority');
    expect(certificateFailureReason('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('it was issued for another host name');
    expect(certificateFailureReason('ECONNREFUSED')).toBeUndefined();
  });

  it("says what to do when Berth's client does not trust a registry", () => {
    expect(untrustedCertificateMessage('r.example.com:5000', 'it is self-signed')).toBe(
      'The registry r.example.com:5000 presents a certificate Berth does not trust (it is self-signed). ' +
        'Add its CA certificate in Settings › Registries, or mark it insecure.',
    );
  });

  it("recognises the engine's x509 failures and names the registry they were for", () => {
    expect(saysUntrustedCertificate(ENGINE_WORDS)).toBe(true);
    expect(saysUntrustedCertificate('manifest unknown')).toBe(false);
    expect(engineUntrustedCertificateMessage(ENGINE_WORDS)).toBe(
      `The registry registry.example.com:5000 presents a certificate the engine does not trust (${ENGINE_WORDS}). ` +
        "Add its CA certificate in Settings › Registries (Berth's VM trusts it from its next start), or mark it insecure; " +
        'an engine on another machine needs it in /etc/docker/certs.d/registry.example.com:5000/ca.crt there.',
    );
  });

  it('turns a pull stream error and an /auth refusal that are certificate failures into that message', () => {
    const pull = toWireError(new EngineStreamError(ENGINE_WORDS), 'unix:///x.sock');
    expect(pull.code).toBe('engine-error');
    expect(pull.message).toBe(engineUntrustedCertificateMessage(ENGINE_WORDS));
    const auth = Object.assign(new Error(`(HTTP code 500) server error - ${ENGINE_WORDS}`), {
      statusCode: 500,
      json: { message: ENGINE_WORDS },
    });
    expect(toWireError(auth, 'unix:///x.sock')).toEqual({
      code: 'engine-error',
      status: 500,
      message: engineUntrustedCertificateMessage(ENGINE_WORDS),
    });
    expect(toWireError(new EngineStreamError('manifest unknown'), 'e').message).toBe('manifest unknown');
  });
});
