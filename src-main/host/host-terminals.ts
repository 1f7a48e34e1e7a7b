// Opens, feeds and closes host terminal sessions for clients; each is registered with the other stream sessions.
import type { SessionHandle } from '../contract/dto/streams';
import { hostShellFor } from '../core/host-shell';
import type { Session } from '../core/session';
import { HostTerminalSession, type TerminalOutput } from './host-terminal';

/** What the service needs of the session registry (SessionRegistry has it). */
export interface TerminalRegistry {
  add(session: HostTerminalSession): void;
  get<S extends Session>(id: string, kind: 'terminal'): S;
}

export class HostTerminalService {
  constructor(
    private readonly sessions: TerminalRegistry,
    private readonly output: TerminalOutput,
    /** The engine address the shell's DOCKER_HOST points at, e.g. unix:///…/docker.sock. */
    private readonly engineAddress: () => string,
  ) {}

  open(owner: string, size: { cols: number; rows: number }): SessionHandle {
    const shell = hostShellFor(process.env, process.platform, this.engineAddress());
    let session: HostTerminalSession;
    try {
      session = new HostTerminalSession(owner, shell, size, this.output);
    } catch (error) {
      throw new Error(`Could not start ${shell.file}: ${(error as Error).message}`, { cause: error });
    }
    this.sessions.add(session);
    return { session: session.id };
  }

  write(id: string, data: string): void {
    this.sessions.get<HostTerminalSession>(id, 'terminal').write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.sessions.get<HostTerminalSession>(id, 'terminal').resize(cols, rows);
  }

  replay(id: string): string {
    return this.sessions.get<HostTerminalSession>(id, 'terminal').replay();
  }
}
