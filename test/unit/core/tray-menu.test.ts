import { describe, expect, it } from 'vitest';
import type { ContainerSummary, PortMapping } from '../../../src-main/contract/dto/containers';
import type { MachineState, MachineStatus } from '../../../src-main/contract/dto/machine';
import {
  engineStatusLine,
  shortenText,
  trayIconState,
  trayMenuModel,
  trayTooltip,
  type TrayMenuInput,
  type TrayMenuItem,
} from '../../../src-main/core/tray-menu';
import { publishedUrls } from '../../../src-main/core/published-url';

function container(name: string, ports: PortMapping[] = [], extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `id-${name.replace(/^\//, '')}`,
    name,
    image: 'nginx:1.27',
    imageId: 'sha256:abc',
    command: 'nginx',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 5 minutes',
    health: 'none',
    ports,
    labels: {},
    mounts: [],
    networks: ['bridge'],
    berthOwned: false,
    ...extra,
  };
}

const tcp = (hostPort: number, hostIp = '0.0.0.0', containerPort = 80): PortMapping => ({
  containerPort,
  protocol: 'tcp',
  hostIp,
  hostPort,
});

const RUNNING: MachineStatus = { state: 'running' };

function input(overrides: Partial<TrayMenuInput> = {}): TrayMenuInput {
  return { machine: RUNNING, endpointName: 'Berth VM', containers: [], recentImages: [], ...overrides };
}

const status = (label: string): TrayMenuItem => ({ kind: 'item', label, enabled: false });
const sep: TrayMenuItem = { kind: 'separator' };
const TAIL: TrayMenuItem[] = [
  sep,
  { kind: 'item', label: 'Open dashboard', enabled: true, action: { type: 'dashboard.open' } },
  { kind: 'item', label: 'Settings…', enabled: true, action: { type: 'settings.open' } },
  sep,
  { kind: 'item', label: 'Quit Berth', enabled: true, action: { type: 'quit' } },
];

function engineItems(start: boolean, stop: boolean, restart: boolean): TrayMenuItem[] {
  return [
    { kind: 'item', label: 'Start engine', enabled: start, action: { type: 'engine.start' } },
    { kind: 'item', label: 'Stop engine', enabled: stop, action: { type: 'engine.stop' } },
    { kind: 'item', label: 'Restart engine', enabled: restart, action: { type: 'engine.restart' } },
  ];
}

const NO_CONTAINERS: TrayMenuItem[] = [status('Containers'), status('No containers running')];

/** The submenu of one container, as the tray lists it. */
function containerMenu(label: string, id: string, urls: string[] = []): TrayMenuItem {
  return {
    kind: 'submenu',
    label,
    enabled: true,
    items: [
      { kind: 'item', label: 'Stop', enabled: true, action: { type: 'container.stop', id } },
      { kind: 'item', label: 'Restart', enabled: true, action: { type: 'container.restart', id } },
      ...urls.map((url): TrayMenuItem => ({
        kind: 'item',
        label: `Open ${url.slice('http://'.length)} in browser`,
        enabled: true,
        action: { type: 'container.open', url },
      })),
      { kind: 'item', label: 'Logs', enabled: true, action: { type: 'container.logs', id } },
      { kind: 'item', label: 'Terminal', enabled: true, action: { type: 'container.terminal', id } },
    ],
  };
}

/** The items between the Containers header and the recent-images submenu or the final separator. */
function containerSection(model: TrayMenuItem[]): TrayMenuItem[] {
  const start = model.findIndex((item) => item.kind === 'item' && item.label === 'Containers') + 1;
  const end = model.findIndex(
    (item, index) => index >= start && (item.kind === 'separator' || item.label === 'Run recent image'),
  );
  return model.slice(start, end);
}

