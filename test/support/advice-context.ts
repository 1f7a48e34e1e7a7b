// A build context whose Dockerfile breaks advice rules: FROM the busybox test image, a stand-in apt-get whose
// "update" leaves 3 MiB of package lists and "install gcc" 1 MiB of compiler, so the RUN layer is ~4 MiB.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FAKE_APT = `#!/bin/sh
mkdir -p /var/lib/apt/lists
[ "$1" = update ] && dd if=/dev/urandom of=/var/lib/apt/lists/main_Packages bs=1048576 count=3 2>/dev/null
[ "$1" = install ] && mkdir -p /usr/lib/gcc && dd if=/dev/urandom of=/usr/lib/gcc/cc1 bs=1048576 count=1 2>/dev/null
exit 0
`;

/** The Dockerfile's text for a base image: line 3 is the RUN, line 4 an ENV secret. */
export function adviceDockerfile(image: string): string {
  return `FROM ${image}
COPY apt-get /bin/apt-get
RUN apt-get update && apt-get install -y --no-install-recommends gcc
ENV API_TOKEN=not-a-real-one
CMD ["sh"]
`;
}

/** Writes the context into `dir` (made if missing) and returns the Dockerfile's path. */
export function writeAdviceContext(dir: string, image: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), adviceDockerfile(image));
  writeFileSync(join(dir, 'apt-get'), FAKE_APT);
  chmodSync(join(dir, 'apt-get'), 0o755);
  return join(dir, 'Dockerfile');
}
