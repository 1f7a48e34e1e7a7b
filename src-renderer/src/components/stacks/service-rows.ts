// A stack's services table: each service as a group row with its containers under it (one-offs last).
import type { Stack, StackContainer, StackService } from '../../../../src-main/contract/dto/stacks';
import { compareNames } from '../../format';
import type { TableRow } from '../table-types';

export type ServiceRow =
  | { kind: 'service'; service: StackService; total: number }
  | { kind: 'container'; service: string; container: StackContainer };

export function serviceRows(stack: Pick<Stack, 'services'>): TableRow<ServiceRow>[] {
  return [...stack.services]
    .sort((a, b) => compareNames(a.name, b.name))
    .flatMap((service) => {
      const containers = [...service.containers].sort(
        (a, b) => Number(a.oneoff) - Number(b.oneoff) || a.number - b.number || compareNames(a.name, b.name),
      );
      const total = containers.filter((c) => !c.oneoff).length;
      return [
        { key: `service:${service.name}`, kind: 'group' as const, depth: 0, data: { kind: 'service', service, total } },
        ...containers.map((container) => ({
          key: container.id,
          kind: 'item' as const,
          depth: 1,
          data: { kind: 'container', service: service.name, container } as ServiceRow,
        })),
      ];
    });
}
