// The compose CLI's project arguments: from the files the user chose, or from what a project's labels record.
import type { ComposeFiles, Stack } from '../contract/dto/stacks';

/** `compose -p … --project-directory … -f … --env-file … --profile …` for files the user chose. */
export function argsForFiles(files: ComposeFiles): string[] {
  return [
    'compose',
    ...(files.projectName ? ['-p', files.projectName] : []),
    ...(files.workingDir ? ['--project-directory', files.workingDir] : []),
    ...files.files.flatMap((file) => ['-f', file]),
    ...files.envFiles.flatMap((file) => ['--env-file', file]),
    ...files.profiles.flatMap((profile) => ['--profile', profile]),
  ];
}

/**
 * The arguments that name a running project exactly as it was brought up (its own files, working folder and env
 * files, as its labels record them). A project with no container left has no such labels: compose then finds it by
 * its name alone. `allProfiles` reaches services started with a profile too (for start, stop, restart and down; an
 * `up` with it would create what the profiles hold).
 */
export function argsForStack(stack: Stack, allProfiles: boolean): string[] {
  return [
    'compose',
    '-p',
    stack.name,
    ...(stack.workingDir ? ['--project-directory', stack.workingDir] : []),
    ...stack.configFiles.flatMap((file) => ['-f', file]),
    ...stack.envFiles.flatMap((file) => ['--env-file', file]),
    ...(allProfiles ? ['--profile', '*'] : []),
  ];
}

/** The host files the CLI must read for a project. */
export function filesOf(files: Pick<ComposeFiles, 'files' | 'envFiles'>): string[] {
  return [...files.files, ...files.envFiles];
}
