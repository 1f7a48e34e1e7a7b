// Binds the registry trust method (CA certificate, insecure) to the settings it changes.
import type { RegistrySummary } from '../contract/dto/registries';
import { normalizeRegistryServer } from '../core/registry-server';
import { UnsupportedError } from '../engine/errors';
import { withTrustChange } from '../registries/trust-list';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryTrustHandlers = Pick<Handlers, 'registries.setTrust'>;

export function registryTrustHandlers(s: Services): RegistryTrustHandlers {
  return {
    'registries.setTrust': async (a) => {
      if (!s.settings) {
        throw new UnsupportedError('Registry trust cannot be kept here (Berth was started without a data folder)');
      }
      const server = normalizeRegistryServer(a.server);
      const trust = withTrustChange(s.settings.settings.registries.trust, server, a);
      const saved = await s.settings.update({ registries: { trust } });
      const entry = saved.registries.trust.find((e) => e.server === server);
      const summary: RegistrySummary = {
        server,
        title: server === 'docker.io' ? 'Docker Hub' : server,
        caCertificate: entry?.caCertificate !== undefined,
        insecure: entry?.insecure ?? false,
      };
      const notice = engineNotice(s, server, summary);
      return notice ? { ...summary, engineNotice: notice } : summary;
    },
  };
}

/** What an engine that is not Berth's VM needs on its own machine for the pulls and pushes it makes itself. */
function engineNotice(s: Services, server: string, summary: RegistrySummary): string | undefined {
  if (s.machine.info.kind === 'qemu' || (!summary.caCertificate && !summary.insecure)) return undefined;
  const needs = [
    ...(summary.caCertificate ? [`the CA certificate in /etc/docker/certs.d/${server}/ca.crt`] : []),
    ...(summary.insecure ? [`"${server}" in daemon.json's insecure-registries`] : []),
  ].join(' and ');
  return (
    `Saved for Berth's registry browser. This engine is not Berth's VM: for its own pulls and pushes it needs ` +
    `${needs} on its machine.`
  );
}
