// How a compose preview is worded: ports as "8080:80", unset variables as a warning, plan actions in words.
import type { PlanStep, PreviewPort, PreviewService } from '../../../../src-main/contract/dto/stacks';

/** "127.0.0.1:8080:80", "8080:80/udp", or "80" when the port is not published. */
export function previewPortText(p: PreviewPort): string {
  const protocol = p.protocol && p.protocol !== 'tcp' ? `/${p.protocol}` : '';
  if (!p.published) return `${p.target}${protocol}`;
  const ip = p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : '';
  return `${ip}${p.published}:${p.target}${protocol}`;
}

export function unresolvedText(variable: string): string {
  return `${variable} is not set: it becomes an empty string`;
}

/** The image a service runs, or what it builds. */
export function serviceSource(s: Pick<PreviewService, 'image' | 'build'>): string {
  if (s.build) return s.image ? `build → ${s.image}` : 'build';
  return s.image ?? '—';
}

export const PLAN_WORDS: Record<PlanStep['action'], string> = {
  create: 'Create',
  recreate: 'Recreate',
  start: 'Start',
  keep: 'Keep',
  pull: 'Pull',
  build: 'Build',
  remove: 'Remove',
};
