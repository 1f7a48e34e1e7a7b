// The commit and limits dialogs' forms: change lines checked by line number, limits prefilled from inspect and checked
// like the run dialog's, and only what changed sent to containers.update.
import { describe, expect, it } from 'vitest';
import type { ContainerDetail } from '../../../src-main/contract/dto/containers';
import {
  commitArgs,
  emptyCommitForm,
  validateCommitForm,
} from '../../../src-renderer/src/components/container/commit-form';
import {
  sizeText,
  updateArgs,
  updateFormOf,
  validateUpdateForm,
} from '../../../src-renderer/src/components/container/update-form';

const MIB = 1024 * 1024;

describe('commit form', () => {
  it('names the first bad change line by its number, and a bad tag', () => {
    const form = { ...emptyCommitForm(), reference: 'Bad Tag', changes: 'CMD ["sh"]\n\nRUN make' };
    const errors = validateCommitForm(form);
    expect(errors.changes).toMatch(/^line 3: RUN cannot be committed/);
    expect(errors.reference).toBeDefined();
  });

  it('sends the lines that are not blank, and only the fields given', () => {
    const form = { ...emptyCommitForm(), reference: ' app:1 ', changes: 'cmd ["sh"]\n\nENV A=1\n' };
    expect(validateCommitForm(form)).toEqual({});
    expect(commitArgs('c1', form)).toEqual({
      id: 'c1',
      pause: true,
      reference: 'app:1',
      changes: ['CMD ["sh"]', 'ENV A=1'],
    });
  });
});

describe('limits form', () => {
  const detail = {
    id: 'c1',
    memoryLimit: 64 * MIB,
    memorySwap: 128 * MIB,
    nanoCpus: 1_500_000_000,
    cpuShares: 0,
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
  } as ContainerDetail;

  it('is prefilled from inspect in the run dialog’s syntax', () => {
    expect(updateFormOf(detail)).toEqual({
      memory: '64m',
      memorySwap: '128m',
      cpus: '1.5',
      cpuShares: '',
      restartPolicy: 'no',
      restartMaxRetries: null,
    });
    expect([sizeText(0), sizeText(-1), sizeText(2 * 1024 ** 3), sizeText(1000)]).toEqual(['', '-1', '2g', '1000']);
  });

  it('refuses bad sizes, swap below memory, shares out of range, and a lifted limit', () => {
    const before = updateFormOf(detail);
    const errors = validateUpdateForm(
      { ...before, memory: '96m', memorySwap: '64m', cpus: '', cpuShares: '1' },
      before,
    );
    expect(errors).toEqual({
      memorySwap: 'must be at least the memory limit (memory + swap)',
      cpus: 'the engine cannot lift a limit it has set: give a value',
      cpuShares: 'must be a whole number from 2 to 262144',
    });
    expect(validateUpdateForm({ ...before, memory: '96x' }, before).memory).toMatch(/must be a number/);
  });

  it('sends only what changed', () => {
    const before = updateFormOf(detail);
    expect(updateArgs('c1', before, before)).toEqual({ id: 'c1' });
    expect(
      updateArgs(
        'c1',
        { ...before, memory: '96m', cpuShares: '512', restartPolicy: 'on-failure', restartMaxRetries: 3 },
        before,
      ),
    ).toEqual({ id: 'c1', memory: '96m', cpuShares: 512, restartPolicy: 'on-failure', restartMaxRetries: 3 });
  });
});
