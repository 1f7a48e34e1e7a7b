// What every stream session main owns looks like (logs, stats, exec, host terminal): an id, an owner, explicit close.

export type SessionKind = 'logs' | 'stats' | 'exec' | 'terminal';

export interface Session {
  readonly id: string;
  readonly kind: SessionKind;
  /** The client (transport connection) that opened it; its sessions close when it goes. */
  readonly owner: string;
  close(): void;
}
