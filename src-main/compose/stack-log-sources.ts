// Which containers a compose project's merged logs read, and the name each one's lines are shown with.
import type { Stack } from '../contract/dto/stacks';
import type { LogSource } from '../engine/merged-logs-session';

/** A service container as the merged logs know it. */
export interface StackLogMember {
  id: string;
  service: string;
  /** Compose's container number (label com.docker.compose.container-number). */
  number: number;
}

/** The project's service containers (one-offs left out), in service and container-number order. */
export function membersOf(stack: Stack): StackLogMember[] {
  return stack.services.flatMap((service) =>
    service.containers
      .filter((c) => !c.oneoff)
      .sort((a, b) => a.number - b.number)
      .map((c) => ({ id: c.id, service: service.name, number: c.number })),
  );
}

/**
 * Every service container (one-offs left out: `compose run` leftovers are not the project's running parts), first
 * in service and container-number order, then the containers that joined while following, in the order they did.
 * A service that has had one container number in the session is shown by its name alone ("web"), as the compose
 * file says it and as most projects run; one that has had more by name and compose's container number ("web-1",
 * "web-2"), the number its container's name ends with too, also when some of them are gone again. A container that
 * replaced another (a recreate: the same number) has its name. The short names keep the prefix column narrow; the
 * project name, the same on every line, is left out.
 */
export class StackLogSources {
  private readonly members: StackLogMember[];

  constructor(stack: Stack) {
    this.members = membersOf(stack);
  }

  /** Adds a container that started; false when it is one already. */
  add(member: StackLogMember): boolean {
    if (this.members.some((m) => m.id === member.id)) return false;
    this.members.push(member);
    return true;
  }

  get sources(): LogSource[] {
    const numbers = new Map<string, Set<number>>();
    for (const m of this.members) numbers.set(m.service, (numbers.get(m.service) ?? new Set()).add(m.number));
    return this.members.map((m) => ({
      id: m.id,
      name: numbers.get(m.service)!.size === 1 ? m.service : `${m.service}-${m.number}`,
    }));
  }
}
