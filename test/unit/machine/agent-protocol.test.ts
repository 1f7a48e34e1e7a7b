import { describe, expect, it } from 'vitest';
import { agentRequestSchema } from '../../../src-main/machine/agent-protocol';

describe('agent requests for snapshots', () => {
  it('name the snapshot to restore or delete, and only then', () => {
    expect(agentRequestSchema.safeParse({ id: 1, method: 'snapshots.list' }).success).toBe(true);
    expect(agentRequestSchema.safeParse({ id: 2, method: 'snapshots.restore', name: 'manual x' }).success).toBe(true);
    const unnamed = agentRequestSchema.safeParse({ id: 3, method: 'snapshots.delete' });
    expect(unnamed.success).toBe(false);
    expect(unnamed.error?.issues[0]).toMatchObject({
      path: ['name'],
      message: 'restoring or deleting a snapshot needs its name',
    });
    expect(agentRequestSchema.safeParse({ id: 4, method: 'snapshots.restore', name: '' }).success).toBe(false);
  });
});
