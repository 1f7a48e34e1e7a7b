// Words quoted for sh so a path with spaces or quotes reaches the VM's shell as one word.
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../../src-main/core/shell-quote';

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('/home/me/app/compose.yaml')).toBe('/home/me/app/compose.yaml');
    expect(shellQuote('my app')).toBe("'my app'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'");
    expect(shellQuote('*')).toBe("'*'");
  });

  it('joins a command line', () => {
    expect(shellCommand(['docker', 'compose', '-f', '/a b/c.yaml', 'up'])).toBe("docker compose -f '/a b/c.yaml' up");
  });
});
