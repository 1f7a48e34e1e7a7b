// A stack service's Build opens the build dialog with the service's `build:` settings as compose resolved them
// (context, Dockerfile, args, target, the image compose runs), and builds it with BuildKit's live steps: the image
// compose runs for the service is the one built, from the named target with the compose file's args.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDockerCli } from '../../src-main/docker-cli/cli-runner';
import { containerOutput } from '../support/container-output';
import { testHostCli } from '../support/compose-project';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { BuildDialog } from './pages/builds-page';
import { StacksPage } from './pages/stacks-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp({ compose: true });
const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-e2e-stack-build-');
const project = `built-${uniqueName('e2e')}`;
const file = join(scratch, 'compose.yaml');

writeFileSync(
  join(scratch, 'Dockerfile'),
  `FROM ${image} AS base
ARG GREETING=unset
RUN echo "$GREETING" > /greeting
FROM base AS final
RUN echo final > /stage
CMD ["sleep", "3600"]
FROM base AS other
RUN echo other > /stage
`,
);
writeFileSync(
  file,
  `services:
  app:
    build:
      context: .
      target: final
      args:
        GREETING: from compose
`,
);

async function cli(args: string[]) {
  const { docker: executable, env } = await testHostCli(join(scratch, 'cli-config'));
  return runDockerCli({ docker: executable, dockerHost, env }, args);
}

async function catIn(ref: string, paths: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: ref, Cmd: ['cat', ...paths], Labels: testLabels() });
  try {
    await container.start();
    await container.wait();
    return (await containerOutput(container)).stdout;
  } finally {
    await container.remove({ force: true });
  }
}

afterAll(async () => {
  await cli(['compose', '-p', project, '-f', file, 'down', '--rmi', 'local']).catch(() => undefined);
});

describe('Build from a stack service', () => {
  it("opens the build dialog with the service's build: settings and builds the image compose runs", async () => {
    await cli(['compose', '-p', project, '-f', file, 'create']);
    const before = (await docker.getImage(`${project}-app`).inspect()).Id;

    const stacks = new StacksPage(app.page);
    await stacks.open();
    const detail = await stacks.openDetail(project);
    await detail.service('app').getByTestId('service-build').click();
    const dialog = new BuildDialog(app.page);
    await dialog.root.waitFor();
    expect(await dialog.field('build-context').inputValue()).toBe(scratch);
    expect(await dialog.field('build-tags').inputValue()).toBe(`${project}-app`);
    await expect.poll(() => dialog.root.getByTestId('build-target').textContent()).toContain('final');
    expect(await dialog.root.getByTestId('build-arg-value').locator('input').inputValue()).toBe('from compose');
    await dialog.root.getByTestId('build-no-cache').click();
    await screenshotThemes(app.page, 'stack-service-build');
    await dialog.submit();
    await expect.poll(() => dialog.state(), { timeout: 120_000 }).toBe('succeeded');
    const names = await dialog.steps().locator('.step-name').allTextContents();
    expect(names.some((n) => n.includes('echo final'))).toBe(true);
    expect(names.some((n) => n.includes('echo other'))).toBe(false);
    await dialog.submit(); // Done
    await dialog.waitClosed();

    const after = (await docker.getImage(`${project}-app`).inspect()).Id;
    expect(after).not.toBe(before);
    expect(await catIn(`${project}-app`, ['/stage', '/greeting'])).toBe('final\nfrom compose\n');
  }, 240_000);
});
