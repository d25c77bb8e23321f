import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes what arrives together in one batch, answering each caller with its own result', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(
      async (items) => {
        batches.push(items);
        return items.map((n) => `#${n}`);
      },
      { maxBatch: 3, maxWriting: 1 },
    );
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.add(n)));
    expect(answers).toEqual(['#1', '#2', '#3', '#4', '#5']);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('writes a failed batch again one by one, so only the bad item fails', async () => {
    const failures: number[] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(13)) throw new Error('13 is refused');
        return items.map((n) => n * 2);
      },
      { maxBatch: 10, maxWriting: 2, onBatchFailure: (size) => failures.push(size) },
    );
    const settled = await Promise.allSettled([12, 13, 14].map((n) => commit.add(n)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([24, '13 is refused', 28]);
    expect(failures).toEqual([3]);
  });
});
