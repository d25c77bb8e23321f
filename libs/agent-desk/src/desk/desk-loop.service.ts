import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AppConfig } from '@app/core';
import type { TurnIntent } from '@app/contracts';
import { ConversationRecorder, type TurnRecord } from '@app/conversations';
import { CALL_ENDED, type CallEnded } from '@app/dispatch';
import { DeskPublisher } from '../gateway/desk-publisher';
import { Wallboard } from '../wallboard/wallboard.service';
import { AgentDesk } from './agent-desk.service';

/** How often offers, wrap-ups and the queue are looked at. */
const TICK_MS = 500;
/** How often the agents marked connected are checked against the consoles really connected (an instance that died says nothing). */
const SWEEP_MS = 15_000;

/**
 * What keeps the desk moving by itself: the timers (lapsed offers, wrap-up, routing the queue),
 * the wallboard sent to the supervisors watching on this instance, a carrier's word that a call
 * ended, and a handed-over AI call's turns streamed to its agent.
 */
@Injectable()
export class DeskLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeskLoop.name);
  private timers: NodeJS.Timeout[] = [];
  private ticking = false;
  private sending = false;
  private stopTurns: (() => void) | null = null;

  constructor(
    private readonly desk: AgentDesk,
    private readonly wallboard: Wallboard,
    private readonly publisher: DeskPublisher,
    private readonly recorder: ConversationRecorder,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timers = [
      setInterval(() => void this.tick(), TICK_MS),
      setInterval(() => void this.sendWallboard(), this.config.WALLBOARD_INTERVAL_MS),
      setInterval(() => void this.desk.sweepConsoles().catch((e: unknown) => this.logger.warn(`console sweep failed: ${String(e)}`)), SWEEP_MS),
    ];
    for (const t of this.timers) t.unref();
    this.stopTurns = this.recorder.onTurn((conversationId, seq, turn) => this.streamTurn(conversationId, seq, turn));
  }

  beforeApplicationShutdown(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.stopTurns?.();
  }

  @OnEvent(CALL_ENDED, { async: true, promisify: true })
  async callEnded(call: CallEnded): Promise<void> {
    await this.desk.callEnded(call.attemptId, call.outcome).catch((e: unknown) => this.logger.warn(`attempt ${call.attemptId}: the desk could not end its call: ${String(e)}`));
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.desk.tick();
    } catch (error) {
      this.logger.warn(`desk tick failed: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }

  private async sendWallboard(): Promise<void> {
    const scopes = this.publisher.watching();
    if (this.sending || !scopes.length) return;
    this.sending = true;
    try {
      // one snapshot per scope watched here: the whole center's, and each branch's of its supervisors
      for (const branchCode of scopes) this.publisher.toLocalWallboard(branchCode, await this.wallboard.snapshot({ branchCode }));
    } catch (error) {
      this.logger.warn(`wallboard failed: ${String(error)}`);
    } finally {
      this.sending = false;
    }
  }

  /** A turn of an AI call handed over on this instance goes to its agent's console (the call's room). */
  private streamTurn(conversationId: number, seq: number, turn: TurnRecord): void {
    const callId = this.desk.handoffCall(conversationId);
    if (callId === null) return;
    this.publisher.toCall(callId, 'transcript.turn', {
      callId,
      turn: { seq, speaker: turn.speaker, text: turn.text, intent: (turn.intent ?? null) as TurnIntent | null, confidence: turn.confidence ?? null, step: turn.step ?? null, at: turn.at.toISOString() },
    });
  }
}
