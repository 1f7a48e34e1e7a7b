// Builds the services for one engine endpoint: the object graph the handlers call into.
import { dirname, join } from 'node:path';
import Dockerode from 'dockerode';
import { BuildService } from '../builds/build-service';
import { StackReader } from '../compose/stack-reader';
import { AuditDatabase } from '../audit/audit-database';
import { ImageAuditService } from '../audit/image-audit';
import { StackService } from '../compose/stacks';
import type { EngineEvent } from '../contract/dto/system';
import type { DockerCli } from '../docker-cli/docker-cli';
import { hostDockerCli } from '../docker-cli/docker-cli';
import { guestDockerCli } from '../docker-cli/guest-docker-cli';
import { ContainerFileService } from '../engine/container-files';
import { ContainerService } from '../engine/containers';
import type { EngineEndpoint } from '../engine/endpoint';
import { EngineWatcher } from '../engine/engine-watcher';
import type { EventHub } from '../engine/event-hub';
import { ImageService } from '../engine/images';
import { NetworkService } from '../engine/networks';
import { OperationRegistry } from '../engine/operations';
import { SessionRegistry } from '../engine/sessions';
import { BuildCacheService } from '../engine/build-cache';
import { withAnswerChecks } from '../engine/answer-checks';
import { withCallDeadlines, type CallDeadlines } from '../engine/call-deadlines';
import { withLifecycleQueue } from '../engine/lifecycle-queue';
import { StreamService } from '../engine/streams';
import { SystemService } from '../engine/system';
import { VolumeArchiveService } from '../engine/volume-archive';
import { VolumeFileService } from '../engine/volume-files';
import { VolumeService } from '../engine/volumes';
import { HostTerminalService } from '../host/host-terminals';
import type { CredentialList, CredentialLookup } from '../registries/credentials';
import { RegistryBrowser } from '../registries/registry-browser';
import type { MachineControl } from '../machine/machine-control';
import type { Keychain } from '../registries/keychain';
import { RegistryLoginService } from '../registries/registry-logins';
import type { SettingsStore } from '../settings/settings-store';
import { dockerConfigDir } from '../tunnel/docker-context';
import { ExternalEngineControl } from './external-engine-control';
import { LayerAnalysisService } from './layer-analyses';
import { readImageLayers } from './image-layers';

export interface Services {
  docker: Dockerode;
  watcher: EngineWatcher;
  operations: OperationRegistry;
  sessions: SessionRegistry;
  containers: ContainerService;
  containerFiles: ContainerFileService;
  images: ImageService;
  volumes: VolumeService;
  volumeFiles: VolumeFileService;
  volumeArchives: VolumeArchiveService;
  networks: NetworkService;
  stacks: StackService;
  buildCache: BuildCacheService;
  builds: BuildService;
  /** The layer explorer's analyses, kept for the session. */
  layers: LayerAnalysisService;
  audit: ImageAuditService;
  /** The official docker CLI for this engine now (inside Berth's VM while it runs, else this computer's). */
  cli: () => DockerCli;
  system: SystemService;
  streams: StreamService;
  terminals: HostTerminalService;
  /** Registry HTTP API v2 browsing with the stored logins and the trust settings. */
  registryBrowser: RegistryBrowser;
  /** Berth's settings; absent where there is no data folder (most API tests). */
  settings: SettingsStore | undefined;
  /** Where the engine runs; an engine Berth only uses unless the app passes its machine. */
  machine: MachineControl;
  /** The docker CLI's config folder, where the "berth" context is kept. */
  dockerConfigDir: string;
  /** Registry logins: list/login/logout, and `lookup` (the CredentialLookup) for pulls, pushes and the CLIs. */
  credentials: RegistryLoginService;
  /** Berth's version, for diagnostics. */
  appVersion: string;
  pickFiles: ServiceOptions['pickFiles'];
}

export interface FilePickRequest {
  title: string;
  multiple: boolean;
  extensions: string[];
}

export interface ServiceOptions {
  /** Loaded settings (`load()` already called). */
  settings?: SettingsStore;
  machine?: MachineControl;
  /** Default `$DOCKER_CONFIG` or ~/.docker. */
  dockerConfigDir?: string;
  /** Default "development". */
  appVersion?: string;
  /** The desktop app's file dialog; absent in a browser, where paths are typed. */
  pickFiles?: (request: FilePickRequest) => Promise<string[]>;
  /** This computer's docker CLI, for engines other than Berth's VM; default `docker` from the PATH. */
  hostCli?: { docker: string; env?: Record<string, string> };
  /** How long engine calls may take; default DEFAULT_CALL_DEADLINES. */
  callDeadlines?: CallDeadlines;
  /** The OS keychain (Electron safeStorage) that encrypts logins Berth keeps; absent: logins in memory only. */
  keychain?: Keychain;
  /** The environment credential helpers (docker-credential-*) run in and are found on; default this process's. */
  credentialHelperEnv?: NodeJS.ProcessEnv;
  /** The logins registry browsing uses; default the stored logins. */
  registryCredentials?: CredentialLookup;
  /** The logins given to each CLI run (compose, buildx) here and in Berth's VM; default every stored login. */
  cliLogins?: CredentialList;
}

