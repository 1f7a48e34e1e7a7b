// Binds the compose stack methods to the stack service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type StackHandlers = Pick<Handlers, Extract<keyof Handlers, `stacks.${string}`>>;

export function stackHandlers(s: Services): StackHandlers {
  return {
    'stacks.list': () => s.stacks.list(),
    'stacks.inspect': (a) => s.stacks.inspect(a.name),
    'stacks.compose': () => s.stacks.compose(),
    'stacks.preview': (a) => s.stacks.preview(a),
    'stacks.up': ({ operation, ...files }) => s.stacks.up(files, operation),
    'stacks.removal': (a) => s.stacks.removal(a.name, a.volumes),
    'stacks.down': (a) => s.stacks.down(a.name, a.volumes, a.operation),
    'stacks.run': (a) => s.stacks.run(a.name, a.action, a.services, a.operation),
    'stacks.scale': (a) => s.stacks.scale(a.name, a.service, a.replicas, a.operation),
    'stacks.logs': async ({ name, ...request }, c) => {
      const sources = await s.stacks.logSources(name);
      const opened = sources.sources;
      const session = await s.streams.openMergedLogs(c.client, opened, request);
      if (request.follow) s.stacks.followLogs(name, sources, session);
      return { session: session.id, sources: opened.map((source) => source.name) };
    },
    'stacks.recreate': (a) => s.stacks.recreate(a.name, a.service, a.operation),
  };
}
