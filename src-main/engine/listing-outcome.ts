// Turns a finished run of the folder listing script (in a container or a volume helper) into entries or an error.
import type { FileEntry } from '../contract/dto/files';
import { LISTING_EXIT, parseFileListing } from '../core/file-listing';
import { InvalidArgumentError, NotFoundError, UnsupportedError } from './errors';

export interface ListingRun {
  /** null when the engine could not tell. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Exit codes of a shell that could not run the command it was given (not found, not executable). */
const COMMAND_FAILED = new Set([126, 127]);

/**
 * @param where what was listed, for messages, e.g. `"/data" in volume "db"`.
 * @param noTools message when `sh`, `find` or `stat` is missing.
 */
export function listingOutcome(run: ListingRun, where: string, noTools: string): FileEntry[] {
  const detail = (run.stderr || run.stdout).trim();
  switch (run.exitCode) {
    case 0:
      return parseFileListing(run.stdout);
    case LISTING_EXIT.notFound:
      throw new NotFoundError(`${where} does not exist`);
    case LISTING_EXIT.notFolder:
      throw new InvalidArgumentError('path', `${where} is not a folder`);
    case LISTING_EXIT.noTools:
      throw new UnsupportedError(noTools);
    case LISTING_EXIT.cannotOpen:
      throw new Error(`cannot open ${where}${detail ? `: ${detail}` : ''}`);
    case LISTING_EXIT.failed: {
      // Some entries could not be read (removed meanwhile, no permission): list the others.
      const entries = parseFileListing(run.stdout);
      if (entries.length > 0) return entries;
      break;
    }
  }
  if (run.exitCode !== null && COMMAND_FAILED.has(run.exitCode)) throw new UnsupportedError(noTools);
  throw new Error(`listing ${where} failed (exit code ${run.exitCode ?? 'unknown'})${detail ? `: ${detail}` : ''}`);
}