/** Berth's VM's own CLI while it runs (its files and the engine's are one), else this computer's. */
function dockerCliFor(
  endpoint: EngineEndpoint,
  machine: MachineControl,
  options: ServiceOptions,
  listLogins: CredentialList,
): () => DockerCli {
  const target = { docker: 'docker', ...options.hostCli, dockerHost: endpoint.address };
  const host = hostDockerCli(target, { listLogins });
  const guest = guestDockerCli(() => machine.sshTarget(), undefined, { listLogins });
  return () => (machine.sshTarget() ? guest : host);
}

/** A size in GB (10^9 bytes, as sizes are shown) in bytes. */
const gigabytes = (gb: number | undefined) => (gb === undefined ? undefined : Math.round(gb * 1e9));

export function createServices(endpoint: EngineEndpoint, hub: EventHub, options: ServiceOptions = {}): Services {
  const docker = withAnswerChecks(
    withLifecycleQueue(withCallDeadlines(new Dockerode(endpoint.options), options.callDeadlines)),
  );
  const operations = new OperationRegistry();
  const sessions = new SessionRegistry();
  const configDir = options.dockerConfigDir ?? dockerConfigDir();
  const credentials = new RegistryLoginService({
    docker,
    dockerConfigDir: configDir,
    dataDir: options.settings?.dataDir,
    keychain: options.keychain,
    helperEnv: options.credentialHelperEnv,
    trustedServers: () => options.settings?.settings.registries.trust ?? [],
  });
  const images = new ImageService(docker, hub, operations, credentials.lookup, credentials.logins);
  const containers = new ContainerService(docker, (reference, operation) => images.pull(reference, operation));
  const volumes = new VolumeService(docker);
  const networks = new NetworkService(docker);
  const watcher = new EngineWatcher(docker, endpoint.address, hub);
  const machine = options.machine ?? new ExternalEngineControl(watcher, hub);
  const cli = dockerCliFor(endpoint, machine, options, options.cliLogins ?? credentials.logins);
  const stacks = new StackService({
    reader: new StackReader(docker),
    cli,
    operations,
    output: (operation, lines) => hub.emit('stacks.output', { operation, lines }),
    events: (listener) => hub.subscribe((name, payload) => name === 'engine.event' && listener(payload as EngineEvent)),
  });
  const historyFile = options.settings && join(dirname(options.settings.file), 'builds.json');
  const buildCache = new BuildCacheService(docker, () => gigabytes(options.settings?.settings.buildCache.budgetGB));
  const afterBuild = () => buildCache.afterBuild();
  return {
    builds: new BuildService({ docker, cli, images, operations, hub, historyFile, afterBuild }),
    docker,
    watcher,
    operations,
    sessions,
    containers,
    containerFiles: new ContainerFileService(docker),
    images,
    volumes,
    volumeFiles: new VolumeFileService(docker),
    volumeArchives: new VolumeArchiveService(docker, volumes),
    networks,
    stacks,
    buildCache,
    layers: new LayerAnalysisService(docker, operations, (progress) => hub.emit('layers.progress', progress)),
    audit: new ImageAuditService({
      docker,
      layers: (image, consumer, options) => readImageLayers(docker, image, consumer, options),
      operations,
      database: options.settings && new AuditDatabase(options.settings.dataDir),
      progress: (progress) => hub.emit('audit.progress', progress),
      appVersion: options.appVersion ?? 'development',
    }),
    cli,
    system: new SystemService(docker, containers, images, networks, volumes),
    streams: new StreamService(docker, hub, sessions),
    registryBrowser: new RegistryBrowser({
      credentials: options.registryCredentials ?? credentials.lookup,
      trust: (server) => options.settings?.settings.registries.trust.find((entry) => entry.server === server),
    }),
    terminals: new HostTerminalService(
      sessions,
      {
        data: (session, data) => hub.emit('terminal.data', { session, data }),
        exit: (session, exitCode) => hub.emit('terminal.exit', { session, exitCode }),
      },
      () => endpoint.address,
    ),
    settings: options.settings,
    machine,
    dockerConfigDir: configDir,
    credentials,
    appVersion: options.appVersion ?? 'development',
    pickFiles: options.pickFiles,
  };
}
