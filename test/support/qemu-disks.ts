// The setup disk tests share: qemu-img and QEMU found (installed) once, each test's temp folder and QEMU gone after it.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { QmpClient } from '../../src-main/machine/qmp-client';
import { ensureQemu, makeTempFolder, spawnQemu, stopQemu, type TempFolder } from './qemu';

export interface QemuDisks {
  /** qemu-img's path (after beforeAll). */
  readonly qemuImgPath: string;
  /** A fresh temp folder for the current test, removed after it. */
  folder(prefix?: string): TempFolder;
  /** A QEMU (no guest) holding `path` open for writing as drive "data", as the VM does; its QMP client. */
  holdOpen(path: string): Promise<QmpClient>;
}

export function useQemuDisks(): QemuDisks {
  let qemuImgPath = '';
  let qemuBinary = '';
  const folders: TempFolder[] = [];
  const running: ChildProcess[] = [];
  beforeAll(async () => {
    const binaries = await ensureQemu();
    qemuImgPath = binaries['qemu-img'];
    qemuBinary = binaries['qemu-system-x86_64'];
  });
  afterEach(async () => {
    for (const child of running.splice(0)) await stopQemu(child);
    for (const folder of folders.splice(0)) folder.remove();
  });
  return {
    get qemuImgPath() {
      return qemuImgPath;
    },
    folder(prefix = 'berth-disk-') {
      const folder = makeTempFolder(prefix);
      folders.push(folder);
      return folder;
    },
    async holdOpen(path) {
      const qmpPath = join(path, '..', 'qmp.sock');
      running.push(
        spawnQemu(qemuBinary, [
          ...['-M', 'none', '-nodefaults', '-nographic'],
          ...['-drive', `if=none,id=data,format=qcow2,file=${path}`],
          ...['-qmp', `unix:${qmpPath},server=on,wait=off`],
        ]),
      );
      return QmpClient.connect(qmpPath, { timeoutMs: 20_000 });
    },
  };
}
