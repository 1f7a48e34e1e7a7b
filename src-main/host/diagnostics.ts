// The Troubleshoot page's diagnostics bundle: versions, settings, engine, machine and log tails in one zip, secrets removed.
import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ZipFile } from 'yazl';
import type { DiagnosticsReport } from '../contract/dto/machine';
import { formatBytes } from '../core/bytes';
import { tailLog } from './log-tail';
import { redactSecrets, redactText, REMOVED } from './redact';

/** Bytes of each log's end put in the bundle: 5 MiB. */
export const DIAGNOSTICS_LOG_BYTES = 5 * 1024 * 1024;
/** How long the engine gets to answer before the bundle is written without it, in milliseconds. */
export const DIAGNOSTICS_ENGINE_TIMEOUT_MS = 15_000;

const LOG_NAME = /^[\w][\w.-]*$/;

export type { DiagnosticsReport } from '../contract/dto/machine';

export interface DiagnosticsSources {
  /** What the caller collected, e.g. `{ Berth: '1.4.0', Electron: '…', Node: '…', OS: '…', QEMU: '…' }`. */
  versions: Record<string, string>;
  /** The settings object (secrets are removed here). */
  settings: unknown;
  /** `docker info` and `docker version` from the engine; a rejection is recorded in engine-error.txt. */
  engine: () => Promise<{ info: unknown; version: unknown }>;
  /** Log files, each put in as `logs/<name>` (its last `DIAGNOSTICS_LOG_BYTES`); `name` is a plain file name. */
  logs: Array<{ name: string; path: string }>;
  /** The machine's status snapshot, when there is one. */
  machine?: unknown;
}

export interface DiagnosticsOptions {
  /** Replace an existing file at the target; default false. */
  overwrite?: boolean;
  /** The bundle's time (summary and entry dates); default now. */
  now?: Date;
  /** How long `engine()` may take, in milliseconds; default `DIAGNOSTICS_ENGINE_TIMEOUT_MS`. */
  engineTimeoutMs?: number;
}

/** Why a target was refused, so the API layer can report a conflict or an invalid argument. */
export class DiagnosticsTargetError extends Error {
  constructor(
    readonly reason: 'folder-missing' | 'exists' | 'is-folder',
    message: string,
  ) {
    super(message);
    this.name = 'DiagnosticsTargetError';
  }
}

/** A file name for a bundle made at `now` (local time), without colons so it is valid on Windows: `berth-diagnostics-2026-12-02T13-45-00.zip`. */
export function diagnosticsFileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `berth-diagnostics-${date}T${two(now.getHours())}-${two(now.getMinutes())}-${two(now.getSeconds())}.zip`;
}

interface Entry {
  name: string;
  text: string;
  /** What the summary says about it. */
  about: string;
}

interface Collected {
  entries: Entry[];
  /** Log entry name (`logs/<name>`) → why it is not in the bundle. */
  missing: Map<string, string>;
  /** Why the engine section is missing, when it is. */
  engineError?: string;
  versions: Record<string, unknown>;
}

/**
 * Writes the diagnostics zip to `target` through a temp file in the same folder renamed into place.
 * Every part passes through `redactSecrets` or `redactText` first. A failing
 * engine or an unreadable log is noted in the bundle, not thrown.
 * @throws DiagnosticsTargetError when `target`'s folder does not exist, `target` is a folder, or
 *   it exists and `overwrite` is not set (the existing file is left untouched).
 */
export async function writeDiagnosticsZip(
  target: string,
  sources: DiagnosticsSources,
  options: DiagnosticsOptions = {},
): Promise<DiagnosticsReport> {
  const path = resolve(target);
  const { overwrite = false, now = new Date() } = options;
  checkLogNames(sources.logs);
  await checkTarget(path, overwrite);
  const collected = await collect(sources, options.engineTimeoutMs ?? DIAGNOSTICS_ENGINE_TIMEOUT_MS);
  const entries = [{ name: 'summary.txt', text: summary(collected, now), about: '' }, ...collected.entries];
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.text, 'utf8'), entry.name, { mtime: now });
  zip.end();
  const bytes = await writeAtomically(path, zip.outputStream, overwrite);
  return { path, bytes, entries: entries.map((e) => e.name), missing: [...collected.missing.keys()] };
}

function checkLogNames(logs: DiagnosticsSources['logs']): void {
  const seen = new Set<string>();
  for (const { name } of logs) {
    if (!LOG_NAME.test(name)) throw new RangeError(`log name "${name}" must be a plain file name`);
    if (seen.has(name)) throw new RangeError(`log name "${name}" is given twice`);
    seen.add(name);
  }
}

