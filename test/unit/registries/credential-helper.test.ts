// The credential-helper client against a real helper program (a node script speaking the protocol): get, store,
// erase, list, "credentials not found", a missing program, a slow one, and no secret in an error message.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialHelper, CredentialHelperError, scrub } from '../../../src-main/registries/credential-helper';
import { executableOnPath } from '../../../src-main/registries/executable-on-path';
import { writeTestCredentialHelper } from '../../support/credential-helper-script';

const dir = mkdtempSync(join(tmpdir(), 'berth-credential-helper-'));
const test = writeTestCredentialHelper(dir);
const helper = new CredentialHelper(test.name, { env: test.env });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CredentialHelper', () => {
  it('finds the program on the PATH it was given', async () => {
    expect(await helper.isInstalled()).toBe(true);
    expect(await executableOnPath('docker-credential-berthtest', test.env)).toBe(
      join(test.binDir, 'docker-credential-berthtest'),
    );
    expect(await new CredentialHelper(test.name, { env: { PATH: '/nonexistent' } }).isInstalled()).toBe(false);
  });

  it('stores, gets, lists and erases a login', async () => {
    await helper.store('https://index.docker.io/v1/', { username: 'me', secret: 's3cret' });
    expect(test.logins()['https://index.docker.io/v1/']).toEqual({ Username: 'me', Secret: 's3cret' });
    expect(await helper.get('https://index.docker.io/v1/')).toEqual({ username: 'me', secret: 's3cret' });
    expect(await helper.list()).toEqual(new Map([['https://index.docker.io/v1/', 'me']]));
    await helper.erase('https://index.docker.io/v1/');
    expect(test.logins()).toEqual({});
  });

  it('reads "credentials not found" as no login, for get and erase', async () => {
    expect(await helper.get('127.0.0.1:1')).toBeUndefined();
    await expect(helper.erase('127.0.0.1:1')).resolves.toBeUndefined();
  });

  it('says a missing program is not on the PATH', async () => {
    const missing = new CredentialHelper('nothere', { env: test.env });
    await expect(missing.get('x')).rejects.toThrow(/docker-credential-nothere is not on the PATH/);
  });

  it('never puts the secret in an error, even when the helper echoes its input', async () => {
    const secret = 'p@ss"word\\with-quote';
    const error = await helper.store('x.example.com', { username: 'echo-me', secret }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialHelperError);
    const message = (error as Error).message;
    expect(message).toMatch(/docker-credential-berthtest store failed \(exit code 1\): cannot store/);
    expect(message).not.toContain(secret);
    expect(message).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(message).toContain('***');
  });

  it('stops a helper that takes too long', async () => {
    const slowDir = join(dir, 'slow');
    const slow = writeTestCredentialHelper(slowDir, 'slow');
    writeFileSync(join(slow.binDir, 'docker-credential-slow'), `#!${process.execPath}\nsetTimeout(() => {}, 60000);\n`);
    chmodSync(join(slow.binDir, 'docker-credential-slow'), 0o755);
    const started = Date.now();
    const error = await new CredentialHelper('slow', { env: slow.env, timeoutMs: 500 })
      .get('x')
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/did not finish within 0.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('scrub', () => {
  it('removes a secret as is, JSON-escaped and in base64', () => {
    const text = `a "b\\"c" ${Buffer.from('b"c').toString('base64')} b"c`;
    expect(scrub(text, ['b"c'])).toBe('a "***" *** ***');
  });
});
