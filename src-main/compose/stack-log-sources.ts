// Which containers a compose project's merged logs read, and the name each one's lines are shown with.
import type { Stack } from '../contract/dto/stacks';
import type { LogSource } from '../engine/merged-logs-session';

/**
 * Every service container (one-offs left out: `compose run` leftovers are not the project's running parts), in
 * service and container-number order. A service with one container is shown by its name alone ("web"), as the
 * compose file says it and as most projects run; a scaled one by name and compose's container number ("web-1",
 * "web-2"), the number its container's name ends with too. The short names keep the prefix column narrow;
 * the project name, the same on every line, is left out.
 */
export function logSourcesOf(stack: Stack): LogSource[] {
  return stack.services.flatMap((service) => {
    const containers = service.containers.filter((c) => !c.oneoff);
    return containers.map((c) => ({
      id: c.id,
      name: containers.length === 1 ? service.name : `${service.name}-${c.number}`,
    }));
  });
}