describe('trayMenuModel: engine states', () => {
  const cases: { state: MachineState; machine: MachineStatus; line: string; controls: TrayMenuItem[] }[] = [
    {
      state: 'running',
      machine: { state: 'running' },
      line: 'Engine running — Berth VM',
      controls: engineItems(false, true, true),
    },
    {
      state: 'starting',
      machine: { state: 'starting', progress: 'Waiting for SSH' },
      line: 'Engine starting: Waiting for SSH',
      controls: engineItems(false, true, false),
    },
    {
      state: 'stopping',
      machine: { state: 'stopping', progress: 'Shutting down the VM' },
      line: 'Engine stopping: Shutting down the VM',
      controls: engineItems(false, false, false),
    },
    {
      state: 'error',
      machine: { state: 'error', reason: 'QEMU exited with code 1' },
      line: 'Engine error: QEMU exited with code 1',
      controls: engineItems(true, true, true),
    },
    {
      state: 'stopped',
      machine: { state: 'stopped' },
      line: 'Engine stopped',
      controls: engineItems(true, false, false),
    },
  ];

  for (const { state, machine, line, controls } of cases) {
    it(`lays out the whole menu while ${state}`, () => {
      expect(trayMenuModel(input({ machine }))).toEqual([status(line), ...controls, sep, ...NO_CONTAINERS, ...TAIL]);
    });
  }

  it('says a paused engine resumes on the next call, with the same controls as running', () => {
    const model = trayMenuModel(input({ machine: { state: 'running', paused: true } }));
    expect(model.slice(0, 4)).toEqual([
      status('Engine paused (idle) — resumes on the next call'),
      ...engineItems(false, true, true),
    ]);
  });

  it('reads a start or stop without a step, and an error without a reason', () => {
    expect(engineStatusLine({ state: 'starting' }, 'Berth VM')).toBe('Engine starting');
    expect(engineStatusLine({ state: 'stopping' }, 'Berth VM')).toBe('Engine stopping');
    expect(engineStatusLine({ state: 'error', reason: '' }, 'Berth VM')).toBe('Engine error');
    expect(engineStatusLine({ state: 'stopped', reason: 'powered off' }, 'Berth VM')).toBe('Engine stopped');
  });

  it('shortens a long error reason to one line of about 60 characters, at a word', () => {
    const reason =
      'No Docker Engine answers at /home/alice/.berth/docker.sock:\n  connect ECONNREFUSED after 120 seconds of trying';
    const line = engineStatusLine({ state: 'error', reason }, 'Berth VM');
    expect(line).toBe('Engine error: No Docker Engine answers at /home/alice/.berth/docker.sock…');
    expect(line.length - 'Engine error: '.length).toBeLessThanOrEqual(60);
  });

  it('offers only "Connect again" for the host engine, and nothing while it runs', () => {
    const again: TrayMenuItem = {
      kind: 'item',
      label: 'Connect again',
      enabled: true,
      action: { type: 'engine.start' },
    };
    const unreachable: MachineStatus = { state: 'error', reason: 'No Docker Engine answers at /var/run/docker.sock' };
    const native = (machine: MachineStatus) =>
      trayMenuModel(input({ machine, kind: 'native', endpointName: 'unix:///var/run/docker.sock' }));
    expect(native(unreachable).slice(0, 3)).toEqual([
      status('Engine error: No Docker Engine answers at /var/run/docker.sock'),
      again,
      sep,
    ]);
    expect(native(RUNNING).slice(0, 2)).toEqual([status('Engine running — unix:///var/run/docker.sock'), sep]);
  });

  it('offers no engine controls for an engine Berth only uses (DOCKER_HOST), in any state', () => {
    const external = (machine: MachineStatus) =>
      trayMenuModel(input({ machine, kind: 'external', endpointName: 'tcp://10.0.0.5:2376' }));
    expect(external({ state: 'error', reason: 'connect ECONNREFUSED' }).slice(0, 2)).toEqual([
      status('Engine error: connect ECONNREFUSED'),
      sep,
    ]);
    expect(external(RUNNING).slice(0, 2)).toEqual([status('Engine running — tcp://10.0.0.5:2376'), sep]);
  });
});

