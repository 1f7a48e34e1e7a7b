// Command lines typed in the Run dialog: shell-like quoting into argument arrays, and back.
import { describe, expect, it } from 'vitest';
import { joinCommand, splitCommand } from '../../../src-renderer/src/components/images/command-line';

describe('splitCommand', () => {
  it('splits on whitespace and honours quotes and backslashes without expanding anything', () => {
    expect(splitCommand('httpd -f -p 80 -h /')).toEqual(['httpd', '-f', '-p', '80', '-h', '/']);
    expect(splitCommand(`  sh  -c 'echo "$HOME" > /tmp/x'  `)).toEqual(['sh', '-c', 'echo "$HOME" > /tmp/x']);
    expect(splitCommand(`echo "a \\"b\\" \\\\ \\n" c\\ d`)).toEqual(['echo', 'a "b" \\ \\n', 'c d']);
    expect(splitCommand(`x '' ""`)).toEqual(['x', '', '']);
    expect(splitCommand(`a'b'"c"`)).toEqual(['abc']);
    expect(splitCommand('   ')).toEqual([]);
  });

  it('refuses unclosed quotes and a dangling backslash', () => {
    expect(() => splitCommand(`sh -c 'echo`)).toThrow('the single quote is never closed');
    expect(() => splitCommand('say "hi')).toThrow('the double quote is never closed');
    expect(() => splitCommand('echo \\')).toThrow('a backslash at the end has nothing to escape');
  });
});

describe('joinCommand', () => {
  it('quotes only the words that need it, so splitting gives the same words back', () => {
    const words = ['sh', '-c', `echo 'it''s' "$X"`, '', '/bin/ls', 'a=b'];
    expect(joinCommand(['/bin/sh', '-c', 'ls -l'])).toBe(`/bin/sh -c 'ls -l'`);
    expect(splitCommand(joinCommand(words))).toEqual(words);
  });
});
