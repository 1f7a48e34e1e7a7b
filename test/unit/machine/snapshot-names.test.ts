import { describe, expect, it } from 'vitest';
import { parseSnapshotList, snapshotName } from '../../../src-main/machine/snapshots/snapshot-names';

/** `qemu-img info --output=json` of a disk with these snapshots, as qemu-img 7.2 prints it. */
function info(snapshots: object[] | undefined): string {
  return JSON.stringify({ 'virtual-size': 1073741824, format: 'qcow2', ...(snapshots ? { snapshots } : {}) });
}
const raw = (name: string, dateSec: number, id = '1') => ({
  icount: 0,
  'vm-clock-nsec': 0,
  name,
  'date-sec': dateSec,
  'date-nsec': 94710000,
  'vm-clock-sec': 0,
  id,
  'vm-state-size': 0,
});

describe('snapshot names', () => {
  it('say the reason and the time, and which VM image before one boots', () => {
    const at = new Date('2026-12-07T11:31:00.250Z');
    expect(snapshotName('manual', at)).toBe('manual 2026-12-07T11:31:00.250Z');
    expect(snapshotName('before-vm-image', at, 'trixie built 2026-12-07 54bb9acfd51e')).toBe(
      'before-vm-image 2026-12-07T11:31:00.250Z for trixie built 2026-12-07 54bb9acfd51e',
    );
  });

  it('are read back into reason, time and image, newest first', () => {
    const list = parseSnapshotList(
      info([
        raw('manual 2026-12-01T08:00:00.000Z', 1796112000, '1'),
        raw('before-vm-image 2026-12-07T11:31:00.250Z for trixie built 2026-12-07 54bb9acfd51e', 1796650000, '2'),
      ]),
    );
    expect(list).toEqual([
      {
        name: 'before-vm-image 2026-12-07T11:31:00.250Z for trixie built 2026-12-07 54bb9acfd51e',
        reason: 'before-vm-image',
        createdAt: '2026-12-07T11:31:00.250Z',
        vmImage: 'trixie built 2026-12-07 54bb9acfd51e',
      },
      { name: 'manual 2026-12-01T08:00:00.000Z', reason: 'manual', createdAt: '2026-12-01T08:00:00.000Z' },
    ]);
  });

  it("list a snapshot made by hand as manual, dated by qemu-img's record", () => {
    expect(parseSnapshotList(info([raw('before the big upgrade', 1796642879)]))).toEqual([
      { name: 'before the big upgrade', reason: 'manual', createdAt: '2026-12-07T11:27:59.094Z' },
    ]);
  });

  it('are none for a disk without snapshots, and a garbled list is an error, not a crash later', () => {
    expect(parseSnapshotList(info(undefined))).toEqual([]);
    expect(() => parseSnapshotList(JSON.stringify({ snapshots: 'yes' }))).toThrow(/not a list/);
    expect(() => parseSnapshotList('qemu-img: oops')).toThrow();
  });
});
