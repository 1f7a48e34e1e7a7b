// The qemu backend: boots Berth's Linux VM, waits for SSH and the engine, and keeps the tunnel (socket + ports) up.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DiskSnapshotList, DiskSnapshotRequest, MachineResources, MachineStatus } from '../contract/dto/machine';
import { errorMessage } from '../core/error-message';
import { engineAddressFor } from '../core/host-socket';
import { settlesWithin } from '../core/settles-within';
import { dockerConfigDir } from '../tunnel/docker-context';
import { wipeDataDisk } from './data-disk';
import { MachineRefusedError, type Machine, type SshTarget } from './machine';
import { MachineStateHolder } from './machine-state-holder';
import type { QemuBootSettings, QemuMachineOptions } from './qemu-machine-options';
import { qemuCommandForBoot, type BootPlumbing } from './qemu-command';
import { QmpClient } from './qmp-client';
import { QmpUdpForwarding } from './qmp-udp-forwarding';
import { GuestTunnel, type IdlePauseControl } from './guest-tunnel';
import { stopVirtiofsds, type Virtiofsd } from './home-share';
import { prepareBootFiles, writeSshTarget } from './qemu-boot-files';
import { consolePanic, consoleTail, crashReason } from './vm-console';
import type { VmAssets } from './vm-assets';
import { carryOutSnapshotRequest } from './snapshots/machine-snapshots';

/** How long a dropped SSH connection waits for QEMU's exit to explain it, in ms. */
const SSH_LOSS_GRACE_MS = 500;

/**
 * Berth's VM. `start()` prepares the disks and keys, boots QEMU, logs in over SSH (the only
 * proof the guest is up: user-mode networking accepts connections before sshd listens), waits for
 * the engine through the forwarded socket, then forwards published ports. QEMU dying without
 * being asked (killed, crashed, guest powered off) moves the machine to `error` at once, except
 * that a guest kernel panic during a start boots once more (with a warning): under emulation a
 * rare panic is the emulator's, and the data disk is journalled.
 */
export class QemuMachine implements Machine {
  readonly kind = 'qemu' as const;
  readonly consoleLogPath: string;

  private readonly options: QemuMachineOptions;
  private readonly holder = new MachineStateHolder();
  private qemu: ChildProcess | undefined;
  private qemuExit: Promise<void> | undefined;
  private qmp: QmpClient | undefined;
  private tunnel: GuestTunnel | undefined;
  private sshTarget: SshTarget | undefined;
  private virtiofsds: Virtiofsd[] = [];
  /** What the current (or last) boot was given; the options until the first boot. */
  private settings: QemuBootSettings;
  /** Set while a start is under way; aborted by stop(). */
  private booting: AbortController | undefined;
  /** Why the VM went away while a start was under way; the start reports it (or boots again after a panic). */
  private lostWhileBooting: string | undefined;
  private stopping = false;
  /** Set while a snapshot is taken, restored or deleted: the user's start, restart and reset wait for it (refused). */
  private snapshotWork: Promise<DiskSnapshotList> | undefined;

  constructor(options: QemuMachineOptions) {
    this.options = options;
    const { resources, idlePauseMs, exposePortsOnAllInterfaces, daemonJson, registryTrust, sharedFolders } = options;
    this.settings = { resources, idlePauseMs, exposePortsOnAllInterfaces, daemonJson, registryTrust, sharedFolders };
    this.consoleLogPath = options.home.consoleLog;
  }

  /** What the running VM was given (or the last boot, or what the next boot gets until it has read its settings). */
  get resources(): MachineResources {
    return this.settings.resources;
  }

  get status(): MachineStatus {
    return this.holder.status;
  }

  get endpoint(): string | undefined {
    return this.holder.status.state === 'running' ? engineAddressFor(this.options.home.dockerSocket) : undefined;
  }

  get ssh(): SshTarget | undefined {
    return this.holder.status.state === 'running' ? this.sshTarget : undefined;
  }

