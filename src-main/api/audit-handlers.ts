// Binds the image audit methods to the image audit service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type AuditHandlers = Pick<Handlers, Extract<keyof Handlers, `audit.${string}`>>;

export function auditHandlers(s: Services): AuditHandlers {
  return {
    'audit.catalogue': (a) => s.audit.catalogue(a.id, a.operation),
    'audit.scan': (a) => s.audit.scan(a.id, a.operation),
    'audit.exportSbom': (a) => s.audit.exportSbom(a.id, a.format, a.hostPath, a.overwrite),
    'audit.importDatabase': (a) => s.audit.importDatabase(a.path, a.operation),
    'audit.databaseStatus': () => s.audit.databaseStatus(),
  };
}
