// Opens, feeds and closes the logs, stats and exec sessions clients ask for.
import type Dockerode from 'dockerode';
import type { LogBatch, SessionHandle, StatsSample } from '../contract/dto/streams';
import type { ExecRequest, LogsRequest } from '../contract/methods/streams';
import type { EventHub } from './event-hub';
import { ExecSession } from './exec-session';
import type { LogRead } from './container-log-reader';
import { LogsSession } from './logs-session';
import { MergedLogsSession, type LogSource } from './merged-logs-session';
import type { SessionRegistry } from './sessions';
import { StatsSession } from './stats-session';

export class StreamService {
  constructor(
    private readonly docker: Dockerode,
    private readonly hub: EventHub,
    private readonly sessions: SessionRegistry,
  ) {}

  private async register<S extends LogsSession | MergedLogsSession | StatsSession | ExecSession>(
    session: S,
    start: () => Promise<void>,
  ): Promise<SessionHandle> {
    try {
      await start();
    } catch (error) {
      session.close();
      throw error;
    }
    this.sessions.add(session);
    return { session: session.id };
  }

  openLogs(owner: string, request: LogsRequest): Promise<SessionHandle> {
    const session = new LogsSession(owner, this.hub, request.timestamps);
    return this.register(session, () => session.start(this.docker, request));
  }

  /**
   * The logs of several containers as one session, merged in time order; each line says which source wrote it.
   * Returns the session started, for sources to join it.
   */
  async openMergedLogs(
    owner: string,
    sources: readonly LogSource[],
    request: Omit<LogRead, 'id'> & { timestamps: boolean },
  ): Promise<MergedLogsSession> {
    const { timestamps, ...read } = request;
    const session = new MergedLogsSession(owner, this.hub, sources, timestamps);
    await this.register(session, () => session.start(this.docker, read));
    return session;
  }

  replayLogs(id: string): LogBatch {
    return this.sessions.get<LogsSession | MergedLogsSession>(id, 'logs').replay();
  }

  openStats(owner: string, containerId: string): Promise<SessionHandle> {
    const session = new StatsSession(owner, this.hub);
    return this.register(session, () => session.start(this.docker, containerId));
  }

  replayStats(id: string): StatsSample[] {
    return this.sessions.get<StatsSession>(id, 'stats').replay();
  }

  openExec(owner: string, request: ExecRequest): Promise<SessionHandle> {
    const session = new ExecSession(owner, this.hub);
    return this.register(session, () => session.start(this.docker, request));
  }

  writeExec(id: string, data: string): void {
    this.sessions.get<ExecSession>(id, 'exec').write(data);
  }

  resizeExec(id: string, cols: number, rows: number): Promise<void> {
    return this.sessions.get<ExecSession>(id, 'exec').resize(cols, rows);
  }

  replayExec(id: string): string {
    return this.sessions.get<ExecSession>(id, 'exec').replay();
  }
}