async function checkTarget(path: string, overwrite: boolean): Promise<void> {
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new DiagnosticsTargetError(
      'folder-missing',
      `cannot save diagnostics: the folder ${dirname(path)} does not exist`,
    );
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory())
    throw new DiagnosticsTargetError('is-folder', `cannot save diagnostics: ${path} is a folder`);
  if (existing && !overwrite) throw existsError(path);
}

const existsError = (path: string) =>
  new DiagnosticsTargetError('exists', `${path} already exists; choose another name or allow replacing it`);

async function collect(sources: DiagnosticsSources, engineTimeoutMs: number): Promise<Collected> {
  const versions = redactSecrets(sources.versions) as Record<string, unknown>;
  const entries: Entry[] = [
    { name: 'versions.json', text: json(versions), about: 'the versions above' },
    { name: 'settings.json', text: json(redactSecrets(sources.settings)), about: "Berth's settings" },
  ];
  const missing = new Map<string, string>();
  let engineError: string | undefined;
  try {
    const { info, version } = await withTimeout(sources.engine, engineTimeoutMs);
    entries.push(
      { name: 'engine/info.json', text: json(redactSecrets(info)), about: 'the Docker Engine (docker info)' },
      { name: 'engine/version.json', text: json(redactSecrets(version)), about: 'its versions (docker version)' },
    );
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error));
    entries.push({ name: 'engine-error.txt', text: `${message}\n`, about: 'why the engine could not be asked' });
    engineError = message;
  }
  if (sources.machine !== undefined) {
    entries.push({ name: 'machine.json', text: json(redactSecrets(sources.machine)), about: "the machine's status" });
  }
  for (const log of sources.logs) {
    const name = `logs/${log.name}`;
    try {
      const tail = await tailLog(log.path, { maxLines: Infinity, maxBytes: DIAGNOSTICS_LOG_BYTES });
      if (tail.missing) missing.set(name, `${log.path} does not exist`);
      else entries.push({ name, text: redactText(tail.text), about: logAbout(tail.text, tail.truncated, log.path) });
    } catch (error) {
      missing.set(name, redactText((error as Error).message));
    }
  }
  return { entries, missing, versions, engineError };
}

/** `engine()`, or a rejection when it takes longer than `ms` milliseconds. */
async function withTimeout<T>(engine: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the engine did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(engine), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function logAbout(text: string, truncated: boolean, path: string): string {
  const size = formatBytes(Buffer.byteLength(text), { binary: true });
  return truncated ? `the last ${size} of ${path}` : `${path} (${size})`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value ?? null, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

function summary({ entries, missing, versions, engineError }: Collected, now: Date): string {
  const table = (rows: Array<[string, string]>) => {
    const width = Math.max(0, ...rows.map(([left]) => left.length));
    return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
  };
  const versionRows = Object.entries(versions).map(([k, v]): [string, string] => [k, String(v)]);
  const lines = [
    'Berth diagnostics',
    `Created ${now.toISOString()}`,
    '',
    'Versions',
    ...(versionRows.length > 0 ? table(versionRows) : ['  (none collected)']),
    '',
    'Contents',
    ...table([['summary.txt', 'this overview'], ...entries.map((e): [string, string] => [e.name, e.about])]),
  ];
  const absent: Array<[string, string]> = [...missing];
  if (engineError !== undefined)
    absent.unshift(['engine/', `could not be asked: ${engineError} (see engine-error.txt)`]);
  if (absent.length > 0) lines.push('', 'Missing', ...table(absent));
  lines.push(
    '',
    `Secrets were removed before writing: the values of fields and settings that look like passwords,`,
    `tokens, keys or credentials, and user names and passwords in URLs, read "${REMOVED}".`,
  );
  return `${lines.join('\n')}\n`;
}

/** Writes `data` to a temp file beside `path` (mode 0600), syncs it and moves it into place; returns its size in bytes. */
async function writeAtomically(path: string, data: NodeJS.ReadableStream, overwrite: boolean): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      for await (const chunk of data) await handle.write(chunk as Buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const { size } = await stat(temp);
    await moveIntoPlace(temp, path, overwrite);
    return size;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Renames `temp` to `path`; without `overwrite`, by a hard link that fails when `path` appeared meanwhile. */
async function moveIntoPlace(temp: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(temp, path);
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(path);
    // A file system without hard links: check, then rename.
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      throw existsError(path);
    await rename(temp, path);
  }
}
