// Rule: ADD of local files that are not an archive to unpack, where COPY says what is meant.
import type { AdviceRule } from '../rule';

const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/;
const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$/i;

export const addInsteadOfCopy: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) =>
    stage.steps
      .filter((step) => step.keyword === 'ADD' && step.words.length >= 2)
      .filter((step) => step.words.slice(0, -1).every((source) => !REMOTE.test(source) && !ARCHIVE.test(source)))
      .map((step) => ({
        rule: 'add-instead-of-copy' as const,
        severity: 'low' as const,
        title: 'ADD where COPY fits',
        message:
          `ADD ${step.words.slice(0, -1).join(' ')} copies local files, which is what COPY does. ADD also unpacks ` +
          'archives and fetches URLs, so a reader (and a later change of the file) cannot tell what was meant. ' +
          'Use COPY; keep ADD for a tar to unpack or a URL.',
        steps: [step],
      })),
  );