  onStatus(listener: (status: MachineStatus) => void): () => void {
    return this.holder.onStatus(listener);
  }

  async start(): Promise<void> {
    this.refuseDuringSnapshotWork();
    await this.startNow();
  }

  async stop(): Promise<void> {
    if (this.holder.status.state === 'error' && !this.qemu) {
      this.holder.apply({ type: 'stopped' });
      return;
    }
    this.holder.require({ type: 'stop-requested' });
    this.stopping = true;
    this.booting?.abort();
    try {
      await this.shutDown();
      this.holder.apply({ type: 'stopped' });
    } catch (error) {
      this.holder.apply({ type: 'stop-failed', reason: errorMessage(error) });
      throw error;
    } finally {
      this.stopping = false;
    }
  }

  async restart(): Promise<void> {
    this.refuseDuringSnapshotWork();
    if (this.holder.status.state !== 'stopped') await this.stop();
    await this.start();
  }

  async reset(): Promise<void> {
    this.refuseDuringSnapshotWork();
    const { state } = this.holder.status;
    if (state === 'running' || state === 'error') await this.stop();
    this.holder.require({ type: 'reset-requested' });
    let settings: QemuBootSettings;
    try {
      // The new disk has the size of the settings now: a reset is how a disk gets smaller.
      settings = await this.readSettings();
    } catch (error) {
      this.holder.apply({ type: 'start-failed', reason: errorMessage(error) });
      throw error;
    }
    try {
      await wipeDataDisk(this.options.home.dataDisk, settings.resources.diskGiB);
    } catch (error) {
      this.holder.apply({ type: 'start-failed', reason: `Could not wipe the data disk: ${errorMessage(error)}` });
      throw error;
    }
    await this.boot(settings);
  }

  async snapshots(request: DiskSnapshotRequest): Promise<DiskSnapshotList> {
    if (request.action === 'list') return carryOutSnapshotRequest(request, this.snapshotHost());
    this.refuseDuringSnapshotWork();
    const work = carryOutSnapshotRequest(request, this.snapshotHost());
    this.snapshotWork = work;
    try {
      return await work;
    } finally {
      this.snapshotWork = undefined;
    }
  }

  async dispose(): Promise<void> {
    await this.tunnel?.close();
    await this.qmp?.close();
  }

  private async startNow(): Promise<void> {
    this.holder.require({ type: 'start-requested' });
    await this.boot();
  }

  private refuseDuringSnapshotWork(): void {
    if (this.snapshotWork) {
      throw new MachineRefusedError(
        'conflict',
        'A snapshot of the data disk is being taken or restored; try again once it is done',
      );
    }
  }

  private snapshotHost() {
    return {
      diskPath: this.options.home.dataDisk,
      state: () => this.holder.status.state,
      stop: () => this.stop(),
      start: () => this.startNow(),
      createLive: async (name: string) => {
        if (!this.tunnel) throw new MachineRefusedError('conflict', 'The VM is not connected; try again once it runs');
        await this.tunnel.withDataDiskFrozen(() =>
          this.liveQmp().execute('blockdev-snapshot-internal-sync', { device: 'data', name }),
        );
      },
      deleteLive: async (name: string) =>
        void (await this.liveQmp().execute('blockdev-snapshot-delete-internal-sync', { device: 'data', name })),
    };
  }

