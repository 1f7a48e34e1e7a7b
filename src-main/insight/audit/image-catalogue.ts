// The packages in an image, fed its layers' file entries in order: each package database or lockfile is read when it
// streams past, a later layer's copy replaces an earlier one's, and a whiteout removes what the file recorded.
import type { CataloguedPackage, ImageCatalogue, PackageEcosystem } from '../../contract/dto/audit';
import { OPAQUE_WHITEOUT, WHITEOUT_PREFIX, type LayerEntry } from '../layer-entry';
import {
  MAX_RPM_DATABASE_BYTES,
  RPM_BDB,
  mayBeGoBinary,
  OS_RELEASE,
  RPM_SQLITE,
  textSourceFor,
  UNREAD_RPM_DATABASES,
} from './catalogue-sources';
import { packageUrl } from './package-url';
import { GoBuildInfoScanner } from './parsers/go-buildinfo';
import type { FoundPackage } from './parsers/found-package';
import { parseRpmBdb } from './parsers/rpm-bdb';
import { parseRpmSqlite } from './parsers/rpm-sqlite';

/** The largest package database or lockfile read (bigger ones are noted and skipped). */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

interface Placed extends FoundPackage {
  layer: number;
}

interface Source {
  layer: number;
  packages: Placed[];
}

const key = (p: FoundPackage) => `${p.ecosystem}\0${p.name}\0${p.version}`;

async function readBytes(content: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const readText = async (content: AsyncIterable<Buffer>) => (await readBytes(content)).toString('utf8');

/** The OSV ecosystem of an rpm distro's packages, by etc/os-release ID; "rpm" where OSV has none. */
function rpmEcosystem(distro: string | undefined): PackageEcosystem {
  if (distro === 'rhel') return 'Red Hat';
  if (distro === 'almalinux') return 'AlmaLinux';
  if (distro === 'rocky') return 'Rocky Linux';
  if (distro?.startsWith('opensuse')) return 'openSUSE';
  if (distro?.startsWith('sle')) return 'SUSE';
  return 'rpm';
}

/** Reads the Go build info of an ELF executable; drains the rest once it has what it needs. */
async function scanGoBinary(content: AsyncIterable<Buffer>): Promise<FoundPackage[]> {
  const scanner = new GoBuildInfoScanner();
  let first = true;
  let elf = false;
  for await (const chunk of content) {
    if (first) elf = chunk.subarray(0, 4).equals(ELF_MAGIC);
    first = false;
    if (elf && !scanner.done) scanner.push(chunk);
  }
  return elf ? scanner.packages() : [];
}

function osRelease(text: string): { id: string; versionId: string } | undefined {
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(text)?.[1]?.trim() ?? '';
  const id = field('ID');
  return id ? { id, versionId: field('VERSION_ID') } : undefined;
}

export class ImageCatalogueBuilder {
  private readonly sources = new Map<string, Source>();
  private readonly notes = new Set<string>();
  private distro: { id: string; versionId: string } | undefined;

  /** Takes one entry, reading its content when it records packages; resolves once the content is consumed. */
  async add(entry: LayerEntry): Promise<void> {
    const slash = entry.path.lastIndexOf('/');
    const base = entry.path.slice(slash + 1);
    const folder = slash >= 0 ? entry.path.slice(0, slash + 1) : '';
    if (base === OPAQUE_WHITEOUT) return this.remove(folder, entry.layer);
    if (base.startsWith(WHITEOUT_PREFIX)) return this.remove(folder + base.slice(WHITEOUT_PREFIX.length), entry.layer);
    if (entry.type !== 'file') return;
    const unreadRpm = UNREAD_RPM_DATABASES.find(([pattern]) => pattern.test(entry.path))?.[1];
    if (OS_RELEASE.test(entry.path)) this.distro = osRelease(await readText(entry.content)) ?? this.distro;
    else if (RPM_SQLITE.test(entry.path)) await this.addRpmDatabase(entry, parseRpmSqlite);
    else if (RPM_BDB.test(entry.path)) await this.addRpmDatabase(entry, parseRpmBdb);
    else if (unreadRpm) this.notes.add(`The rpm database in the ${unreadRpm} format (${entry.path}) is not read yet`);
    else {
      const parse = textSourceFor(entry.path);
      if (parse && entry.size > MAX_SOURCE_BYTES) this.notes.add(`${entry.path} is too big to read`);
      else if (parse) this.place(entry.path, entry.layer, parse(await readText(entry.content)));
      else if (mayBeGoBinary(entry.size)) {
        const found = await scanGoBinary(entry.content);
        if (found.length) this.place(entry.path, entry.layer, found);
      }
    }
  }

  /** The catalogue so far: every package with the layer that brought it in, sorted by name; `layers` as known. */
  result(image: string, layers: string[] = []): ImageCatalogue {
    const packages: CataloguedPackage[] = [];
    for (const [path, source] of this.sources)
      for (const found of source.packages) {
        const ecosystem = this.ecosystemOf(found.ecosystem);
        const purl = packageUrl(ecosystem, found.name, found.version, found.qualifiers, this.distro?.id);
        const { name, version, layer, source: from, license } = found;
        const extra = { ...(from ? { source: from } : {}), ...(license ? { license } : {}) };
        packages.push({ name, version, ecosystem, purl, layer, path, ...extra });
      }
    packages.sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
    return { image, ...(this.distro ? { distro: this.distro } : {}), packages, layers, notes: [...this.notes] };
  }

  get packageCount(): number {
    let count = 0;
    for (const source of this.sources.values()) count += source.packages.length;
    return count;
  }

  /** dpkg packages are Ubuntu's on Ubuntu, Debian's everywhere else; rpm packages their distro's. */
  private ecosystemOf(found: PackageEcosystem): PackageEcosystem {
    if (found === 'rpm') return rpmEcosystem(this.distro?.id);
    return found === 'Debian' && this.distro?.id === 'ubuntu' ? 'Ubuntu' : found;
  }

  /** An rpm database (SQLite or BDB) is one entry, buffered whole (up to MAX_RPM_DATABASE_BYTES) to be read. */
  private async addRpmDatabase(
    entry: LayerEntry,
    parse: (bytes: Uint8Array) => FoundPackage[] | Promise<FoundPackage[]>,
  ): Promise<void> {
    if (entry.size > MAX_RPM_DATABASE_BYTES) {
      this.notes.add(`${entry.path} is too big to read`);
      return;
    }
    const bytes = await readBytes(entry.content);
    try {
      this.place(entry.path, entry.layer, await parse(bytes));
    } catch (error) {
      this.notes.add(`The rpm database (${entry.path}) could not be read: ${(error as Error).message}`);
    }
  }

  /** A package keeps the layer of an earlier copy of the same file that had it in the same version. */
  private place(path: string, layer: number, found: FoundPackage[]): void {
    const earlier = new Map((this.sources.get(path)?.packages ?? []).map((p) => [key(p), p.layer]));
    this.sources.set(path, { layer, packages: found.map((p) => ({ ...p, layer: earlier.get(key(p)) ?? layer })) });
  }

  /** A whiteout of `path` (a folder when it ends in "/": an opaque one, removing only what lower layers wrote). */
  private remove(path: string, layer: number): void {
    for (const [source, { layer: written }] of this.sources) {
      const inside = path.endsWith('/') ? source.startsWith(path) : source === path || source.startsWith(`${path}/`);
      if (inside && written < layer) this.sources.delete(source);
    }
  }
}
