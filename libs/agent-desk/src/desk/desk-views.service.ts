import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '@app/auth';
import { Campaign, ContactAttempt } from '@app/campaigns';
import type { DeskAgentState, DeskCall, DeskCustomerCard, DeskEarlierCall, DeskHandoff, DeskScriptStep, GraphScriptBody, TurnIntent } from '@app/contracts';
import { ConversationTranscripts } from '@app/conversations';
import { ContactEvent, Customer, toSummary, toTimelineEntry } from '@app/customers';
import { MessageRenderer } from '@app/dispatch';
import { DEFAULT_CONTEXT_VALUES, renderTemplate, scriptContext } from '@app/scripts';
import type { AppConfig } from '@app/core';
import { AgentState, DeskCallRecord } from '../store/desk.entities';

const TIMELINE_ON_CARD = 10;
/** Calls whose renderings are kept on one instance: more than its consoles hold at once. */
const RENDERINGS_KEPT = 5_000;

export interface CallRendering {
  script: GraphScriptBody;
  /** A step of the script (the first for an id it does not have) as the console shows it, less whether it was acknowledged. */
  step(id: string): Omit<DeskScriptStep, 'acknowledged'>;
}

/** What the console is sent: a call with its customer card, script step and handoff, an agent's state. */
@Injectable()
export class DeskViews {
  private readonly names = new Map<string, string>();
  private readonly renderings = new Map<number, CallRendering & { agentId: string }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transcripts: ConversationTranscripts,
    private readonly scripts: MessageRenderer,
  ) {}

  async agentName(agentId: string): Promise<string> {
    let name = this.names.get(agentId);
    if (name === undefined) {
      const user = await this.dataSource.getRepository(User).findOne({ where: { id: agentId }, select: { id: true, username: true, displayName: true } });
      name = user?.displayName || user?.username || agentId;
      this.names.set(agentId, name);
    }
    return name;
  }

  async agentState(state: AgentState, config: Pick<AppConfig, 'AGENT_OFFER_SECONDS'>): Promise<DeskAgentState> {
    const call = state.callId ? await this.dataSource.getRepository(DeskCallRecord).findOneBy({ id: state.callId }) : null;
    return {
      at: new Date().toISOString(),
      agentId: state.agentId,
      name: await this.agentName(state.agentId),
      presence: state.presence,
      since: state.presenceSince.toISOString(),
      wrapUpUntil: state.wrapUpUntil?.toISOString() ?? null,
      call: call && call.state !== 'done' && call.state !== 'withdrawn' && call.state !== 'abandoned' ? await this.call(call, config) : null,
      note: state.note,
    };
  }

  async call(record: DeskCallRecord, config: Pick<AppConfig, 'AGENT_OFFER_SECONDS'>): Promise<DeskCall> {
    const customer = await this.dataSource.getRepository(Customer).findOneByOrFail({ id: record.customerId });
    const timeline = await this.dataSource.getRepository(ContactEvent).find({ where: { customerId: record.customerId }, order: { at: 'DESC', id: 'DESC' }, take: TIMELINE_ON_CARD });
    const campaign = await this.dataSource.getRepository(Campaign).findOne({ where: { id: record.campaignId }, select: { id: true, name: true } });
    return {
      id: record.id,
      kind: record.kind,
      state: record.state,
      campaignId: record.campaignId,
      campaignName: campaign?.name ?? '',
      attemptId: record.attemptId,
      customer: card(customer, timeline),
      step: await this.step(record, customer),
      visited: record.visited,
      stepTitles: Object.fromEntries(record.script.steps.map((s) => [s.id, s.title])),
      ...(await this.handoffAndCallback(record)),
      notes: record.notes,
      disposition: record.disposition,
      callbackAt: record.callbackAt?.toISOString() ?? null,
      waitingSince: record.waitingSince.toISOString(),
      offeredAt: record.offeredAt?.toISOString() ?? null,
      offerExpiresAt: record.state === 'offered' && record.kind !== 'preview' && record.offeredAt ? new Date(record.offeredAt.getTime() + config.AGENT_OFFER_SECONDS * 1000).toISOString() : null,
      connectedAt: record.connectedAt?.toISOString() ?? null,
      endedAt: record.endedAt?.toISOString() ?? null,
    };
  }

  /** The call's current step rendered for its customer, in the words of the agent who holds it. */
  async step(record: Pick<DeskCallRecord, 'id' | 'agentId' | 'customerId' | 'step' | 'acknowledged'> & { script?: GraphScriptBody }, customer?: Customer): Promise<DeskScriptStep> {
    const rendering = await this.rendering(record, customer);
    return { ...rendering.step(record.step), acknowledged: record.acknowledged.includes(record.step) };
  }

  /**
   * A call's script and its steps rendered for its customer in its agent's name. All are fixed for
   * the call's life (the script is locked when the call is queued), so they are made once per call
   * and agent (the call's customer data as it was then) and kept for the next steps: a step taken costs no customer lookup and no template run.
   */
  async rendering(record: Pick<DeskCallRecord, 'id' | 'agentId' | 'customerId'> & { script?: GraphScriptBody }, customer?: Customer): Promise<CallRendering> {
    const agentId = record.agentId ?? '';
    const kept = this.renderings.get(record.id);
    if (kept?.agentId === agentId) return kept;
    const script = record.script ?? (await this.dataSource.getRepository(DeskCallRecord).findOneOrFail({ where: { id: record.id }, select: { id: true, script: true } })).script;
    const who = customer ?? (await this.dataSource.getRepository(Customer).findOneByOrFail({ id: record.customerId }));
    const context = scriptContext(who, { agentName: record.agentId ? await this.agentName(record.agentId) : '', ...DEFAULT_CONTEXT_VALUES });
    const rendered = new Map<string, Omit<DeskScriptStep, 'acknowledged'>>();
    const rendering: CallRendering & { agentId: string } = {
      agentId,
      script,
      step: (id) => {
        const step = script.steps.find((s) => s.id === id) ?? script.steps[0];
        let view = rendered.get(step.id);
        if (!view) {
          view = {
            id: step.id,
            title: step.title,
            text: renderTemplate(step.text, context, { mode: 'html', timeZone: who.timeZone }),
            compliance: step.compliance === true,
            options: step.options.map((o, index) => ({ index, label: o.label, next: o.next ?? null })),
            dispositions: step.dispositions,
          };
          rendered.set(step.id, view);
        }
        return view;
      },
    };
    // the oldest call's goes first: a call lasts minutes, a console holds one call
    this.renderings.delete(record.id);
    if (this.renderings.size >= RENDERINGS_KEPT) this.renderings.delete(this.renderings.keys().next().value!);
    this.renderings.set(record.id, rendering);
    return rendering;
  }

  /** A call that ended needs its rendering no more. */
  forget(callId: number): void {
    this.renderings.delete(callId);
  }

  /**
   * What the agent should know before speaking: for an AI call handed over, the transcript; for a
   * callback an agent promised, what was agreed, on which call, and that call's transcript if the
   * AI had taken it first.
   */
  private async handoffAndCallback(record: DeskCallRecord): Promise<Pick<DeskCall, 'handoff' | 'callback'>> {
    const attempt = record.kind === 'preview' ? await this.dataSource.getRepository(ContactAttempt).findOne({ where: { id: record.attemptId }, select: { id: true, dueAt: true, detail: true, assignedAgentId: true } }) : null;
    if (!attempt?.assignedAgentId) return { handoff: record.conversationId ? await this.handoff(record, record.conversationId) : null, callback: null };
    const earlier = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { callbackAttemptId: record.attemptId }, order: { id: 'DESC' } });
    return {
      handoff: earlier?.conversationId ? await this.handoff(earlier, earlier.conversationId) : null,
      callback: { dueAt: (attempt.dueAt ?? record.waitingSince).toISOString(), reason: callbackReason(attempt.detail), earlier: earlier ? await this.earlierCall(earlier) : null },
    };
  }

  async earlierCall(call: Pick<DeskCallRecord, 'kind' | 'doneAt' | 'endedAt' | 'agentId' | 'disposition' | 'notes'>): Promise<DeskEarlierCall> {
    return { kind: call.kind, at: (call.doneAt ?? call.endedAt)?.toISOString() ?? null, agentName: call.agentId ? await this.agentName(call.agentId) : '', disposition: call.disposition, notes: call.notes };
  }

  private async handoff(record: Pick<DeskCallRecord, 'reason' | 'campaignId' | 'stepNo'>, conversationId: number): Promise<DeskHandoff | null> {
    const conversation = await this.transcripts.forConversation(conversationId).catch(() => null);
    if (!conversation) return null;
    return {
      reason: record.reason ?? conversation.handoff?.reason ?? 'asked_for_human',
      transcript: conversation.turns,
      intents: conversation.turns.map((t) => t.intent).filter((i): i is TurnIntent => i !== null),
      stoppedAt: conversation.step,
      stoppedAtTitle: (await this.scripts.graph(record.campaignId, record.stepNo).catch(() => null))?.steps.find((s) => s.id === conversation.step)?.title ?? null,
    };
  }
}

/** The attempt's detail reads `回电：<what was agreed>`. */
export function callbackReason(detail: string | null): string {
  return (detail ?? '').replace(/^回电：/, '') || '客户与坐席约定回电';
}

function card(c: Customer, timeline: ContactEvent[]): DeskCustomerCard {
  const products = [c.onlineBankingActivated && 'online_banking', c.mobileBankingActive && 'mobile_banking', c.payrollService && 'payroll', c.hasLoan && 'loan'].filter((p): p is string => typeof p === 'string');
  return { ...toSummary(c), nextTierThresholdFen: c.nextTierThresholdFen === null ? null : Number(c.nextTierThresholdFen), elderlyFriendly: c.elderlyFriendly, products, timeline: timeline.map(toTimelineEntry) };
}
