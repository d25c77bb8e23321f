export interface GroupCommitOptions {
  /** The most items one write takes. */
  maxBatch: number;
  /** Writes in flight at once: one waits on the database while the next batch forms. */
  maxWriting: number;
  /** Told when a batch failed and its items are written again one by one. */
  onBatchFailure?: (size: number, error: unknown) => void;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items added while a batch is being written wait and go together in the next
 * write, so under load each costs a share of one transaction instead of one of its own, and
 * alone it goes at once. A batch that fails is written again item by item, so one bad item fails
 * only its own caller. `write` answers one result per item, in order.
 */
export class GroupCommit<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private scheduled = false;
  private writing = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // the items of this turn of the event loop go together
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.writing < this.options.maxWriting && this.queue.length) {
      this.writing += 1;
      void this.flush(this.queue.splice(0, this.options.maxBatch)).finally(() => {
        this.writing -= 1;
        this.drain();
      });
    }
  }

  private async flush(batch: Array<Pending<T, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.write(batch.map((p) => p.item));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      this.options.onBatchFailure?.(batch.length, error);
      for (const one of batch) await this.flush([one]);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }
}
