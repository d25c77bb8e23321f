import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChannelClass } from '@app/contracts';
import { AppConfig, Clock, execute, isPostgres, query, toDate } from '@app/core';
import { type BucketRate, bucketRate, type BucketState, returnTokens, takeTokens } from './token-bucket';

/**
 * The carrier's rate per provider account and channel class. On PostgreSQL the bucket is a row
 * every instance takes from under a row lock, so two dispatchers together keep one account's
 * rate; on SQLite (one process) it lives in memory.
 */
@Injectable()
export class RateLimiter {
  private readonly local = new Map<string, BucketState>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  rate(cls: ChannelClass): BucketRate {
    return bucketRate(cls === 'sms' ? this.config.DISPATCH_SMS_PER_SECOND : this.config.DISPATCH_CALLS_PER_SECOND);
  }

  /** Up to `wanted` sends allowed now. */
  async take(account: string, cls: ChannelClass, wanted: number): Promise<number> {
    const rate = this.rate(cls);
    if (rate.perSecond <= 0 || wanted <= 0) return Math.max(0, wanted);
    return this.update(account, cls, (state, now) => {
      const taken = takeTokens(state, rate, wanted, now);
      return { result: taken.granted, state: taken.state };
    });
  }

  /** Hands back tokens that were granted but not used. */
  async giveBack(account: string, cls: ChannelClass, unused: number): Promise<void> {
    const rate = this.rate(cls);
    if (rate.perSecond <= 0 || unused <= 0) return;
    await this.update(account, cls, (state, now) => ({ result: 0, state: returnTokens(state ?? { tokens: 0, refilledAt: now }, rate, unused) }));
  }

  private async update(account: string, cls: ChannelClass, change: (state: BucketState | null, now: number) => { result: number; state: BucketState }): Promise<number> {
    const now = this.clock.now().getTime();
    const key = `${account}|${cls}`;
    if (!isPostgres(this.dataSource)) {
      const next = change(this.local.get(key) ?? null, now);
      this.local.set(key, next.state);
      return next.result;
    }
    return this.dataSource.transaction(async (em) => {
      const params = { account, cls };
      await execute(em, 'INSERT INTO rate_buckets (account, channel_class, tokens, refilled_at) VALUES (:account, :cls, -1, now()) ON CONFLICT DO NOTHING', params);
      const [row] = await query<{ tokens: number; refilled_at: unknown }>(em, 'SELECT tokens, refilled_at FROM rate_buckets WHERE account = :account AND channel_class = :cls FOR UPDATE', params);
      // -1 marks a bucket nobody has taken from yet: it starts full
      const state = Number(row.tokens) < 0 ? null : { tokens: Number(row.tokens), refilledAt: (toDate(row.refilled_at) as Date).getTime() };
      const next = change(state, now);
      await execute(em, 'UPDATE rate_buckets SET tokens = :tokens, refilled_at = :at WHERE account = :account AND channel_class = :cls', { ...params, tokens: next.state.tokens, at: new Date(next.state.refilledAt) });
      return next.result;
    });
  }
}