  /**
   * Everything from a stopped machine to a running engine, with `preset` or else freshly read
   * settings; on failure QEMU is stopped and the state is `error`.
   */
  private async boot(preset?: QemuBootSettings, againAfterPanic = true): Promise<void> {
    const abort = new AbortController();
    this.booting = abort;
    const deadline = Date.now() + (this.options.bootTimeoutMs ?? 300_000);
    const { home } = this.options;
    try {
      // Read before the first progress event, so every status from here on comes with these resources.
      const settings = preset ?? (await this.readSettings());
      this.settings = settings;
      const { assets, plumbing, relaySecret } = await prepareBootFiles(
        this.options,
        settings,
        {
          onStep: (step) => this.holder.apply({ type: 'progress', step }),
          onVirtiofsds: (virtiofsds) => (this.virtiofsds = virtiofsds),
          onWarning: this.options.onWarning,
        },
        abort.signal,
      );
      const { sshPort, relayPort, keys } = plumbing;
      this.holder.apply({ type: 'progress', step: 'Starting QEMU' });
      await this.launchQemu(assets, settings, plumbing);
      this.qmp = await QmpClient.connect(join(home.runDir, 'qmp.sock'), {
        timeoutMs: 10_000,
        signal: abort.signal,
      });

      this.holder.apply({ type: 'progress', step: 'Waiting for SSH' });
      this.tunnel = await GuestTunnel.open({
        sshPort,
        relay: { port: relayPort, secret: relaySecret },
        keys,
        dockerSocket: this.options.home.dockerSocket,
        internalSocket: this.options.home.internalSocket,
        deadline,
        signal: abort.signal,
        exposePortsOnAllInterfaces: settings.exposePortsOnAllInterfaces ?? false,
        dockerConfigDir: this.options.dockerConfigDir ?? dockerConfigDir(),
        onPortConflict: (conflict) => this.options.onPortConflict?.(conflict),
        onStep: (step) => this.holder.apply({ type: 'progress', step }),
        onLost: (reason) => void this.sshLost(reason),
        onReconnecting: (reason) => void this.sshDropped(reason),
        onReconnected: (downMs) =>
          this.options.onWarning?.(`The SSH connection to the VM is back after ${(downMs / 1000).toFixed(1)} s`),
        onTrimFailed: (reason) => this.options.onWarning?.(`Could not trim the data disk: ${reason}`),
        idlePause: this.idlePauseControl(settings.idlePauseMs),
        udp: new QmpUdpForwarding(() => this.liveQmp()),
      });
      this.sshTarget = await writeSshTarget(home.runDir, keys, sshPort);
      abort.signal.throwIfAborted();
      this.holder.apply({ type: 'started' });
    } catch (error) {
      if (abort.signal.aborted && this.stopping)
        throw new MachineRefusedError('conflict', 'The start was cancelled by a stop');
      const reason = this.lostWhileBooting ?? (await this.failureReason(error));
      this.lostWhileBooting = undefined;
      const panic = await consolePanic(this.consoleLogPath);
      await this.shutDown().catch(() => undefined);
      if (panic && againAfterPanic && !this.stopping) {
        this.options.onWarning?.(`The VM's kernel crashed while starting (${panic}); starting it once more`);
        return this.boot(this.settings, false);
      }
      this.holder.apply({ type: 'start-failed', reason });
      throw new Error(reason, { cause: error });
    } finally {
      if (this.booting === abort) this.booting = undefined;
    }
  }

  /** The settings for a boot: `configure`'s, or the options'. */
  private async readSettings(): Promise<QemuBootSettings> {
    if (!this.options.configure) return this.settings;
    try {
      return await this.options.configure();
    } catch (error) {
      throw new Error(`Could not read the machine's settings: ${errorMessage(error)}`, { cause: error });
    }
  }

