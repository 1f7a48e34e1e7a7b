// The SQLite rpm database (rpmdb.sqlite: Fedora 33+, RHEL 9, Amazon Linux 2023) through sql.js: each row of its
// Packages table is one rpm header blob. sql.js's wasm build is loaded once, from its own package folder.
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { FoundPackage } from './found-package';
import { parseRpmHeader } from './rpm-header';

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  sqlJs ??= initSqlJs({ locateFile: () => wasm });
  return sqlJs;
}

/** The packages of an rpmdb.sqlite file's bytes; throws when it is not an SQLite database with a Packages table. */
export async function parseRpmSqlite(bytes: Uint8Array): Promise<FoundPackage[]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const found: FoundPackage[] = [];
    const rows = db.prepare('SELECT blob FROM Packages');
    while (rows.step()) {
      const [blob] = rows.get();
      const parsed = blob instanceof Uint8Array ? parseRpmHeader(blob) : undefined;
      if (parsed) found.push(parsed);
    }
    rows.free();
    return found;
  } finally {
    db.close();
  }
}
