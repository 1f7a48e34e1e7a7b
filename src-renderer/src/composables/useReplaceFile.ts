// Writing a file on this computer that may exist already: try without overwriting; on a conflict ask whether to
// replace it, and only then write again with overwrite.
import { useConfirm } from './useConfirm';

export function useReplaceFile() {
  const confirm = useConfirm();
  /**
   * `write(overwrite)` writes `hostPath`; `what` names the new content ("this export").
   * @returns what `write` returned, or undefined when the user kept the existing file.
   */
  return async function writeOrAsk<T>(
    hostPath: string,
    what: string,
    write: (overwrite: boolean) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await write(false);
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict') throw e;
      const replace = await confirm({
        title: 'Replace the file?',
        message: `${hostPath} already exists. Replace it with ${what}?`,
        confirm: 'Replace',
      });
      return replace ? write(true) : undefined;
    }
  };
}
