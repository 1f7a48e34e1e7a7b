// "Collect diagnostics": what goes into the zip (versions, settings, the machine, its logs, docker info), from the services.
import { arch, release, type } from 'node:os';
import type { DiagnosticsReport } from '../contract/dto/machine';
import { writeDiagnosticsZip } from '../host/diagnostics';
import type { Services } from './services';

/** Writes the diagnostics zip to `path`, with everything the services can tell about this Berth. */
export function collectDiagnostics(s: Services, path: string, overwrite: boolean): Promise<DiagnosticsReport> {
  const machine = s.machine.info;
  const logs = machine.logs.flatMap((source) => {
    const file = s.machine.logFile(source);
    return file ? [{ name: `${source}.log`, path: file }] : [];
  });
  return writeDiagnosticsZip(
    path,
    {
      versions: {
        Berth: s.appVersion,
        Node: process.versions.node,
        ...(process.versions.electron ? { Electron: process.versions.electron } : {}),
        OS: `${type()} ${release()} (${arch()})`,
        Engine: s.watcher.status.version ?? 'not connected',
      },
      settings: s.settings?.settings ?? 'no settings here',
      machine,
      engine: async () => ({ info: await s.docker.info(), version: await s.docker.version() }),
      logs,
    },
    { overwrite },
  );
}
