// Properties of compose projects read from container labels: any labels give stacks that account for every container once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPOSE_LABEL, namesByProject, stacksFromContainers } from '../../../src-main/compose/compose-labels';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { RUNS } from './parse-outcome';

const labelValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a', 'b', 'True', 'False', '1', '-2', 'x,,y'),
);
const labels = fc.record(
  {
    [COMPOSE_LABEL.project]: labelValue,
    [COMPOSE_LABEL.service]: labelValue,
    [COMPOSE_LABEL.number]: labelValue,
    [COMPOSE_LABEL.oneoff]: labelValue,
    [COMPOSE_LABEL.configFiles]: labelValue,
    [COMPOSE_LABEL.workingDir]: labelValue,
    __proto__: labelValue,
  },
  { requiredKeys: [] },
);
const container = fc.record({
  id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 4, maxLength: 8 }),
  name: fc.string({ maxLength: 8 }),
  created: fc.integer({ min: 0, max: 2_000_000_000 }),
  state: fc.constantFrom('running', 'exited', 'paused', 'created'),
  labels,
});

function summary(c: typeof container extends fc.Arbitrary<infer T> ? T : never): ContainerSummary {
  return {
    ...c,
    labels: c.labels as Record<string, string>,
    image: 'busybox',
    imageId: 'sha256:0',
    command: 'sh',
    status: '',
    health: 'none',
    ports: [],
    mounts: [],
    networks: [],
    berthOwned: false,
  } as ContainerSummary;
}

describe('stacksFromContainers (properties)', () => {
  it('puts every container with a project label in its project once, and counts running among the rest', () => {
    fc.assert(
      fc.property(fc.array(container, { maxLength: 12 }), (raw) => {
        const containers = raw.map(summary);
        const stacks = stacksFromContainers(containers, { networks: new Map(), volumes: new Map() });
        const inProjects = containers.filter((c) => c.labels[COMPOSE_LABEL.project]);
        const placed = stacks.flatMap((s) =>
          s.services.flatMap((svc) => svc.containers.map((c) => `${s.name}/${c.id}`)),
        );
        expect(placed.sort()).toEqual(inProjects.map((c) => `${c.labels[COMPOSE_LABEL.project]}/${c.id}`).sort());
        for (const stack of stacks) {
          expect(stack.running).toBeLessThanOrEqual(stack.total);
          expect(Number.isFinite(stack.running + stack.total)).toBe(true);
          for (const svc of stack.services)
            for (const c of svc.containers) expect(Number.isFinite(c.number)).toBe(true);
        }
        expect(new Set(stacks.map((s) => s.name)).size).toBe(stacks.length);
        expect([...namesByProject(containers).keys()].sort()).toEqual(
          [...new Set(inProjects.map((c) => c.labels[COMPOSE_LABEL.project]))].sort(),
        );
      }),
      RUNS,
    );
  });
});
