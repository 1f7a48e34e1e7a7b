// One rpm header blob, as the rpm database stores each installed package (big-endian: index count, data length,
// index entries of tag/type/offset/count, then the data): the package found in it, gpg-pubkey pseudo packages skipped.
import type { FoundPackage } from './found-package';

const TAGS = { name: 1000, version: 1001, release: 1002, epoch: 1003, license: 1014, arch: 1022, sourceRpm: 1044 };
const INT32_TYPE = 4;
const STRING_TYPES = new Set([6, 8, 9]);
const ENTRY_BYTES = 16;

type HeaderValues = Partial<Record<keyof typeof TAGS, string>>;

function headerValues(blob: Uint8Array): HeaderValues | undefined {
  if (blob.length < 8) return undefined;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const count = view.getUint32(0);
  const dataLength = view.getUint32(4);
  const dataStart = 8 + count * ENTRY_BYTES;
  if (dataStart + dataLength > blob.length) return undefined;
  const wanted = new Map(Object.entries(TAGS).map(([field, tag]) => [tag, field as keyof typeof TAGS]));
  const values: HeaderValues = {};
  for (let at = 8; at < dataStart; at += ENTRY_BYTES) {
    const field = wanted.get(view.getUint32(at));
    if (!field) continue;
    const type = view.getUint32(at + 4);
    const offset = view.getUint32(at + 8);
    if (offset >= dataLength) return undefined;
    if (type === INT32_TYPE && offset + 4 <= dataLength) values[field] = String(view.getUint32(dataStart + offset));
    else if (STRING_TYPES.has(type)) {
      const start = dataStart + offset;
      const end = blob.indexOf(0, start);
      if (end < 0 || end > dataStart + dataLength) return undefined;
      values[field] = Buffer.from(blob.subarray(start, end)).toString('utf8');
    }
  }
  return values;
}

/** "openssl-3.0.7-27.el9.src.rpm" → name "openssl", version "3.0.7-27.el9". */
function sourcePackage(sourceRpm: string): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+-[^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm);
  return match ? { name: match[1] as string, version: match[2] as string } : undefined;
}

/** The package a header describes; undefined for a gpg-pubkey entry or a blob that is not a whole header. */
export function parseRpmHeader(blob: Uint8Array): FoundPackage | undefined {
  const values = headerValues(blob);
  const { name, version, release, epoch, arch, sourceRpm, license } = values ?? {};
  if (!name || !version || name === 'gpg-pubkey') return undefined;
  const prefix = epoch && epoch !== '0' ? `${epoch}:` : '';
  const full = `${prefix}${version}${release ? `-${release}` : ''}`;
  const source = sourceRpm ? sourcePackage(sourceRpm) : undefined;
  return {
    name,
    version: full,
    ecosystem: 'rpm',
    ...(arch ? { qualifiers: { arch } } : {}),
    ...(source && source.name !== name ? { source: { name: source.name, version: prefix + source.version } } : {}),
    ...(license ? { license } : {}),
  };
}
