import { describe, expect, it } from 'vitest';
import type { ImageLayer } from '../../../../src-main/contract/dto/images';
import { analyzeDockerfile } from '../../../../src-main/insight/advice/analyze';
import { historyInstruction } from '../../../../src-main/insight/advice/history-match';

const DOCKERFILE = `FROM busybox:1.36
ARG FLAVOUR=big
COPY . /app
RUN dd if=/dev/zero of=/var/lib/apt/lists/blob bs=1k count=8 \\
    && echo "installed $FLAVOUR"
ENV MODE=prod
CMD ["sh"]
`;

/** Newest first, as the Engine API answers; sizes in bytes. */
function history(createdBy: string[]): ImageLayer[] {
  return createdBy
    .map((line, index) => ({
      id: `<missing>`,
      created: index,
      createdBy: line,
      size: (index + 1) * 1000,
      comment: '',
      tags: [],
    }))
    .reverse();
}

describe('historyInstruction', () => {
  it.each([
    ['RUN /bin/sh -c apt-get update # buildkit', 'RUN', 'apt-get update'],
    ['RUN |1 FLAVOUR=big /bin/sh -c echo $FLAVOUR # buildkit', 'RUN', 'echo $FLAVOUR'],
    ['COPY . /app # buildkit', 'COPY', '. /app'],
    ['ENV MODE=prod', 'ENV', 'MODE=prod'],
    ['/bin/sh -c #(nop) COPY dir:4b2a in /app ', 'COPY', 'dir:4b2a in /app'],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD', '["sh"]'],
    ['/bin/sh -c echo hi', 'RUN', 'echo hi'],
    ['|1 FLAVOUR=big /bin/sh -c echo hi', 'RUN', 'echo hi'],
  ])('reads %s', (createdBy, keyword, body) => {
    expect(historyInstruction(createdBy)).toEqual({ keyword, body });
  });
});

describe('findings tied to an image history', () => {
  const run = 'dd if=/dev/zero of=/var/lib/apt/lists/blob bs=1k count=8     && echo "installed $FLAVOUR"';
  const base = ['/bin/sh -c #(nop) ADD file:aa in / ', '/bin/sh -c #(nop)  CMD ["sh"]'];

  it.each([
    [
      'BuildKit',
      [
        ...base,
        'ARG FLAVOUR=big',
        'COPY . /app # buildkit',
        `RUN |1 FLAVOUR=big /bin/sh -c ${run} # buildkit`,
        'ENV MODE=prod',
        'CMD ["sh"]',
      ],
    ],
    [
      'the classic builder',
      [
        ...base,
        '/bin/sh -c #(nop)  ARG FLAVOUR=big',
        '/bin/sh -c #(nop) COPY dir:abc in /app ',
        `|1 FLAVOUR=big /bin/sh -c ${run}`,
        '/bin/sh -c #(nop)  ENV MODE=prod',
        '/bin/sh -c #(nop)  CMD ["sh"]',
      ],
    ],
  ])('matches the final stage to the history written by %s', (_builder, entries) => {
    const dockerfile = DOCKERFILE.replace('dd if', 'apt-get update && dd if');
    const report = analyzeDockerfile(DOCKERFILE, { id: 'img', user: '', history: history(entries) });
    expect(report.image).toEqual({ id: 'img', matched: 2, layerSteps: 2 });
    const copy = report.findings.find((f) => f.rule === 'consecutive-runs');
    expect(copy).toBeUndefined();
    const withApt = analyzeDockerfile(dockerfile, { id: 'img', user: '', history: history(entries) });
    expect(withApt.image?.matched).toBe(1); // the RUN text differs from the image's now
  });

  it('gives a kept cache the RUN layer and its size, and the exact bytes where a layer analysis counts them', () => {
    const dockerfile = 'FROM busybox:1.36\nRUN apt-get update\nUSER app\n';
    const entries = [...base, 'RUN /bin/sh -c apt-get update # buildkit', 'USER app'];
    const plain = analyzeDockerfile(dockerfile, { id: 'img', user: '', history: history(entries) });
    const cache = plain.findings.find((f) => f.rule === 'package-cache-kept')!;
    expect(cache.layers).toEqual([{ history: 2, createdBy: entries[2], size: 3000 }]);
    expect(cache.paths).toEqual(['/var/lib/apt/lists']);
    const counted = analyzeDockerfile(dockerfile, {
      id: 'img',
      user: '',
      history: history(entries),
      pathBytes: (layer, paths) => (layer === 2 && paths[0] === '/var/lib/apt/lists' ? 1234 : undefined),
    });
    expect(counted.findings.find((f) => f.rule === 'package-cache-kept')!.layers[0]!.pathBytes).toBe(1234);
  });

  it('ties nothing when the history is of another Dockerfile', () => {
    const report = analyzeDockerfile('FROM busybox:1.36\nRUN echo a\nRUN echo b\n', {
      id: 'img',
      user: '',
      history: history([...base, 'RUN /bin/sh -c echo c # buildkit']),
    });
    expect(report.image).toEqual({ id: 'img', matched: 0, layerSteps: 2 });
    expect(report.findings.every((f) => f.layers.length === 0)).toBe(true);
  });
});

describe("the image's own configuration", () => {
  it('drops "runs as root" when the image runs as a user its base image chose', () => {
    const dockerfile = 'FROM node:20\nCMD ["node"]\n';
    const rules = (user: string) =>
      analyzeDockerfile(dockerfile, { id: 'img', user, history: [] }).findings.map((f) => f.rule);
    expect(rules('node')).not.toContain('runs-as-root');
    expect(rules('')).toContain('runs-as-root');
    expect(rules('0:0')).toContain('runs-as-root');
  });
});
