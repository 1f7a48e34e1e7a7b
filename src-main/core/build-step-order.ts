// The order a build's steps are shown in: when they started (not yet started last), then their number in their
// stage ("[app 2/3]"), so cached steps, which all start at once, read in Dockerfile order.
import type { BuildStep } from '../contract/dto/builds';

const NUMBER = /^\[(?:[^\]\s]+ )?(\d+)\/\d+\]/;

function sortKey(step: Pick<BuildStep, 'started' | 'name'>): [number, number] {
  const started = step.started ? Date.parse(step.started) : Number.MAX_SAFE_INTEGER;
  return [started, Number(NUMBER.exec(step.name)?.[1] ?? 0)];
}

export function compareSteps(a: Pick<BuildStep, 'started' | 'name'>, b: Pick<BuildStep, 'started' | 'name'>): number {
  const [ka, kb] = [sortKey(a), sortKey(b)];
  return ka[0] - kb[0] || ka[1] - kb[1];
}
