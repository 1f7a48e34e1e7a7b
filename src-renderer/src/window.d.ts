// window.berth: set by the preload inside Electron, absent in a plain browser.
import type { WireResult } from '../../src-main/contract/result';

declare global {
  interface Window {
    berth?: {
      call(method: string, args: unknown): Promise<WireResult<unknown>>;
      on(event: string, listener: (payload: unknown) => void): () => void;
    };
  }
}
