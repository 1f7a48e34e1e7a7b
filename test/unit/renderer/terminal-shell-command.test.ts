// The Terminal tab's command picking: splitting a custom command line, preset shells, exit messages.
import { describe, expect, it } from 'vitest';
import {
  exitMessage,
  shellCommand,
  splitCommandLine,
} from '../../../src-renderer/src/components/container/terminal/shell-command';

describe('splitCommandLine', () => {
  it.each<[string, string[]]>([
    ['/bin/bash', ['/bin/bash']],
    ['  zsh   -l  ', ['zsh', '-l']],
    ['sh -c "echo hi there"', ['sh', '-c', 'echo hi there']],
    ['sh -c \'echo "$HOME"\'', ['sh', '-c', 'echo "$HOME"']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "say \\"hi\\" \\\\ \\n"', ['echo', 'say "hi" \\ \\n']],
    ['printf ""', ['printf', '']],
    ["a''b", ['ab']],
    ['a\tb\nc', ['a', 'b', 'c']],
  ])('%j → %j', (line, argv) => {
    expect(splitCommandLine(line)).toEqual({ ok: true, argv });
  });

  it('reports unclosed quotes, a trailing backslash and an empty line', () => {
    expect(splitCommandLine('sh -c "echo')).toEqual({ ok: false, error: 'has an unclosed double quote' });
    expect(splitCommandLine("sh -c 'echo")).toEqual({ ok: false, error: 'has an unclosed single quote' });
    expect(splitCommandLine('echo \\')).toEqual({ ok: false, error: 'ends with a lone backslash' });
    expect(splitCommandLine('   ')).toMatchObject({ ok: false, error: expect.stringContaining('Enter a command') });
  });
});

describe('shellCommand', () => {
  it('runs a preset shell as is, whatever the custom line holds', () => {
    expect(shellCommand('/bin/sh', 'broken "')).toEqual({ ok: true, argv: ['/bin/sh'] });
    expect(shellCommand('/bin/bash', '')).toEqual({ ok: true, argv: ['/bin/bash'] });
  });

  it('splits a custom line and words its errors as sentences', () => {
    expect(shellCommand('custom', 'python3 -q')).toEqual({ ok: true, argv: ['python3', '-q'] });
    expect(shellCommand('custom', 'sh "')).toEqual({ ok: false, error: 'The command has an unclosed double quote' });
    expect(shellCommand('custom', '')).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter a command/) });
  });
});

describe('exitMessage', () => {
  it('states the exit code', () => {
    expect(exitMessage(0, ['/bin/sh'])).toBe('Process exited with code 0');
    expect(exitMessage(3, ['/bin/sh'])).toBe('Process exited with code 3');
  });

  it('explains the codes a command that could not run gets', () => {
    expect(exitMessage(126, ['/bin/bash'])).toBe(
      'Process exited with code 126 — /bin/bash may be missing from the container or not executable',
    );
    expect(exitMessage(127, ['zsh', '-l'])).toMatch(/^Process exited with code 127 — zsh may be missing/);
  });

  it('says the session ended when the engine could not tell the code', () => {
    expect(exitMessage(null, ['/bin/sh'])).toBe('The session ended');
    expect(exitMessage(null, ['/bin/sh'], 'socket hang up')).toBe('The session ended: socket hang up');
  });
});
