// Commit change lines: the instructions `docker commit --change` takes, each checked with a message naming the line.
import { describe, expect, it } from 'vitest';
import { parseCommitChange } from '../../../src-main/core/commit-change';
import { parseMemorySwap } from '../../../src-main/core/bytes';

describe('parseCommitChange', () => {
  it('takes each committable instruction, its name in capitals', () => {
    expect(parseCommitChange('cmd ["sh"]')).toBe('CMD ["sh"]');
    expect(parseCommitChange('  ENV A=1 B=2 ')).toBe('ENV A=1 B=2');
    expect(parseCommitChange('ENV A 1')).toBe('ENV A 1');
    expect(parseCommitChange('EXPOSE 80 53/udp')).toBe('EXPOSE 80 53/udp');
    expect(parseCommitChange('ENTRYPOINT /bin/sh -c')).toBe('ENTRYPOINT /bin/sh -c');
    expect(parseCommitChange('WORKDIR /srv')).toBe('WORKDIR /srv');
  });

  it('refuses what the engine would not take, saying why', () => {
    expect(() => parseCommitChange('CMD')).toThrow('must be an instruction and its value');
    expect(() => parseCommitChange('RUN rm -rf /')).toThrow('RUN cannot be committed; use CMD, ENTRYPOINT');
    expect(() => parseCommitChange('CMD ["sh",]')).toThrow('CMD [ … ] must be a JSON list');
    expect(() => parseCommitChange('VOLUME [1]')).toThrow('must be a JSON list of strings');
    expect(() => parseCommitChange('ENV A')).toThrow('ENV needs KEY=VALUE');
    expect(() => parseCommitChange('EXPOSE 80/tcpx')).toThrow('protocol "tcpx" must be tcp, udp or sctp');
    expect(() => parseCommitChange('EXPOSE 99999')).toThrow('invalid change "EXPOSE 99999"');
  });
});

describe('parseMemorySwap', () => {
  it('a size, or -1 for unlimited swap', () => {
    expect(parseMemorySwap('1g')).toBe(1024 ** 3);
    expect(parseMemorySwap(' -1 ')).toBe(-1);
    expect(() => parseMemorySwap('-2')).toThrow('invalid size "-2"');
  });
});
