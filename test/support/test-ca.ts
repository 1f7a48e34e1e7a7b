// A certificate authority made for one test with the openssl CLI, and server certificates it signs for 127.0.0.1 (and more names or addresses).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCa {
  /** The CA certificate, PEM. */
  certificate: string;
  certificateFile: string;
  /**
   * Signs a server certificate for 127.0.0.1, localhost and `names` (host names, or IPv4 addresses such as
   * QEMU's 10.0.2.2, the host as a VM's guest sees it); returns its PEM files.
   */
  serverCertificate(name: string, names?: string[]): { certificateFile: string; keyFile: string };
  /** Signs a client certificate (extendedKeyUsage clientAuth), e.g. for an engine run with --tlsverify. */
  clientCertificate(name: string): { certificateFile: string; keyFile: string };
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

/** Makes a CA in `dir` (its key stays there; the caller removes the folder). */
export function makeTestCa(dir: string, commonName = 'Berth test CA'): TestCa {
  const certificateFile = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const subject = `/CN=${commonName}`;
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      subject,
      '-keyout',
      caKey,
      '-out',
      certificateFile,
    ],
    dir,
  );
  /** A key and a certificate for `name` with these X.509 extensions, signed by the CA. */
  const sign = (name: string, extensionLines: string) => {
    const keyFile = join(dir, `${name}.key`);
    const request = join(dir, `${name}.csr`);
    const certificate = join(dir, `${name}.crt`);
    const extensions = join(dir, `${name}.ext`);
    writeFileSync(extensions, extensionLines);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', request], dir);
    const signing = ['x509', '-req', '-in', request, '-CA', certificateFile, '-CAkey', caKey, '-CAcreateserial'];
    openssl([...signing, '-days', '2', '-extfile', extensions, '-out', certificate], dir);
    return { certificateFile: certificate, keyFile };
  };
  return {
    certificate: readFileSync(certificateFile, 'utf8'),
    certificateFile,
    serverCertificate(name, names = []) {
      const altNames = [
        'IP:127.0.0.1',
        'DNS:localhost',
        ...names.map((n) => (/^\d+\.\d+\.\d+\.\d+$/.test(n) ? `IP:${n}` : `DNS:${n}`)),
      ].join(',');
      return sign(name, `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\n`);
    },
    clientCertificate(name) {
      return sign(name, 'extendedKeyUsage=clientAuth\n');
    },
  };
}
