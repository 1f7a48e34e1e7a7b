// Binds every contract method to the service that implements it.
import { UnsupportedError } from '../engine/errors';
import { adviceHandlers } from './advice-handlers';
import { hostPaths } from '../engine/host-paths';
import { tailLog } from '../host/log-tail';
import { readDockerContext, writeDockerContext } from '../tunnel/docker-context';
import { buildHandlers } from './build-handlers';
import { collectDiagnostics } from './diagnostics-collector';
import { engineCapabilities } from './engine-capabilities';
import { rememberRecentImage } from './recent-images';
import type { Services } from './services';
import { layerHandlers } from './layer-handlers';
import { auditHandlers } from './audit-handlers';
import { stackHandlers } from './stack-handlers';
import { buildCacheHandlers } from './build-cache-handlers';
import type { Handlers } from './dispatcher';
import { registryBrowseHandlers } from './registry-browse-handlers';
import { engineContextHandlers } from './engine-context-handlers';
import { registryLoginHandlers } from './registry-login-handlers';
import { registryTrustHandlers } from './registry-trust-handlers';

export function createHandlers(s: Services): Handlers {
  const settings = () => {
    if (!s.settings)
      throw new UnsupportedError('Settings are not available here (Berth was started without a data folder)');
    return s.settings;
  };
  return {
    'engine.status': () => s.watcher.status,
    'system.info': () => s.system.info(),
    'system.version': () => s.system.version(),
    'system.capabilities': () => engineCapabilities(s),
    'system.diskUsage': () => s.system.diskUsage(),
    'system.prunePreview': (a) => s.system.prunePreview(a),
    'system.prune': (a) => s.system.prune(a),
    'system.paths': () => hostPaths(),
    'host.pickFiles': async (a) => {
      if (!s.pickFiles) throw new UnsupportedError('There is no file dialog in a browser: type the path');
      return { paths: await s.pickFiles(a) };
    },

    'containers.list': (a) => s.containers.list(a.all, a.ids),
    'containers.inspect': (a) => s.containers.inspect(a.id),
    'containers.run': async (a) => {
      const result = await s.containers.run(a.spec, a.start, a.operation);
      await rememberRecentImage(s, a.spec.image);
      return result;
    },
    'containers.start': (a) => s.containers.start(a.id),
    'containers.stop': (a) => s.containers.stop(a.id, a.timeout),
    'containers.restart': (a) => s.containers.restart(a.id, a.timeout),
    'containers.kill': (a) => s.containers.kill(a.id, a.signal),
    'containers.pause': (a) => s.containers.pause(a.id),
    'containers.unpause': (a) => s.containers.unpause(a.id),
    'containers.rename': (a) => s.containers.rename(a.id, a.name),
    'containers.remove': (a) => s.containers.remove(a.id, a.force, a.volumes),
    'containers.prune': (a) => s.containers.prune(a.labels),
    'containers.top': (a) => s.containers.top(a.id, a.psArgs),
    'containers.commit': (a) => s.containers.commit(a),
    'containers.update': (a) => s.containers.update(a),
    'containers.copyFrom': (a) => s.containers.copyFrom(a.id, a.path, a.hostDir),
    'containers.copyTo': (a) => s.containers.copyTo(a.id, a.hostPath, a.path),
    'containers.files': (a) => s.containerFiles.list(a.id, a.path),

    ...stackHandlers(s),
    ...adviceHandlers(s),
    ...buildCacheHandlers(s),
    ...buildHandlers(s),
    ...layerHandlers(s),
    ...auditHandlers(s),
    ...registryLoginHandlers(s),
    ...registryBrowseHandlers(s),
    ...engineContextHandlers(s),
    ...registryTrustHandlers(s),

    'images.list': (a) => s.images.list(a.all),
    'images.inspect': (a) => s.images.inspect(a.id),
    'images.history': (a) => s.images.history(a.id),
    'images.pull': async (a) => {
      const result = await s.images.pull(a.reference, a.operation);
      await rememberRecentImage(s, a.reference);
      return result;
    },
    'images.push': (a) => s.images.push(a.reference, a.operation),
    'images.tag': (a) => s.images.tag(a.id, a.reference),
    'images.remove': (a) => s.images.remove(a.id, a.force, a.noPrune),
    'images.prune': (a) => s.images.prune(a.all, a.labels),
    'images.build': (a) => s.images.build(a),
    'operations.cancel': (a) => ({ cancelled: s.operations.cancel(a.operation) }),

    'volumes.list': (a) => s.volumes.list(a.withSize),
    'volumes.create': (a) => s.volumes.create(a),
    'volumes.inspect': (a) => s.volumes.inspect(a.name),
    'volumes.remove': (a) => s.volumes.remove(a.name, a.force),
    'volumes.prune': (a) => s.volumes.prune(a.all, a.labels),
    'volumes.files': (a) => s.volumeFiles.list(a.name, a.path),
    'volumes.copyFrom': (a) => s.volumeFiles.copyFrom(a.name, a.path, a.hostDir),
    'volumes.export': (a) => s.volumeArchives.export(a.name, a.hostPath, a.overwrite),
    'volumes.import': (a) => s.volumeArchives.import(a.name, a.hostPath, a.create, a.labels),
    'volumes.clone': (a) => s.volumeArchives.clone(a.source, a.target, a.labels),

    'networks.list': () => s.networks.list(),
    'networks.create': (a) => s.networks.create(a),
    'networks.inspect': (a) => s.networks.inspect(a.id),
    'networks.connect': (a) => s.networks.connect(a),
    'networks.disconnect': (a) => s.networks.disconnect(a.network, a.container, a.force),
    'networks.remove': (a) => s.networks.remove(a.id),
    'networks.prune': (a) => s.networks.prune(a.labels),

    'logs.open': (a, c) => s.streams.openLogs(c.client, a),
    'logs.replay': (a) => s.streams.replayLogs(a.session),
    'logs.close': (a) => s.sessions.close(a.session, 'logs'),
    'stats.open': (a, c) => s.streams.openStats(c.client, a.id),
    'stats.replay': (a) => s.streams.replayStats(a.session),
    'stats.close': (a) => s.sessions.close(a.session, 'stats'),
    'exec.open': (a, c) => s.streams.openExec(c.client, a),
    'exec.input': (a) => s.streams.writeExec(a.session, a.data),
    'exec.resize': (a) => s.streams.resizeExec(a.session, a.cols, a.rows),
    'exec.replay': (a) => s.streams.replayExec(a.session),
    'exec.close': (a) => s.sessions.close(a.session, 'exec'),
    'terminal.open': (a, c) => s.terminals.open(c.client, a),
    'terminal.input': (a) => s.terminals.write(a.session, a.data),
    'terminal.resize': (a) => s.terminals.resize(a.session, a.cols, a.rows),
    'terminal.replay': (a) => s.terminals.replay(a.session),
    'terminal.close': (a) => s.sessions.close(a.session, 'terminal'),

    'settings.get': () => settings().settings,
    'settings.update': (a) => settings().update(a.patch),
    'dockerCli.context': async () => ({
      ...(await readDockerContext(s.dockerConfigDir)),
      configDir: s.dockerConfigDir,
    }),
    'dockerCli.writeContext': async (a) => {
      await writeDockerContext({ configDir: s.dockerConfigDir, endpoint: s.machine.info.endpoint, use: a.use });
      return { ...(await readDockerContext(s.dockerConfigDir)), configDir: s.dockerConfigDir };
    },

    'machine.info': () => s.machine.info,
    'machine.start': () => s.machine.start(),
    'machine.stop': () => s.machine.stop(),
    'machine.restart': () => s.machine.restart(),
    'machine.reset': () => s.machine.reset(),
    'machine.snapshots.list': () => s.machine.snapshots({ action: 'list' }),
    'machine.snapshots.create': () => s.machine.snapshots({ action: 'create' }),
    'machine.snapshots.restore': (a) => s.machine.snapshots({ action: 'restore', name: a.name }),
    'machine.snapshots.delete': (a) => s.machine.snapshots({ action: 'delete', name: a.name }),
    'machine.logs': async (a) => {
      const file = s.machine.logFile(a.source);
      if (!file) throw new UnsupportedError(`This machine has no ${a.source} log`);
      return tailLog(file, { maxLines: a.lines });
    },
    'diagnostics.collect': (a) => collectDiagnostics(s, a.path, a.overwrite),
  };
}
