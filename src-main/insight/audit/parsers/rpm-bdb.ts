// The Berkeley DB rpm database (var/lib/rpm/Packages: CentOS 7/8, RHEL/UBI 8): a BDB hash file whose values are rpm
// header blobs, read page by page from its bytes — hash pages hold key/value items, a value too big for its page
// lives on a chain of overflow pages.
import type { FoundPackage } from './found-package';
import { parseRpmHeader } from './rpm-header';

const HASH_MAGIC = 0x061561;
const PAGE_HEADER_BYTES = 26;
const PAGE_TYPE_OFFSET = 25;
/** Page types: hash pages (sorted and unsorted), overflow pages. */
const P_HASH_UNSORTED = 2;
const P_HASH = 13;
const P_OVERFLOW = 7;
/** Item types on a hash page: the bytes inline, or where they live on overflow pages. */
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

interface Pages {
  view: DataView;
  bytes: Uint8Array;
  size: number;
  little: boolean;
  count: number;
}

function openPages(bytes: Uint8Array): Pages {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512) throw new Error('it is too short to be a Berkeley DB file');
  const little = view.getUint32(12, true) === HASH_MAGIC;
  if (!little && view.getUint32(12, false) !== HASH_MAGIC) throw new Error('it is not a Berkeley DB hash file');
  const size = view.getUint32(20, little);
  if (size < 512 || size > 65536 || bytes.length % size !== 0) throw new Error(`its page size ${size} does not fit`);
  return { view, bytes, size, little, count: bytes.length / size };
}

/** The value an overflow chain holds: `length` bytes from page `first` on. */
function overflow(pages: Pages, first: number, length: number): Uint8Array | undefined {
  const out = new Uint8Array(length);
  let filled = 0;
  const seen = new Set<number>();
  for (let page = first; page !== 0 && filled < length;) {
    if (page >= pages.count || seen.has(page)) return undefined;
    seen.add(page);
    const at = page * pages.size;
    if (pages.bytes[at + PAGE_TYPE_OFFSET] !== P_OVERFLOW) return undefined;
    const onPage = Math.min(pages.view.getUint16(at + 22, pages.little), pages.size - PAGE_HEADER_BYTES);
    const take = Math.min(onPage, length - filled);
    out.set(pages.bytes.subarray(at + PAGE_HEADER_BYTES, at + PAGE_HEADER_BYTES + take), filled);
    filled += take;
    page = pages.view.getUint32(at + 16, pages.little);
  }
  return filled === length ? out : undefined;
}

/** The values (every second item) of the hash page at `at`. */
function pageValues(pages: Pages, at: number): Uint8Array[] {
  const { view, little, size, bytes } = pages;
  const entries = view.getUint16(at + 20, little);
  const offsetOf = (i: number) => view.getUint16(at + PAGE_HEADER_BYTES + 2 * i, little);
  const values: Uint8Array[] = [];
  for (let i = 1; i < entries; i += 2) {
    const offset = offsetOf(i);
    const end = offsetOf(i - 1);
    if (offset >= size || end > size || end <= offset) continue;
    const type = bytes[at + offset];
    if (type === H_KEYDATA) values.push(bytes.subarray(at + offset + 1, at + end));
    else if (type === H_OFFPAGE && end - offset >= 12) {
      const value = overflow(pages, view.getUint32(at + offset + 4, little), view.getUint32(at + offset + 8, little));
      if (value) values.push(value);
    }
  }
  return values;
}

/** The packages of a BDB Packages file's bytes; throws when it is not a Berkeley DB hash file. */
export function parseRpmBdb(bytes: Uint8Array): FoundPackage[] {
  const pages = openPages(bytes);
  const found: FoundPackage[] = [];
  for (let page = 1; page < pages.count; page++) {
    const at = page * pages.size;
    const type = bytes[at + PAGE_TYPE_OFFSET];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    for (const value of pageValues(pages, at)) {
      const parsed = value.length >= 8 ? parseRpmHeader(value) : undefined;
      if (parsed) found.push(parsed);
    }
  }
  return found;
}
