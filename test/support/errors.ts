// Awaits a call that must fail and returns its BerthError, so tests can assert code and message.
import type { BerthError } from '../../src-main/contract/result';

export async function rejectionOf(promise: Promise<unknown>): Promise<BerthError> {
  const outcome = await promise.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) throw new Error('expected the call to fail, but it succeeded');
  return outcome.error as BerthError;
}
