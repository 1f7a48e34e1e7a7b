// Deleting image rows: tags untagged, untagged images by id, and a confirmation that names what goes and stays.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import {
  blockedNote,
  deleteConfirmation,
  deleteTargets,
  refusalReason,
  type ImageUser,
} from '../../../src-renderer/src/components/images/delete-plan';
import { rowsOfImage } from '../../../src-renderer/src/components/images/image-rows';

function image(id: string, repoTags: string[]): ImageSummary {
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    repoTags,
    repoDigests: [],
    created: 1,
    size: 1_500_000,
    containers: 0,
    dangling: repoTags.length === 0,
    labels: {},
    berthOwned: false,
  };
}

const multi = image('aa', ['web:1', 'web:latest']);
const single = image('bb', ['db:15']);
const none = image('cc', []);

describe('deleteTargets', () => {
  it('removes a tag of a multi-tag image as just that tag, keeping the others', () => {
    const [first] = rowsOfImage(multi);
    expect(deleteTargets([first!])).toEqual([
      {
        ref: 'web:1',
        label: 'web:1',
        keeps: ['web:latest'],
        imageId: multi.id,
        size: 1_500_000,
        users: [],
        blocked: false,
      },
    ]);
  });

  it('removes every tag of an image when all its rows are selected, so the image goes', () => {
    const targets = deleteTargets([...rowsOfImage(multi), ...rowsOfImage(single), ...rowsOfImage(none)]);
    expect(targets.map((t) => [t.ref, t.keeps])).toEqual([
      ['web:1', []],
      ['web:latest', []],
      ['db:15', []],
      [none.id, []],
    ]);
  });

  it('lists a row once even when selected twice', () => {
    const row = rowsOfImage(single)[0]!;
    expect(deleteTargets([row, row])).toHaveLength(1);
  });
});

describe('deleteConfirmation', () => {
  it('says a tag goes and the image stays', () => {
    const c = deleteConfirmation(deleteTargets([rowsOfImage(multi)[1]!]));
    expect(c).toEqual({
      title: 'Remove tag?',
      message: 'Remove the tag web:latest?',
      note: 'The image aa0000000000 stays: it is still tagged web:1.',
      confirm: 'Delete',
      force: false,
    });
  });

  it('names one image with its size', () => {
    const c = deleteConfirmation(deleteTargets(rowsOfImage(single)));
    expect(c.title).toBe('Delete image?');
    expect(c.message).toBe('Delete the image db:15 (1.5 MB)?');
    expect(deleteConfirmation(deleteTargets(rowsOfImage(none))).message).toBe(
      'Delete the image <none> (cc0000000000) (1.5 MB)?',
    );
  });

  it('lists each of several targets, marking tags whose image stays', () => {
    const c = deleteConfirmation(deleteTargets([rowsOfImage(multi)[0]!, ...rowsOfImage(single)]));
    expect(c.title).toBe('Delete 2 images?');
    expect(c.items).toEqual(['web:1 — tag only, the image stays as web:latest', 'db:15']);
  });
});

describe('images that containers use', () => {
  const user = (name: string, imageId: string, state: ImageUser['state']): ImageUser => ({ name, imageId, state });
  const users = [
    user('web-2', multi.id, 'exited'),
    user('web-10', multi.id, 'running'),
    user('db', single.id, 'exited'),
  ];

  it('finds the users only where the removal deletes the image', () => {
    expect(deleteTargets([rowsOfImage(multi)[0]!], users)[0]!.users).toEqual([]);
    expect(deleteTargets(rowsOfImage(multi), users).map((t) => t.users.map((u) => u.name))).toEqual([
      ['web-2', 'web-10'],
      ['web-2', 'web-10'],
    ]);
  });

  it('names the containers up front and says what force does with stopped ones', () => {
    const c = deleteConfirmation(deleteTargets(rowsOfImage(single), users));
    expect(c.title).toBe('Delete image in use?');
    expect(c.message).toBe('db:15 is used by 1 container, so a plain Delete is refused while it exists:');
    expect(c.items).toEqual(['db']);
    expect(c.note).toContain('Force delete removes the tag anyway.');
    expect(c.note).toContain('The image goes too: its containers stay, and show the image by its id');
    expect(c.note).not.toContain('runs');
    expect([c.confirm, c.force]).toEqual(['Force delete', true]);
  });

  it('says a running container keeps the image, untagged', () => {
    const c = deleteConfirmation(deleteTargets(rowsOfImage(multi), users));
    expect(c.items).toEqual(['web:1 — used by web-2, web-10', 'web:latest — used by web-2, web-10']);
    expect(c.note).toContain('While web-10 runs, the engine keeps the image, untagged; delete it from the dangling');
    expect(c.note).not.toContain('goes too');
    const both = deleteConfirmation(deleteTargets([...rowsOfImage(multi), ...rowsOfImage(single)], users));
    expect(both.note).toContain('An image only stopped containers use goes too');
    expect(both.message).toBe('Delete these 3 images? 3 are used by containers.');
  });

  it('leaves out an untagged image a running container uses, saying why', () => {
    const blocked = deleteTargets(rowsOfImage(none), [user('job', none.id, 'running')]);
    expect(blocked[0]!.blocked).toBe(true);
    expect(blockedNote(blocked)).toMatch(/^<none> \(cc0000000000\) stays: job runs it, .* even forced/);
    const mixed = deleteTargets([...rowsOfImage(none), ...rowsOfImage(single)], [user('job', none.id, 'running')]);
    const c = deleteConfirmation(mixed);
    expect([c.title, c.force]).toEqual(['Delete image?', false]);
    expect(c.note).toContain('stays: job runs it');
    const two = deleteTargets(rowsOfImage(none), [user('job-2', none.id, 'running'), user('job-1', none.id, 'paused')]);
    expect(blockedNote(two)).toContain('stays: job-1, job-2 run it');
  });

  it('puts the engine refusals in words', () => {
    expect(
      refusalReason(
        'conflict: unable to remove repository reference "a:1" (must force) - container 1 is using its referenced image 2',
      ),
    ).toBe('a container uses it');
    expect(
      refusalReason('conflict: unable to delete 2 (cannot be forced) - image is being used by running container 1'),
    ).toBe('a running container uses it');
    expect(refusalReason('no such image')).toBeUndefined();
  });
});
