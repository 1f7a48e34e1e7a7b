// Settings DTOs: what settings.json holds (version 4), as the renderer sees it. The schema lives in src-main/settings.

export type ThemeSetting = 'system' | 'light' | 'dark';

export interface Settings {
  version: 4;
  machine: {
    /** Where the engine runs: Berth's VM (qemu), the host's engine (native, Linux only), or auto. */
    backend: 'auto' | 'qemu' | 'native';
    cpus: number;
    memoryMiB: number;
    diskGiB: number;
    /** 0 never pauses. */
    idlePauseSeconds: number;
    exposePortsOnAllInterfaces: boolean;
  };
  general: {
    startAtLogin: boolean;
    closeToTray: boolean;
    stopMachineOnQuit: boolean;
    theme: ThemeSetting;
    notifications: boolean;
  };
  window: {
    /** Screen pixels. */
    bounds?: { x: number; y: number; width: number; height: number } | undefined;
    maximized: boolean;
  };
  fileSharing: { folders: string[] };
  engine: { daemonJson: string };
  engines: { active: string; remotes: Array<{ id: string; name: string; address: string }> };
  dockerCli: { writeContext: boolean; useContext: boolean };
  recentImages: string[];
  updates: { enabled: boolean; feedUrl?: string | undefined };
  /** GB (10^9 bytes); unset: no budget. */
  buildCache: { budgetGB?: number | undefined };
  /** A patch replaces the whole `trust` list. */
  registries: { trust: RegistryTrust[] };
}

/** How Berth (and its VM) trusts one registry beyond the system's CAs. */
export interface RegistryTrust {
  /** "docker.io" or "host[:port]", as logins name it. */
  server: string;
  /** PEM; Berth's VM gets it as /etc/docker/certs.d/HOST/ca.crt at its next start. */
  caCertificate?: string | undefined;
  /** Plain HTTP or an unverified certificate (daemon.json insecure-registries for Berth's VM). */
  insecure: boolean;
}

type Section = Exclude<keyof Settings, 'version' | 'recentImages'>;

/** A partial update: any fields of any section (null clears an optional one), `recentImages` as a whole list. */
export type SettingsPatch = {
  [S in Section]?: {
    [K in keyof Settings[S]]?: undefined extends Settings[S][K] ? Settings[S][K] | null : Settings[S][K];
  };
} & { recentImages?: string[] };

/** The docker CLI context Berth keeps ("berth"), so `docker --context berth` reaches Berth's engine. */
export interface DockerCliContext {
  name: string;
  exists: boolean;
  /** The engine address it points at. */
  host?: string;
  /** The docker CLI uses it when no context is named. */
  current: boolean;
  /** The docker CLI's config folder (~/.docker or $DOCKER_CONFIG). */
  configDir: string;
}
