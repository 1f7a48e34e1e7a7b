// `compose config --format json` read as a preview: services, objects by their engine names, unset variables.
import { describe, expect, it } from 'vitest';
import { previewFromConfig } from '../../../src-main/compose/compose-preview';

const config = {
  name: 'app',
  services: {
    web: {
      image: 'busybox',
      ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'tcp' }],
      networks: { front: null },
      deploy: { replicas: 2 },
    },
    api: {
      build: { context: '/p/api', dockerfile: 'Dockerfile.dev', args: { MODE: 'dev', UNSET: null }, target: 'run' },
      volumes: [{ type: 'volume', source: 'data', target: '/data' }],
      secrets: [{ source: 'key', target: '/run/secrets/key' }],
      depends_on: { web: { condition: 'service_healthy' } },
      profiles: ['dev'],
    },
  },
  networks: { front: { name: 'app_front' } },
  volumes: { data: { name: 'app_data' } },
  secrets: { key: { name: 'app_key', file: '/p/key' } },
};

describe('previewFromConfig', () => {
  it('lists services with their ports, volumes, networks, secrets, dependencies and replicas', () => {
    const stderr = [
      'time="2026-12-06T23:05:28Z" level=warning msg="The \\"MODE\\" variable is not set. Defaulting to a blank string."',
      'time="2026-12-06T23:05:28Z" level=warning msg="The \\"MODE\\" variable is not set. Defaulting to a blank string."',
      'time="2026-12-06T23:05:28Z" level=warning msg="/p/compose.yaml: `version` is obsolete"',
    ].join('\n');
    const preview = previewFromConfig(JSON.stringify(config), stderr);
    expect(preview).toMatchObject({
      name: 'app',
      networks: ['app_front'],
      volumes: ['app_data'],
      secrets: ['app_key'],
      unresolved: ['MODE'],
      warnings: ['/p/compose.yaml: `version` is obsolete'],
    });
    expect(preview.services).toEqual([
      {
        name: 'api',
        build: true,
        buildSettings: {
          context: '/p/api',
          dockerfile: 'Dockerfile.dev',
          args: { MODE: 'dev' },
          target: 'run',
          tag: 'app-api',
        },
        ports: [],
        volumes: ['data → /data'],
        networks: [],
        secrets: ['key'],
        dependsOn: ['web'],
        profiles: ['dev'],
        replicas: 1,
      },
      {
        name: 'web',
        image: 'busybox',
        build: false,
        ports: [{ target: 80, published: '8080', protocol: 'tcp', hostIp: '127.0.0.1' }],
        volumes: [],
        networks: ['front'],
        secrets: [],
        dependsOn: [],
        profiles: [],
        replicas: 2,
      },
    ]);
  });

  it('says so when the CLI printed no JSON', () => {
    expect(() => previewFromConfig('oops', '')).toThrow(/compose config printed no JSON: "oops"/);
  });
});