describe('trayMenuModel: containers', () => {
  it('lists one running container with its actions', () => {
    const model = trayMenuModel(input({ containers: [container('web')] }));
    expect(model).toEqual([
      status('Engine running — Berth VM'),
      ...engineItems(false, true, true),
      sep,
      status('Containers'),
      containerMenu('web', 'id-web'),
      ...TAIL,
    ]);
  });

  it('lists exactly `limit` containers without a "More" item', () => {
    const containers = ['a', 'b', 'c'].map((name) => container(name));
    expect(containerSection(trayMenuModel(input({ containers, limit: 3 })))).toEqual([
      containerMenu('a', 'id-a'),
      containerMenu('b', 'id-b'),
      containerMenu('c', 'id-c'),
    ]);
  });

  it('lists `limit` containers and "More… (N)" opening the dashboard beyond it', () => {
    const containers = ['a', 'b', 'c', 'd'].map((name) => container(name));
    expect(containerSection(trayMenuModel(input({ containers, limit: 3 })))).toEqual([
      containerMenu('a', 'id-a'),
      containerMenu('b', 'id-b'),
      containerMenu('c', 'id-c'),
      { kind: 'item', label: 'More… (1)', enabled: true, action: { type: 'dashboard.open' } },
    ]);
  });

  it('lists 10 containers by default', () => {
    const containers = Array.from({ length: 12 }, (_, i) => container(`c${i}`));
    const section = containerSection(trayMenuModel(input({ containers })));
    expect(section).toHaveLength(11);
    expect(section.at(-2)).toEqual(containerMenu('c9', 'id-c9'));
    expect(section.at(-1)).toEqual({
      kind: 'item',
      label: 'More… (2)',
      enabled: true,
      action: { type: 'dashboard.open' },
    });
  });

  it('leaves out containers that are not running, and all of them while the engine is not running', () => {
    const containers = [container('up'), container('down', [], { state: 'exited' })];
    expect(containerSection(trayMenuModel(input({ containers })))).toEqual([containerMenu('up', 'id-up')]);
    const stale = trayMenuModel(input({ machine: { state: 'error', reason: 'gone' }, containers }));
    expect(containerSection(stale)).toEqual([status('No containers running')]);
  });

  it("leaves out Berth's own helper containers, in the menu and in the tooltip's count", () => {
    const helper = container('berth-helper-volume-files-3f9a1c', [], { berthOwned: true });
    const containers = [container('web'), helper];
    expect(containerSection(trayMenuModel(input({ containers })))).toEqual([containerMenu('web', 'id-web')]);
    expect(trayTooltip(input({ containers }))).toBe('Berth — Engine running — Berth VM — 1 container running');
  });

  it('shows compose containers by their full name, without a leading slash', () => {
    const containers = [
      container('shop-web-1', [], { composeProject: 'shop', composeService: 'web' }),
      container('/shop-db-1', [], { composeProject: 'shop', composeService: 'db' }),
    ];
    expect(containerSection(trayMenuModel(input({ containers })))).toEqual([
      containerMenu('shop-web-1', 'id-shop-web-1'),
      containerMenu('shop-db-1', 'id-shop-db-1'),
    ]);
  });

  it('gives no Open item to a container without published ports', () => {
    const ports: PortMapping[] = [{ containerPort: 80, protocol: 'tcp' }];
    expect(containerSection(trayMenuModel(input({ containers: [container('api', ports)] })))).toEqual([
      containerMenu('api', 'id-api'),
    ]);
  });

  it('gives one Open item per published TCP port, by port number', () => {
    const ports = [tcp(8443, '0.0.0.0', 443), tcp(8080, '127.0.0.1', 80)];
    expect(containerSection(trayMenuModel(input({ containers: [container('proxy', ports)] })))).toEqual([
      containerMenu('proxy', 'id-proxy', ['http://localhost:8080', 'http://localhost:8443']),
    ]);
  });

  it('gives one Open item for a single published port', () => {
    expect(containerSection(trayMenuModel(input({ containers: [container('web', [tcp(3000)])] })))).toEqual([
      containerMenu('web', 'id-web', ['http://localhost:3000']),
    ]);
  });
});