  private async launchQemu(assets: VmAssets, settings: QemuBootSettings, plumbing: BootPlumbing): Promise<void> {
    const command = await qemuCommandForBoot(this.options, assets, settings, plumbing);
    const qemu = spawn(command.binary, command.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    qemu.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
    this.qemu = qemu;
    this.qemuExit = new Promise((resolve) => {
      // A QEMU Berth gave up on (see lost()) is no longer `this.qemu`: its exit is not news.
      qemu.once('exit', (code, signal) => {
        const ours = this.qemu === qemu;
        if (ours) this.qemu = undefined;
        resolve();
        if (ours && !this.stopping) void this.crashed(code, signal, stderr);
      });
      qemu.once('error', (error) => {
        const ours = this.qemu === qemu;
        if (ours) this.qemu = undefined;
        resolve();
        if (ours && !this.stopping) this.lost(`QEMU could not be started (${command.binary}): ${error.message}`);
      });
    });
  }

  private liveQmp(): QmpClient {
    if (!this.qmp || this.qmp.closed) throw new Error('QEMU is not running');
    return this.qmp;
  }

  /** How the tunnel pauses and resumes this VM when idle; undefined when idle pause is off. */
  private idlePauseControl(idleMs: number | undefined): IdlePauseControl | undefined {
    if (!idleMs) return undefined;
    return {
      idleMs,
      freeze: async () => void (await this.liveQmp().execute('stop')),
      thaw: async () => void (await this.liveQmp().execute('cont')),
      onPausedChange: (paused) => this.holder.apply({ type: paused ? 'paused' : 'resumed' }),
      onError: (error) => this.options.onWarning?.(`Idle pause: ${error.message}`),
    };
  }

  /** QEMU went away on its own: say why, from its exit and the end of the console log. */
  private async crashed(code: number | null, signal: NodeJS.Signals | null, stderr: string): Promise<void> {
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    this.lost(await crashReason(this.consoleLogPath, how, stderr));
  }

  /**
   * The SSH connection dropped. When QEMU died, the connection drops first; give its exit a moment
   * so the reason names what happened to the VM, not its symptom.
   */
  private async sshLost(reason: string): Promise<void> {
    if (await this.exitWithin(SSH_LOSS_GRACE_MS)) return;
    this.lost(reason);
  }

  /** The SSH connection dropped and the tunnel logs in again; worth a warning unless QEMU's exit explains it. */
  private async sshDropped(reason: string): Promise<void> {
    if (await this.exitWithin(SSH_LOSS_GRACE_MS)) return;
    this.options.onWarning?.(`The SSH connection to the VM dropped (${reason}); logging in again`);
  }

  /** The VM or its connection is gone while starting or running: tear down what is left and report it. */
  private lost(reason: string): void {
    if (this.stopping) return;
    if (this.booting) this.lostWhileBooting = reason;
    this.booting?.abort();
    const tunnel = this.tunnel;
    this.tunnel = undefined;
    void tunnel?.close();
    const qemu = this.qemu;
    this.qemu = undefined;
    qemu?.kill('SIGKILL');
    for (const virtiofsd of this.virtiofsds) virtiofsd.process.kill('SIGKILL');
    this.virtiofsds = [];
    // A start under way reports the loss itself, once it has unwound.
    if (!this.booting) this.holder.apply({ type: 'crashed', reason });
  }

  /** Powers the guest down (ACPI power button), then quits or kills QEMU if it does not go in time. */
  private async shutDown(): Promise<void> {
    const tunnel = this.tunnel;
    this.tunnel = undefined;
    await tunnel?.close();
    const qemu = this.qemu;
    if (qemu && this.qmp && !this.qmp.closed) {
      this.holder.apply({ type: 'progress', step: 'Shutting down the VM' });
      await this.qmp.execute('system_powerdown').catch(() => undefined);
      if (await this.exitWithin(this.options.powerdownTimeoutMs ?? 30_000)) return this.forget();
    }
    if (this.qemu) {
      this.holder.apply({ type: 'progress', step: 'Stopping QEMU' });
      this.qemu.kill('SIGKILL');
      await this.qemuExit;
    }
    await this.forget();
  }

  private async forget(): Promise<void> {
    // virtiofsd leaves when QEMU disconnects; one that is still there after QEMU is gone is stuck.
    const virtiofsds = this.virtiofsds;
    this.virtiofsds = [];
    await stopVirtiofsds(virtiofsds);
    await this.qmp?.close();
    this.qmp = undefined;
    this.sshTarget = undefined;
  }

  private async exitWithin(ms: number): Promise<boolean> {
    return !this.qemuExit || settlesWithin(this.qemuExit, ms);
  }

  private async failureReason(error: unknown): Promise<string> {
    const message = errorMessage(error);
    const tail = await consoleTail(this.consoleLogPath);
    return tail && !this.qemu ? `${message}; the console ended with: ${tail}` : message;
  }
}
