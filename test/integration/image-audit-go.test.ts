// The image audit on Go programs through the real engine: the build info of a Go binary an image carries is found
// while its layer streams past, and a catalogue cancelled while reading an image stops with "cancelled".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { ensureEngineRoot } from '../support/engine-root';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { buildLayeredImage } from '../support/layered-image';

describe('image audit of Go programs', () => {
  const api = useTestApi();
  const { docker, image } = testEngine();
  const small = `${uniqueName('audit-go')}:1`;
  const large = `${uniqueName('audit-go-large')}:1`;
  let goVersion: string;

  beforeAll(async () => {
    const root = await ensureEngineRoot();
    // docker-proxy (2 MiB) and docker-compose (60 MiB) are Go programs in the engine root.
    const proxy = readFileSync(join(root, 'usr/sbin/docker-proxy'));
    goVersion = /go(1\.\d+\.\d+)/.exec(proxy.toString('latin1'))![1]!;
    const labels = testLabels();
    await buildLayeredImage(docker, {
      tag: small,
      base: image,
      labels,
      steps: ['COPY docker-proxy /usr/local/bin/docker-proxy', 'COPY notes.txt /notes.txt'],
      files: { 'docker-proxy': proxy, 'notes.txt': 'Go buildinf: is not a header here\n' },
    });
    await buildLayeredImage(docker, {
      tag: large,
      base: image,
      labels,
      steps: ['COPY docker-compose /usr/local/bin/docker-compose'],
      files: { 'docker-compose': readFileSync(join(root, 'usr/libexec/docker/cli-plugins/docker-compose')) },
    });
  });

  it("lists the Go standard library's version of a Go binary, in the layer that added it", async () => {
    const catalogue = await api.client.call('audit.catalogue', { id: small });
    expect(catalogue.packages).toEqual([
      expect.objectContaining({
        name: 'stdlib',
        version: goVersion,
        ecosystem: 'Go',
        purl: `pkg:golang/stdlib@${goVersion}`,
        layer: 1,
        path: 'usr/local/bin/docker-proxy',
      }),
    ]);
  });

  it('stops a catalogue cancelled while the image is read', async () => {
    const operation = uniqueName('audit-cancel');
    const started = api.events.next('audit.progress', (p) => p.operation === operation);
    const call = rejectionOf(api.client.call('audit.catalogue', { id: large, operation }));
    await started;
    expect((await api.client.call('operations.cancel', { operation })).cancelled).toBe(true);
    expect(await call).toMatchObject({ code: 'cancelled' });
    // Nothing was kept of the cancelled read: the next catalogue reads the image again, to the end.
    const catalogue = await api.client.call('audit.catalogue', { id: large });
    expect(catalogue.packages.map((p) => p.name)).toEqual(['stdlib']);
  });
});