describe('publishedUrls', () => {
  it('maps 0.0.0.0, 127.0.0.1, :: and ::1 to localhost, once per port', () => {
    expect(publishedUrls([tcp(8080, '0.0.0.0'), tcp(8080, '::'), tcp(9000, '127.0.0.1'), tcp(9001, '::1')])).toEqual([
      'http://localhost:8080',
      'http://localhost:9000',
      'http://localhost:9001',
    ]);
  });

  it('opens a port without a host address on localhost', () => {
    expect(publishedUrls([{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }])).toEqual(['http://localhost:8080']);
  });

  it('skips UDP and SCTP ports and unpublished ones', () => {
    expect(
      publishedUrls([
        { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5353 },
        { containerPort: 9, protocol: 'sctp', hostIp: '0.0.0.0', hostPort: 9999 },
        { containerPort: 80, protocol: 'tcp' },
        { containerPort: 81, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 0 },
      ]),
    ).toEqual([]);
  });

  it('opens a port bound to one other address on that address', () => {
    expect(publishedUrls([tcp(8080, '192.168.1.5'), tcp(8081, 'fd00::5')])).toEqual([
      'http://192.168.1.5:8080',
      'http://[fd00::5]:8081',
    ]);
  });
});

describe('trayMenuModel: recent images', () => {
  const recentOf = (model: TrayMenuItem[]) =>
    model.find((item) => item.kind === 'submenu' && item.label === 'Run recent image');

  it('hides the submenu when there are no recent images', () => {
    expect(recentOf(trayMenuModel(input()))).toBeUndefined();
  });

  it('lists recent images most recent first, without repeats, after the containers', () => {
    const model = trayMenuModel(input({ recentImages: ['redis:7', 'nginx:1.27', 'redis:7'] }));
    const recent: TrayMenuItem = {
      kind: 'submenu',
      label: 'Run recent image',
      enabled: true,
      items: [
        { kind: 'item', label: 'redis:7', enabled: true, action: { type: 'image.run', reference: 'redis:7' } },
        { kind: 'item', label: 'nginx:1.27', enabled: true, action: { type: 'image.run', reference: 'nginx:1.27' } },
      ],
    };
    expect(model).toEqual([
      status('Engine running — Berth VM'),
      ...engineItems(false, true, true),
      sep,
      ...NO_CONTAINERS,
      recent,
      ...TAIL,
    ]);
  });

  it('lists at most `limit` recent images', () => {
    const recentImages = ['a:1', 'b:1', 'c:1'];
    const recent = recentOf(trayMenuModel(input({ recentImages, limit: 2 })));
    expect(recent?.kind === 'submenu' && recent.items.map((item) => item.kind === 'item' && item.label)).toEqual([
      'a:1',
      'b:1',
    ]);
  });

  it('disables the submenu while the engine is not running', () => {
    const recent = recentOf(trayMenuModel(input({ machine: { state: 'stopped' }, recentImages: ['redis:7'] })));
    expect(recent).toMatchObject({ kind: 'submenu', enabled: false });
  });
});

describe('trayIconState', () => {
  it('picks an icon per state', () => {
    expect(trayIconState({ state: 'running' })).toBe('running');
    expect(trayIconState({ state: 'running', paused: true })).toBe('paused');
    expect(trayIconState({ state: 'starting', progress: 'Booting the kernel' })).toBe('starting');
    expect(trayIconState({ state: 'stopping' })).toBe('starting');
    expect(trayIconState({ state: 'stopped' })).toBe('stopped');
    expect(trayIconState({ state: 'error', reason: 'x' })).toBe('error');
  });
});

describe('trayTooltip', () => {
  it('counts running containers while the engine runs', () => {
    expect(trayTooltip(input())).toBe('Berth — Engine running — Berth VM — 0 containers running');
    expect(trayTooltip(input({ containers: [container('web')] }))).toBe(
      'Berth — Engine running — Berth VM — 1 container running',
    );
    expect(trayTooltip(input({ containers: [container('a'), container('b')] }))).toBe(
      'Berth — Engine running — Berth VM — 2 containers running',
    );
  });

  it('gives only the status otherwise', () => {
    expect(trayTooltip(input({ machine: { state: 'stopped' } }))).toBe('Berth — Engine stopped');
    expect(trayTooltip(input({ machine: { state: 'running', paused: true } }))).toBe(
      'Berth — Engine paused (idle) — resumes on the next call',
    );
  });
});

describe('shortenText', () => {
  it('keeps short text, joined onto one line', () => {
    expect(shortenText('  a\n b  ', 60)).toBe('a b');
  });

  it('cuts a long word mid-way when there is no space to cut at', () => {
    expect(shortenText('x'.repeat(80), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
