// Berth's VM trusts the registries the settings mark, from its next start: a TLS registry on the host that the
// guest's engine reaches as 10.0.2.2:PORT (not loopback to it, so it verifies) is refused until its CA certificate
// is in the settings, then pulls work; insecure entries join the user's daemon.json insecure-registries; a removed
// entry's certificate folder is gone at the next start.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QemuBootSettings } from '../../src-main/machine/qemu-machine-options';
import { startRegistry, type TestRegistry } from '../support/registry';
import { TEST_RESOURCES, useTestVm } from './support/vm-machine';

/** QEMU user networking's address of the host, as the guest sees it. */
const HOST_FROM_GUEST = '10.0.2.2';
const HELPER = 'berth/helper:1';
const USER_DAEMON_JSON = '{"insecure-registries": ["mine.example:5000"], "labels": ["berth-trust-test=1"]}';

let registry: TestRegistry;
/** The registry as the guest names it: 10.0.2.2:PORT. */
let server: string;
/** What the next boot reads, as the agent reads settings.json: tests change it before a restart. */
let settings: QemuBootSettings = { resources: TEST_RESOURCES, daemonJson: USER_DAEMON_JSON };
const vm = useTestVm({ configure: async () => settings });

beforeAll(async () => {
  registry = await startRegistry({ tls: true, certificateNames: [HOST_FROM_GUEST] });
  server = `${HOST_FROM_GUEST}:${registry.address.split(':')[1]}`;
  await vm.machine.start();
});

afterAll(async () => {
  await registry?.stop();
});

interface RegistryConfig {
  IndexConfigs: Record<string, { Secure: boolean }>;
}
const registryConfig = async () =>
  JSON.parse(await vm.docker(['info', '--format', '{{json .RegistryConfig}}'])) as RegistryConfig;
const pull = (reference: string) => vm.docker(['pull', '--quiet', reference]);

describe("Berth's VM and the registries the settings trust", () => {
  it('refuses the TLS registry at 10.0.2.2 before its CA certificate is trusted', async () => {
    await expect(pull(`${server}/trust/helper:1`)).rejects.toThrow(/certificate signed by unknown authority/);
    expect((await vm.guest('ls -A /etc/docker/certs.d 2>/dev/null; echo end')).trim()).toBe('end');
  });

  it("pulls from it after a restart with its CA in the settings, and lists the insecure entries with the user's", async () => {
    settings = {
      ...settings,
      registryTrust: [
        { server, caCertificate: registry.caCertificate, insecure: false },
        { server: 'plain.example:5000', insecure: true },
        { server: 'mine.example:5000', insecure: true },
        { server: '../escape', caCertificate: registry.caCertificate, insecure: false },
      ],
    };
    await vm.machine.restart();
    expect(await vm.guest(`cat '/etc/docker/certs.d/${server}/ca.crt'`)).toBe(`${registry.caCertificate!.trim()}\n`);
    expect(readFileSync(vm.home.consoleLog, 'utf8')).toContain(`berth: CA certificate for registry ${server}`);
    expect(vm.warnings).toContain('The VM does not get the CA certificate for registry "../escape": it contains "/"');
    const reference = `${server}/trust/helper:1`;
    await vm.docker(['tag', HELPER, reference]);
    await vm.docker(['push', '--quiet', reference]);
    await vm.docker(['rmi', reference]);
    expect(await pull(reference)).toContain(reference);

    const { IndexConfigs } = await registryConfig();
    expect(IndexConfigs['plain.example:5000']?.Secure).toBe(false);
    expect(IndexConfigs['mine.example:5000']?.Secure).toBe(false);
    expect(IndexConfigs[server]).toBeUndefined();
    // The user's own daemon.json still applies (its other keys too), with ours added once.
    const daemonJson = JSON.parse(await vm.guest('cat /run/berth/daemon.json')) as Record<string, unknown>;
    expect(daemonJson['insecure-registries']).toEqual(['mine.example:5000', 'plain.example:5000']);
    expect(daemonJson.labels).toEqual(['berth-trust-test=1']);
  });

  it('forgets a removed entry at the next start: no certificate folder, the registry refused again', async () => {
    settings = { ...settings, registryTrust: [] };
    await vm.machine.restart();
    expect((await vm.guest('ls -A /etc/docker/certs.d 2>/dev/null; echo end')).trim()).toBe('end');
    await vm.docker(['rmi', `${server}/trust/helper:1`]);
    await expect(pull(`${server}/trust/helper:1`)).rejects.toThrow(/certificate signed by unknown authority/);
    expect(Object.keys((await registryConfig()).IndexConfigs)).not.toContain('plain.example:5000');
  });
});
