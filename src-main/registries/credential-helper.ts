// A docker credential helper (`docker-credential-NAME` on the PATH) spoken to as the docker CLI does: get, store, erase
// and list over stdin/stdout; time-bounded, and no secret ever in an error message.
import { spawn } from 'node:child_process';
import { executableOnPath } from './executable-on-path';
import type { StoredCredential } from './stored-credential';

/** How long one helper call may take by default, in ms (a helper may ask the user to unlock a keychain). */
export const HELPER_TIMEOUT_MS = 30_000;
/** Most bytes of a helper's output read, for get and list (a helper that floods is stopped). */
const OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024;
/** Characters of a helper's own error text kept in a message. */
const MESSAGE_LIMIT = 500;
/** What every helper prints when it holds nothing for a server (docker-credential-helpers' ErrCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i;

/** A helper call failed; the message names the helper and gives its words with any secret removed. */
export class CredentialHelperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}

export interface CredentialHelperOptions {
  /** The environment the helper runs in and whose PATH finds it; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** Per call, in ms; default HELPER_TIMEOUT_MS. */
  timeoutMs?: number;
}

interface HelperRun {
  code: number | null;
  output: string;
}

export class CredentialHelper {
  /** The program's name, "docker-credential-" + the helper's name. */
  readonly program: string;

  /** `name`: as config.json names it ("pass", "osxkeychain", "desktop"). */
  constructor(
    readonly name: string,
    private readonly options: CredentialHelperOptions = {},
  ) {
    this.program = `docker-credential-${name}`;
  }

  /** Whether the program is on the PATH. */
  async isInstalled(): Promise<boolean> {
    return (await executableOnPath(this.program, this.env)) !== undefined;
  }

  /** The login the helper keeps under `serverUrl` (the CLI's key: "https://index.docker.io/v1/", "host:port"). */
  async get(serverUrl: string): Promise<StoredCredential | undefined> {
    const run = await this.run('get', serverUrl, []);
    if (run.code !== 0) {
      if (NOT_FOUND.test(run.output)) return undefined;
      throw this.failure('get', run, []);
    }
    const answer = this.parse('get', run.output) as { Username?: unknown; Secret?: unknown };
    if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
      throw new CredentialHelperError(`${this.program} get answered without Username and Secret`);
    }
    return answer.Secret === '' ? undefined : { username: answer.Username, secret: answer.Secret };
  }

  /** Keeps `credential` under `serverUrl`, replacing what was there. */
  async store(serverUrl: string, credential: StoredCredential): Promise<void> {
    const payload = JSON.stringify({ ServerURL: serverUrl, Username: credential.username, Secret: credential.secret });
    const run = await this.run('store', payload, [credential.secret]);
    if (run.code !== 0) throw this.failure('store', run, [credential.secret]);
  }

  /** Removes the login under `serverUrl`; one that is not there is no error. */
  async erase(serverUrl: string): Promise<void> {
    const run = await this.run('erase', serverUrl, []);
    if (run.code !== 0 && !NOT_FOUND.test(run.output)) throw this.failure('erase', run, []);
  }

  /** Server URL → user name of every login the helper keeps. */
  async list(): Promise<Map<string, string>> {
    const run = await this.run('list', '', []);
    if (run.code !== 0) throw this.failure('list', run, []);
    const answer = this.parse('list', run.output);
    const logins = new Map<string, string>();
    if (answer && typeof answer === 'object' && !Array.isArray(answer)) {
      for (const [url, username] of Object.entries(answer)) {
        if (typeof username === 'string') logins.set(url, username);
      }
    }
    return logins;
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private parse(action: string, output: string): unknown {
    try {
      return JSON.parse(output);
    } catch {
      throw new CredentialHelperError(`${this.program} ${action} answered something that is not JSON`);
    }
  }

  private failure(action: string, run: HelperRun, secrets: string[]): CredentialHelperError {
    const words = scrub(run.output.trim(), secrets).slice(0, MESSAGE_LIMIT);
    const how = run.code === null ? 'was stopped' : `failed (exit code ${run.code})`;
    return new CredentialHelperError(`${this.program} ${action} ${how}${words ? `: ${words}` : ''}`);
  }

  /** Runs `program action` with `input` on stdin; stdout and stderr together as its output. */
  private async run(action: string, input: string, secrets: string[]): Promise<HelperRun> {
    const program = await executableOnPath(this.program, this.env);
    if (!program) {
      throw new CredentialHelperError(
        `${this.program} is not on the PATH (the docker CLI's config.json names the credential helper "${this.name}"); install it or change config.json`,
      );
    }
    const timeoutMs = this.options.timeoutMs ?? HELPER_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const child = spawn(program, [action], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      const chunks: Buffer[] = [];
      let size = 0;
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const collect = (chunk: Buffer) => {
        size += chunk.length;
        if (size > OUTPUT_LIMIT_BYTES) child.kill('SIGKILL');
        else chunks.push(chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new CredentialHelperError(`${this.program} ${action} could not run: ${scrub(error.message, secrets)}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (late) {
          reject(new CredentialHelperError(`${this.program} ${action} did not finish within ${timeoutMs / 1000} s`));
        } else if (size > OUTPUT_LIMIT_BYTES) {
          reject(new CredentialHelperError(`${this.program} ${action} wrote more than ${OUTPUT_LIMIT_BYTES} bytes`));
        } else {
          resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
        }
      });
      // A helper that exits without reading stdin must not crash Berth with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    });
  }
}

/** `text` with every secret (as is, JSON-escaped as an echoed payload has it, base64) replaced by "***". */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64')]))
      out = out.split(form).join('***');
  }
  return out;
}
