// Deleting image rows: tags untagged, untagged images by id, and a confirmation that names what goes and stays.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { deleteConfirmation, deleteTargets } from '../../../src-renderer/src/components/images/delete-plan';
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
      { ref: 'web:1', label: 'web:1', keeps: ['web:latest'], imageId: multi.id, size: 1_500_000 },
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
