// The engine's info and version as labelled facts in groups, for a key/value layout instead of raw JSON.
import type { EngineInfo, EngineVersion } from '../../../../src-main/contract/dto/system';
import { memory, plural } from '../../format';

export interface Fact {
  label: string;
  value: string;
  /** Shown in monospace (versions, paths, hashes). */
  mono?: boolean;
}

export interface FactGroup {
  title: string;
  facts: Fact[];
}

const or = (value: string, fallback = '—') => value || fallback;

/** "1 image, 2 containers" Berth keeps for itself, when it keeps any. */
function berthOwn(info: EngineInfo): Fact[] {
  const parts = [
    ...(info.berthImages ? [plural(info.berthImages, 'image')] : []),
    ...(info.berthContainers ? [plural(info.berthContainers, 'container')] : []),
  ];
  return parts.length ? [{ label: "Berth's own", value: parts.join(', ') }] : [];
}

export function engineFacts(info: EngineInfo, version: EngineVersion): FactGroup[] {
  return [
    {
      title: 'Engine',
      facts: [
        { label: 'Version', value: or(version.version || info.serverVersion), mono: true },
        { label: 'API version', value: or(version.apiVersion), mono: true },
        { label: 'Oldest API', value: or(version.minApiVersion), mono: true },
        { label: 'Go version', value: or(version.goVersion), mono: true },
        { label: 'Git commit', value: or(version.gitCommit), mono: true },
        { label: 'Swarm', value: info.swarm === 'inactive' ? 'Not active' : info.swarm },
      ],
    },
    {
      title: 'Host',
      facts: [
        { label: 'Host name', value: or(info.name) },
        { label: 'Operating system', value: or(info.operatingSystem) },
        { label: 'Kernel', value: or(info.kernelVersion || version.kernelVersion), mono: true },
        { label: 'Architecture', value: or(info.architecture || version.arch) },
        { label: 'CPUs', value: info.cpus ? String(info.cpus) : '—' },
        { label: 'Memory', value: info.memoryTotal ? memory(info.memoryTotal) : '—' },
      ],
    },
    {
      title: 'Storage',
      facts: [
        { label: 'Storage driver', value: or(info.storageDriver) },
        { label: 'Cgroup version', value: info.cgroupVersion ? `v${info.cgroupVersion}` : '—' },
        { label: 'Root folder', value: or(info.rootDir), mono: true },
      ],
    },
    {
      title: 'Objects',
      facts: [
        { label: 'Containers', value: String(info.containers - info.berthContainers) },
        { label: 'Running', value: String(info.containersRunning) },
        { label: 'Paused', value: String(info.containersPaused) },
        { label: 'Stopped', value: String(info.containersStopped) },
        { label: 'Images', value: String(info.images - info.berthImages) },
        ...berthOwn(info),
      ],
    },
  ];
}
