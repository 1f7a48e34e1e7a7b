// A test credential helper: `docker-credential-berthtest`, a node script written into a temp bin folder that speaks the
// docker-credential-helpers protocol and keeps its logins in a JSON file the test reads.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface TestCredentialHelper {
  /** The helper's name as config.json names it. */
  name: string;
  /** The folder holding the program; put it first on PATH. */
  binDir: string;
  /** The JSON file it keeps logins in: server URL → { Username, Secret }. */
  storeFile: string;
  /** What the helper keeps now. */
  logins(): Record<string, { Username: string; Secret: string }>;
  /** This process's environment with `binDir` first on PATH. */
  env: NodeJS.ProcessEnv;
}

/**
 * Writes the helper into `<dir>/bin`; it keeps logins in `<dir>/helper-store.json`. A store whose Username is
 * "echo-me" fails and echoes its input, as some real helpers do on errors (to test that Berth scrubs it).
 */
export function writeTestCredentialHelper(dir: string, name = 'berthtest'): TestCredentialHelper {
  const binDir = join(dir, 'bin');
  const storeFile = join(dir, 'helper-store.json');
  mkdirSync(binDir, { recursive: true });
  const program = join(binDir, `docker-credential-${name}`);
  writeFileSync(
    program,
    `#!${process.execPath}
const fs = require('fs');
const file = ${JSON.stringify(storeFile)};
const load = () => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});
const save = (db) => fs.writeFileSync(file, JSON.stringify(db, null, 2));
const notFound = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); };
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const db = load();
  switch (process.argv[2]) {
    case 'store': {
      const c = JSON.parse(input);
      if (c.Username === 'echo-me') { process.stdout.write('cannot store: ' + input); process.exit(1); }
      db[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
      save(db);
      break;
    }
    case 'get': {
      const c = db[input.trim()];
      if (!c) notFound();
      process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: c.Username, Secret: c.Secret }));
      break;
    }
    case 'erase':
      if (!db[input.trim()]) notFound();
      delete db[input.trim()];
      save(db);
      break;
    case 'list':
      process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(db).map(([k, v]) => [k, v.Username]))));
      break;
    default:
      process.stdout.write('unknown action');
      process.exit(1);
  }
});
`,
  );
  chmodSync(program, 0o755);
  return {
    name,
    binDir,
    storeFile,
    logins: () => (existsSync(storeFile) ? JSON.parse(readFileSync(storeFile, 'utf8')) : {}),
    env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` },
  };
}
