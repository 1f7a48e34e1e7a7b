// A volume's size as the UI writes it: bytes, or "—" with why the size is not known.
import type { Volume } from '../../../../src-main/contract/dto/volumes';
import { size } from '../../format';

const WHY_UNKNOWN: Record<NonNullable<Volume['sizeUnknown']>, string> = {
  'not-measured': 'Size not measured yet',
  'not-reported': "This volume's driver does not report its size",
};

export function volumeSize(volume: Pick<Volume, 'size' | 'sizeUnknown'>): { text: string; hint?: string } {
  if (volume.size !== null) return { text: size(volume.size) };
  return { text: '—', hint: WHY_UNKNOWN[volume.sizeUnknown ?? 'not-measured'] };
}
