// The System page's pure parts: prune sections and summaries, disk usage bars, engine facts, the events feed, labels.
import { describe, expect, it } from 'vitest';
import type {
  DiskUsage,
  EngineEvent,
  EngineInfo,
  EngineVersion,
  PruneReport,
} from '../../../src-main/contract/dto/system';
import {
  berthUsageLine,
  diskUsageBars,
  totalReclaimable,
} from '../../../src-renderer/src/components/system/disk-usage';
import { engineFacts } from '../../../src-renderer/src/components/system/engine-facts';
import {
  eventAction,
  eventLink,
  eventObjectName,
  prependEvents,
  type FeedEntry,
} from '../../../src-renderer/src/components/system/event-feed';
import { parseLabelFilters, parseLabelLines } from '../../../src-renderer/src/components/system/labels';
import {
  pruneContents,
  pruneCount,
  pruneSections,
  pruneSummary,
  volumePruneOptions,
} from '../../../src-renderer/src/components/system/prune-report';

const empty: PruneReport = { containers: [], images: [], networks: [], volumes: [], buildCache: [], spaceReclaimed: 0 };

describe('prune reports', () => {
  const report: PruneReport = {
    ...empty,
    containers: [
      { id: 'c1', name: 'old-web', size: 1000 },
      { id: 'c2', name: 'old-db', size: 500 },
    ],
    volumes: [{ id: 'v1', name: 'cache' }],
    spaceReclaimed: 1500,
  };

  it('lists only categories with something in them, with their sizes', () => {
    expect(pruneSections(report).map((s) => [s.key, s.items.length, s.bytes])).toEqual([
      ['containers', 2, 1500],
      ['volumes', 1, 0],
    ]);
    expect(pruneCount(report)).toBe(3);
  });

  it('lists the items of each category by name', () => {
    expect(pruneSections(report)[0]!.items.map((i) => i.name)).toEqual(['old-db', 'old-web']);
  });

  it('sums up in words', () => {
    expect(pruneContents(report)).toBe('2 containers, 1 volume');
    expect(pruneSummary(report)).toBe('Removed 2 containers, 1 volume and freed 1.5 kB.');
    expect(pruneSummary(empty)).toBe('Nothing needed removing.');
  });

  it('builds volume-only options', () => {
    expect(volumePruneOptions('all')).toEqual({
      containers: false,
      images: 'none',
      networks: false,
      volumes: true,
      allVolumes: true,
      buildCache: false,
    });
  });
});

describe('diskUsageBars', () => {
  const usage: DiskUsage = {
    images: { count: 3, active: 1, size: 4000, reclaimable: 1000 },
    containers: { count: 1, active: 1, size: 0, reclaimable: 0 },
    volumes: { count: 2, active: 0, size: 2000, reclaimable: 2000 },
    buildCache: { count: 0, active: 0, size: 0, reclaimable: 0 },
    berth: { images: 1, containers: 0, size: 1_500_000 },
  };

  it('scales bars to the largest category', () => {
    const bars = diskUsageBars(usage);
    expect(bars.map((b) => [b.key, b.sizePercent, b.reclaimablePercent])).toEqual([
      ['images', 100, 25],
      ['containers', 0, 0],
      ['volumes', 50, 50],
      ['buildCache', 0, 0],
    ]);
    expect(bars[0]!.detail).toBe('3 images, 1 in use');
    expect(bars[1]!.detail).toBe('1 container, 1 running');
    expect(totalReclaimable(usage)).toBe(3000);
  });

  it('draws nothing when all is empty', () => {
    const zero = { count: 0, active: 0, size: 0, reclaimable: 0 };
    const none = { images: 0, containers: 0, size: 0 };
    const bars = diskUsageBars({ images: zero, containers: zero, volumes: zero, buildCache: zero, berth: none });
    expect(bars.every((b) => b.sizePercent === 0)).toBe(true);
  });

  it("writes Berth's own apart from the bars, and nothing when there is none", () => {
    expect(berthUsageLine(usage)).toBe("Berth's own: 1 helper image (1.5 MB), not counted above");
    const busy = { ...usage, berth: { images: 1, containers: 2, size: 1_600_000 } };
    expect(berthUsageLine(busy)).toBe("Berth's own: 1 helper image, 2 helper containers (1.6 MB), not counted above");
    expect(berthUsageLine({ ...usage, berth: { images: 0, containers: 0, size: 0 } })).toBeUndefined();
  });
});

