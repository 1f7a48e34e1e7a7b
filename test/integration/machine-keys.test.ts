// Per-install machine keys: made once with the right modes, reused, valid for ssh2 and for OpenSSH's own ssh-keygen.
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { utils } from 'ssh2';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureMachineKeys, generateEd25519, type MachineKeys } from '../../src-main/machine/machine-keys';
import { ensureDebianPackages } from '../support/packages';
import { makeTempFolder, type TempFolder } from '../support/qemu';

const run = promisify(execFile);
let sshKeygen: string;
const folders: TempFolder[] = [];

beforeAll(async () => {
  sshKeygen = (await ensureDebianPackages({ 'ssh-keygen': 'openssh-client' }))['ssh-keygen'] as string;
});

afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

function keyFolder(): string {
  const folder = makeTempFolder('berth-keys-');
  folders.push(folder);
  return join(folder.path, 'machine', 'keys');
}

const mode = (path: string) => statSync(path).mode & 0o777;
const files = (keys: MachineKeys) => [
  keys.userPrivateKeyPath,
  keys.userPublicKeyPath,
  keys.hostPrivateKeyPath,
  keys.hostPublicKeyPath,
];

describe('ensureMachineKeys', () => {
  it('makes two ed25519 pairs, folder 0700 and files 0600', async () => {
    const folder = keyFolder();
    const keys = await ensureMachineKeys(folder);
    expect(mode(folder)).toBe(0o700);
    for (const file of files(keys)) expect(mode(file)).toBe(0o600);
    expect(keys.userPrivateKeyPath).toBe(join(folder, 'id_ed25519'));
    expect(keys.hostPrivateKeyPath).toBe(join(folder, 'ssh_host_ed25519_key'));
    expect(keys.userPublicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ berth$/);
    expect(keys.hostPublicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ berth-vm$/);
    expect(readFileSync(keys.userPublicKeyPath, 'utf8')).toBe(`${keys.userPublicKey}\n`);
    expect(keys.userPublicKey).not.toBe(keys.hostPublicKey.replace('berth-vm', 'berth'));
  });

  it("writes keys ssh2 parses, and the pinned blob is the host private key's public half", async () => {
    const keys = await ensureMachineKeys(keyFolder());
    const hostPrivate = utils.parseKey(readFileSync(keys.hostPrivateKeyPath));
    const userPrivate = utils.parseKey(readFileSync(keys.userPrivateKeyPath));
    const hostPublic = utils.parseKey(keys.hostPublicKey);
    for (const key of [hostPrivate, userPrivate, hostPublic]) {
      if (key instanceof Error) throw key;
      expect(key.type).toBe('ssh-ed25519');
    }
    if (hostPrivate instanceof Error || hostPublic instanceof Error || userPrivate instanceof Error) return;
    expect(hostPrivate.isPrivateKey()).toBe(true);
    expect(hostPrivate.getPublicSSH().equals(keys.hostPublicKeyBlob)).toBe(true);
    expect(hostPublic.getPublicSSH().equals(keys.hostPublicKeyBlob)).toBe(true);
    // The user key signs, and its public line verifies the signature.
    const data = Buffer.from('berth');
    const userPublic = utils.parseKey(keys.userPublicKey);
    if (userPublic instanceof Error) throw userPublic;
    expect(userPublic.verify(data, userPrivate.sign(data))).toBe(true);
  });

  it("writes files OpenSSH's ssh-keygen reads, with the same fingerprint Berth pins", async () => {
    const keys = await ensureMachineKeys(keyFolder());
    const { stdout: listed } = await run(sshKeygen, ['-l', '-f', keys.hostPrivateKeyPath]);
    expect(listed.trim()).toBe(`256 ${keys.hostKeyFingerprint} berth-vm (ED25519)`);
    const { stdout: derived } = await run(sshKeygen, ['-y', '-f', keys.userPrivateKeyPath]);
    expect(derived.trim()).toBe(keys.userPublicKey);
    const { stdout: publicListed } = await run(sshKeygen, ['-l', '-f', keys.userPublicKeyPath]);
    expect(publicListed).toMatch(/^256 SHA256:\S+ berth \(ED25519\)$/m);
  });

  it('reuses the keys afterwards, restoring a missing public file and tightened modes', async () => {
    const folder = keyFolder();
    const first = await ensureMachineKeys(folder);
    const privateBefore = readFileSync(first.hostPrivateKeyPath, 'utf8');
    chmodSync(folder, 0o755);
    chmodSync(first.userPrivateKeyPath, 0o644);
    writeFileSync(first.hostPublicKeyPath, 'ssh-ed25519 AAAA-stale berth-vm\n');

    const second = await ensureMachineKeys(folder);
    expect(readFileSync(second.hostPrivateKeyPath, 'utf8')).toBe(privateBefore);
    expect(second.hostPublicKey).toBe(first.hostPublicKey);
    expect(second.userPublicKey).toBe(first.userPublicKey);
    expect(second.hostPublicKeyBlob.equals(first.hostPublicKeyBlob)).toBe(true);
    expect(readFileSync(second.hostPublicKeyPath, 'utf8')).toBe(`${first.hostPublicKey}\n`);
    expect(mode(folder)).toBe(0o700);
    for (const file of files(second)) expect(mode(file)).toBe(0o600);
  });

  it('gives one pair to callers racing on a new folder', async () => {
    const folder = keyFolder();
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureMachineKeys(folder)));
    const onDisk = await ensureMachineKeys(folder);
    for (const keys of results) {
      expect(keys.hostPublicKey).toBe(onDisk.hostPublicKey);
      expect(keys.userPublicKey).toBe(onDisk.userPublicKey);
    }
  });

  it('never keeps one of the malformed keys ssh2 generates now and then (about 1 in 280)', async () => {
    const keys = Array.from({ length: 3000 }, () => generateEd25519('berth'));
    expect(keys.filter((key) => utils.parseKey(key) instanceof Error)).toEqual([]);
    // A sample goes through OpenSSH too.
    const folder = join(keyFolder(), '..', '..');
    for (const [index, key] of keys.slice(0, 5).entries()) {
      const path = join(folder, `key${index}`);
      writeFileSync(path, key, { mode: 0o600 });
      const { stdout } = await run(sshKeygen, ['-y', '-f', path]);
      expect(stdout).toMatch(/^ssh-ed25519 AAAA\S+ berth$/m);
    }
  });

  it('refuses a damaged private key, naming the file', async () => {
    const folder = keyFolder();
    const keys = await ensureMachineKeys(folder);
    writeFileSync(keys.userPrivateKeyPath, 'not a key');
    await expect(ensureMachineKeys(folder)).rejects.toThrow(
      `The machine key ${keys.userPrivateKeyPath} is not a valid OpenSSH ed25519 private key`,
    );
  });
});
