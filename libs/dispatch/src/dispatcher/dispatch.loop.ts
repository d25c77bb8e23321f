import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CampaignLifecycle } from '@app/campaigns';
import { AppConfig } from '@app/core';
import { DirtyCampaigns } from '../outcomes/dirty-campaigns';
import { type DispatchPass, Dispatcher } from './dispatcher.service';
import { type ReceiptPass, type ReconcilePass, Reconciler } from './reconciler.service';

export interface LoopPass {
  reconciled: ReconcilePass;
  dispatched: DispatchPass;
}

/** How often the dispatcher looks for SMS whose delivery receipt is overdue. */
const RECEIPT_CHECK_EVERY_MS = 60_000;

/** Each pass of the loop, announced with its counts (the metrics add them up). */
export const DISPATCH_PASS = 'dispatch.pass';

/**
 * Every instance's dispatcher: reconcile expired leases and send what is due; beside it, now and
 * then, plan the campaigns that have new outcomes (next steps, retries), and ask the carrier about
 * SMS whose delivery receipt is overdue. A pass that filled its batch runs
 * again at once. On shutdown it stops claiming and lets the pass under way finish, so no claimed
 * attempt is left in the middle of a send.
 */
@Injectable()
export class DispatchLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DispatchLoop.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private planning: Promise<unknown> | null = null;
  private receipts: Promise<unknown> | null = null;
  private lastReceiptCheck = 0;
  private stopped = false;
  private lastReplan = 0;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly reconciler: Reconciler,
    private readonly lifecycle: CampaignLifecycle,
    private readonly dirty: DirtyCampaigns,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED || !this.config.DISPATCH_ENABLED) return;
    this.logger.log(`dispatcher ${this.dispatcher.owner} started: every ${this.config.DISPATCH_INTERVAL_MS} ms, batches of ${this.config.DISPATCH_BATCH_SIZE}`);
    this.schedule(0);
  }

  /** Before any module's own shutdown (the database closes in one), so the pass under way can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.running?.catch(() => undefined), this.planning?.catch(() => undefined), this.receipts?.catch(() => undefined)]);
  }

  /** One pass, as the loop runs it (tests call it directly, and plan with replanDirty). */
  async runOnce(): Promise<LoopPass> {
    const reconciled = await this.reconciler.reconcile(this.dispatcher.owner);
    const dispatched = await this.dispatcher.dispatch();
    const pass = { reconciled, dispatched };
    this.events.emit(DISPATCH_PASS, pass);
    return pass;
  }

  /** Plans the campaigns with new outcomes; at most every DISPATCH_REPLAN_SECONDS unless forced. */
  async replanDirty(force: boolean): Promise<number> {
    if (!force && Date.now() - this.lastReplan < this.config.DISPATCH_REPLAN_SECONDS * 1000) return 0;
    this.lastReplan = Date.now();
    let planned = 0;
    for (const id of this.dirty.take()) {
      try {
        planned += (await this.lifecycle.replan(id)).planned;
      } catch (e) {
        // a campaign paused or completed meanwhile is not planned; nothing to retry
        this.logger.debug(`planning campaign ${id} after new outcomes: ${String(e)}`);
      }
    }
    return planned;
  }

  /** Asks the carrier about SMS left at `sent`; at most every minute unless forced. */
  async checkReceipts(force: boolean): Promise<ReceiptPass | null> {
    if (!force && Date.now() - this.lastReceiptCheck < RECEIPT_CHECK_EVERY_MS) return null;
    this.lastReceiptCheck = Date.now();
    return this.reconciler.recheckReceipts();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // planning a large campaign again can take seconds: it runs beside the sending, one at a time
      this.planning ??= this.replanDirty(false)
        .catch((e: unknown) => this.logger.error(`planning after new outcomes failed: ${String(e)}`))
        .finally(() => (this.planning = null));
      this.receipts ??= this.checkReceipts(false)
        .catch((e: unknown) => this.logger.error(`checking delivery receipts failed: ${String(e)}`))
        .finally(() => (this.receipts = null));
      this.running = this.runOnce()
        .then((pass) => this.schedule(pass.dispatched.claimed >= this.config.DISPATCH_BATCH_SIZE ? 0 : this.config.DISPATCH_INTERVAL_MS))
        .catch((e: unknown) => {
          this.logger.error(`dispatch pass failed: ${String(e)}`);
          this.schedule(this.config.DISPATCH_INTERVAL_MS);
        });
    }, delay);
  }
}