describe('engineFacts', () => {
  const info = {
    name: 'host',
    serverVersion: '27.1.0',
    operatingSystem: 'Debian GNU/Linux 12',
    kernelVersion: '6.1.0',
    architecture: 'x86_64',
    cpus: 2,
    memoryTotal: 4 * 1024 ** 3,
    storageDriver: 'overlay2',
    cgroupVersion: '2',
    rootDir: '/var/lib/docker',
    containers: 3,
    containersRunning: 1,
    containersPaused: 0,
    containersStopped: 2,
    images: 1,
    berthContainers: 0,
    berthImages: 0,
    swarm: 'inactive',
  } as EngineInfo;
  const version = {
    version: '27.1.0',
    apiVersion: '1.46',
    minApiVersion: '1.24',
    goVersion: 'go1.22',
  } as EngineVersion;

  it('labels every fact in words', () => {
    const facts = Object.fromEntries(engineFacts(info, version).flatMap((g) => g.facts.map((f) => [f.label, f.value])));
    expect(facts).toMatchObject({
      Version: '27.1.0',
      'API version': '1.46',
      'Oldest API': '1.24',
      CPUs: '2',
      Memory: '4 GiB',
      'Cgroup version': 'v2',
      Containers: '3',
      Running: '1',
      Stopped: '2',
      Images: '1',
      Swarm: 'Not active',
      'Git commit': '—',
    });
  });

  it("counts the user's containers and images, and Berth's own apart", () => {
    const facts = (extra: Partial<EngineInfo>) =>
      Object.fromEntries(
        engineFacts({ ...info, ...extra }, version).flatMap((g) => g.facts.map((f) => [f.label, f.value])),
      );
    expect(facts({ images: 2, berthImages: 1, berthContainers: 1 })).toMatchObject({
      Containers: '2',
      Images: '1',
      "Berth's own": '1 image, 1 container',
    });
    expect(facts({ images: 2, berthImages: 1 })["Berth's own"]).toBe('1 image');
    expect(facts({})).not.toHaveProperty("Berth's own");
  });
});

describe('events feed', () => {
  const event = (extra: Partial<EngineEvent>): EngineEvent => ({
    type: 'container',
    action: 'start',
    id: 'f'.repeat(64),
    attributes: {},
    time: 0,
    ...extra,
  });
  const entry = (n: number): FeedEntry => ({ key: String(n), event: event({ time: n }) });

  it('puts new events on top and keeps at most the limit', () => {
    const feed = prependEvents([entry(2), entry(1)], [entry(3), entry(4)], 3);
    expect(feed.map((e) => e.key)).toEqual(['4', '3', '2']);
  });

  it('names objects and links to pages that exist', () => {
    expect(eventObjectName(event({ name: 'web' }))).toBe('web');
    expect(eventObjectName(event({}))).toBe('ffffffffffff');
    expect(eventObjectName(event({ type: 'volume', id: 'data' }))).toBe('data');
    expect(eventLink(event({ id: 'abc' }))).toBe('/containers/abc');
    expect(eventLink(event({ id: 'abc', action: 'destroy' }))).toBeUndefined();
    expect(eventLink(event({ type: 'volume', id: 'my data' }))).toBe('/volumes/my%20data');
    expect(eventLink(event({ type: 'image', id: 'abc' }))).toBeUndefined();
  });

  it('words actions', () => {
    expect(eventAction(event({ action: 'health_status: healthy' }))).toBe('health status: healthy');
    expect(eventAction(event({ action: 'exec_start: sh -c ls' }))).toBe('exec start');
  });
});

describe('labels', () => {
  it('parses key=value lines', () => {
    expect(parseLabelLines('a=1\n\n b = two words \nc=')).toEqual({ value: { a: '1', b: 'two words', c: '' } });
    expect(parseLabelLines('x=1=2')).toEqual({ value: { x: '1=2' } });
    expect(parseLabelLines('a=1\nnovalue').error).toBe('line 2: write it as key=value');
    expect(parseLabelLines('=v').error).toMatch(/key must not be empty/);
    expect(parseLabelLines('a=1\na=2').error).toBe('line 2: "a" is set twice');
  });

  it('parses label filters', () => {
    expect(parseLabelFilters(' app=web, tier  ')).toEqual({ value: ['app=web', 'tier'] });
    expect(parseLabelFilters('')).toEqual({ value: [] });
    expect(parseLabelFilters('=web').error).toMatch(/needs a key/);
  });
});
