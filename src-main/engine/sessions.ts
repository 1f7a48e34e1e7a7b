// Registry of the stream sessions main owns (logs, stats, exec, host terminals): ids, owners and explicit close.
import { randomBytes } from 'node:crypto';
import type { Session, SessionKind } from '../core/session';
import { NotFoundError } from './errors';

export type { Session, SessionKind } from '../core/session';

export function newSessionId(kind: SessionKind): string {
  return `${kind}-${randomBytes(9).toString('base64url')}`;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  add(session: Session): void {
    this.sessions.set(session.id, session);
  }

  get<S extends Session>(id: string, kind: SessionKind): S {
    const session = this.sessions.get(id);
    if (!session || session.kind !== kind)
      throw new NotFoundError(`no ${kind} session "${id}" (it may have been closed)`);
    return session as S;
  }

  close(id: string, kind: SessionKind): void {
    const session = this.get(id, kind);
    this.sessions.delete(id);
    session.close();
  }

  closeOwnedBy(owner: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.owner === owner) {
        this.sessions.delete(session.id);
        session.close();
      }
    }
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) session.close();
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
