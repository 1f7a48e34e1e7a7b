// Compose projects read back from their containers' labels, networks and volumes, and the CLI arguments for them.
import { describe, expect, it } from 'vitest';
import { argsForFiles, argsForStack } from '../../../src-main/compose/compose-args';
import { namesByProject, stacksFromContainers } from '../../../src-main/compose/compose-labels';
import type { ContainerSummary } from '../../../src-main/contract';

function container(
  name: string,
  service: string,
  state: ContainerSummary['state'],
  extra: Record<string, string> = {},
) {
  return {
    id: `id-${name}`,
    name,
    image: 'busybox',
    imageId: 'sha256:1',
    command: '',
    created: Number(extra.created ?? 1),
    state,
    status: state,
    health: 'none',
    ports: [],
    labels: {
      'com.docker.compose.project': 'app',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': name.slice(-1),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.config_files': '/p/compose.yaml,/p/override.yaml',
      'com.docker.compose.project.working_dir': '/p',
      ...extra,
    },
    mounts: [],
    networks: [],
    berthOwned: false,
  } satisfies ContainerSummary;
}

describe('stacksFromContainers', () => {
  const objects = {
    networks: namesByProject([{ name: 'app_default', labels: { 'com.docker.compose.project': 'app' } }]),
    volumes: namesByProject([
      { name: 'left_data', labels: { 'com.docker.compose.project': 'left' } },
      { name: 'unrelated', labels: {} },
    ]),
  };

  it('groups services and containers in order, counts running ones, reads files from the newest container', () => {
    const [stack, left] = stacksFromContainers(
      [
        container('app-web-2', 'web', 'exited'),
        container('app-web-1', 'web', 'running'),
        container('app-db-1', 'db', 'running', {
          created: '5',
          'com.docker.compose.project.config_files': '/p/c.yaml',
        }),
        container('app-web-run-1', 'web', 'running', { 'com.docker.compose.oneoff': 'True' }),
      ],
      objects,
    );
    expect(stack).toMatchObject({
      name: 'app',
      status: 'partial',
      running: 2,
      total: 3,
      configFiles: ['/p/c.yaml'],
      workingDir: '/p',
      envFiles: [],
      networks: ['app_default'],
      volumes: [],
    });
    expect(stack!.services.map((s) => [s.name, s.running, s.containers.map((c) => c.name)])).toEqual([
      ['db', 1, ['app-db-1']],
      ['web', 1, ['app-web-1', 'app-web-2', 'app-web-run-1']],
    ]);
    expect(stack!.services[1]!.containers[2]!.oneoff).toBe(true);
    expect(left).toMatchObject({ name: 'left', status: 'stopped', services: [], volumes: ['left_data'], total: 0 });
  });
});

describe('compose arguments', () => {
  it('passes the chosen files, env files, profiles and name in order', () => {
    expect(
      argsForFiles({
        files: ['/a.yaml', '/b.yaml'],
        envFiles: ['/e'],
        profiles: ['dev'],
        projectName: 'x',
        workingDir: '/w',
      }),
    ).toEqual([
      'compose',
      '-p',
      'x',
      '--project-directory',
      '/w',
      '-f',
      '/a.yaml',
      '-f',
      '/b.yaml',
      '--env-file',
      '/e',
      '--profile',
      'dev',
    ]);
  });

  it("reruns a project with its labels' files, every profile only when asked", () => {
    const [stack] = stacksFromContainers([container('app-web-1', 'web', 'running')], {
      networks: new Map(),
      volumes: new Map(),
    });
    expect(argsForStack(stack!, true)).toEqual([
      'compose',
      '-p',
      'app',
      '--project-directory',
      '/p',
      '-f',
      '/p/compose.yaml',
      '-f',
      '/p/override.yaml',
      '--profile',
      '*',
    ]);
    expect(argsForStack(stack!, false)).not.toContain('--profile');
  });
});
