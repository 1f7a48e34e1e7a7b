// The machine the agent runs (Berth's VM or the host's engine), controlled over the agent's socket, as the CLI does.
import type { DiskSnapshotList, DiskSnapshotRequest, MachineInfo, MachineLogSource } from '../contract/dto/machine';
import { engineAddressFor } from '../core/host-socket';
import type { AgentClient } from './agent-client';
import type { MachineSnapshot } from './agent-protocol';
import type { SshTarget } from './machine';
import { hostResources, type MachineControl } from './machine-control';
import type { MachineHome } from './machine-home';

/**
 * The agent exits once its machine was stopped through it; the next start finds or starts a new
 * one with `connect` (cli/agent-launcher's ensureAgent), so the app and the CLI always share one.
 */
export class AgentMachineControl implements MachineControl {
  private snapshot: MachineSnapshot;
  private client: AgentClient | undefined;
  private unwatch: (() => void) | undefined;
  private readonly host = hostResources();
  private readonly listeners = new Set<(info: MachineInfo) => void>();
  private disposed = false;

  private constructor(
    private readonly connect: () => Promise<AgentClient>,
    private readonly home: MachineHome,
    first: MachineSnapshot,
  ) {
    this.snapshot = first;
  }

  /** Connects with `connect` and follows that agent's machine. */
  static async follow(connect: () => Promise<AgentClient>, home: MachineHome): Promise<AgentMachineControl> {
    const client = await connect();
    const control = new AgentMachineControl(connect, home, await client.request('status'));
    await control.attach(client);
    return control;
  }

  get info(): MachineInfo {
    const { kind, status, resources, endpoint } = this.snapshot;
    return {
      kind,
      status,
      ...(resources ? { resources } : {}),
      endpoint: endpoint ?? engineAddressFor(this.home.dockerSocket),
      host: this.host,
      logs: kind === 'qemu' ? ['console', 'engine', 'agent'] : ['agent'],
    };
  }

  onChange(listener: (info: MachineInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start = () => this.ask('start');
  stop = () => this.ask('stop');
  restart = () => this.ask('restart');
  reset = () => this.ask('reset');

  async snapshots(request: DiskSnapshotRequest): Promise<DiskSnapshotList> {
    if (!this.client) await this.attach(await this.connect());
    const name = request.action === 'restore' || request.action === 'delete' ? request.name : undefined;
    const reply = await this.client!.requestSnapshots(`snapshots.${request.action}`, name);
    this.update(reply.snapshot);
    return reply.snapshots;
  }

  sshTarget(): SshTarget | undefined {
    return this.snapshot.status.state === 'running' ? this.snapshot.ssh : undefined;
  }

  logFile(source: MachineLogSource): string | undefined {
    if (source === 'agent') return this.home.agentLog;
    if (this.snapshot.kind !== 'qemu') return undefined;
    return source === 'console' ? this.snapshot.consoleLogPath : this.home.engineLog;
  }

  dispose(): void {
    this.disposed = true;
    this.unwatch?.();
    this.listeners.clear();
    this.client?.close();
  }

  private async ask(method: 'start' | 'stop' | 'restart' | 'reset'): Promise<void> {
    if (!this.client) await this.attach(await this.connect());
    this.update(await this.client!.request(method));
  }

  private async attach(client: AgentClient): Promise<void> {
    this.client = client;
    this.unwatch = client.onStatus((snapshot) => this.update(snapshot));
    void client.closed().then(() => {
      if (this.client !== client) return;
      this.unwatch?.();
      this.client = undefined;
      // The agent is gone (it stops with its machine, or was killed): nothing runs now.
      if (!this.disposed) this.update({ ...this.snapshot, status: { state: 'stopped' } });
    });
    this.update(await client.request('watch'));
  }

  private update(snapshot: MachineSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(this.info);
  }
}
