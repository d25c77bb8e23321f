import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, Not, Repository } from 'typeorm';
import { CallbackPlanner, Campaign, CampaignStep, ContactAttempt, DoNotContactService } from '@app/campaigns';
import { canEnd } from '@app/scripts';
import type { DeskAgentState, DeskCallKind, Disposition, GraphScriptBody, HandoffReason } from '@app/contracts';
import { AppConfig, Clock, execute, isPostgres, type Principal, query, WriteGate } from '@app/core';
import { ContactEvent, Customer } from '@app/customers';
import { ConversationTurn } from '@app/conversations';
import { Dispatcher, MessageRenderer } from '@app/dispatch';
import { TelephonyProvider } from '@app/telephony';
import { DeskPublisher } from '../gateway/desk-publisher';
import { nextPresence, type Presence, type PresenceEvent, PresenceProblem } from '../presence/presence';
import { assignCalls, SERVED_BRANCH } from '../routing/router';
import { AgentState, DeskCallRecord } from '../store/desk.entities';
import { DeskProblem } from './desk-problem';
import { DeskViews } from './desk-views.service';
import { dispositionLabel } from './disposition-labels';
import { CALLBACK_SCRIPT, HANDOFF_SCRIPT } from './handoff-script';
import { resumeAfterAi, type ScriptPosition } from './resume-after-ai';

type Effect = () => unknown;


/** A callback an agent promised is theirs this long after it is due; then any agent of the branch may make it. */
const CALLBACK_OWNER_MINUTES = 30;
/** How many due previews and callbacks are checked against the contact policy per pass (the first due), at most this often. */
const PREVIEWS_CHECKED = 50;
const PREVIEWS_CHECK_EVERY_MS = 15_000;

interface PreviewRow {
  id: number;
  campaign_id: string;
  step_no: number;
  customer_id: number;
  branch_code: string | null;
  callback: number;
}

/** The states in which a call is still somebody's business. */
const LIVE: DeskCallRecord['state'][] = ['waiting', 'offered', 'dialing', 'connected', 'wrap_up'];

export interface DeskAgent {
  id: string;
  name: string;
  /** How the carrier reaches the agent's console: a Twilio Client identity. */
  identity: string;
}

/**
 * The agent desk's state machine, kept in the database so it is the same on every instance and
 * survives a reload and a restart: each agent's presence and the call they hold, and every call
 * from the queue to its disposition. Each change is one transaction with conditional updates
 * (a row moves only from the state it was read in); what the consoles are told is sent after the
 * commit. Routing takes a PostgreSQL advisory lock, so one instance routes at a time.
 */
@Injectable()
export class AgentDesk {
  private readonly logger = new Logger(AgentDesk.name);
  private readonly pg: boolean;
  /** The handed-over AI calls whose relay session is on this instance: conversation → desk call (and since when). */
  private readonly handoffs = new Map<number, { callId: number; since: number }>();
  /** When the due previews were last checked against the contact policy (the app's clock). */
  private previewsCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly views: DeskViews,
    private readonly publisher: DeskPublisher,
    private readonly scripts: MessageRenderer,
    private readonly callbacks: CallbackPlanner,
    private readonly doNotContact: DoNotContactService,
    private readonly provider: TelephonyProvider,
    private readonly dialer: Dispatcher,
    @InjectRepository(CampaignStep) private readonly steps: Repository<CampaignStep>,
  ) {
    this.pg = isPostgres(dataSource);
  }

  // ── the agent's console ────────────────────────────────────────────────────────────────

  /** A console connected: the agent's row exists and is marked reachable; answers their state. */
  async connect(who: Principal): Promise<DeskAgentState> {
    const now = this.clock.now();
    await this.tx(async (em) => {
      const found = await em.findOneBy(AgentState, { agentId: who.userId });
      if (!found) await em.insert(AgentState, { agentId: who.userId, presence: 'offline', presenceSince: now, idleSince: now, callId: null, wrapUpUntil: null, disconnectedAt: null, maxCalls: 1, note: null });
      // touched even when it was marked connected: a sweep that began before this connect leaves it be
      else await em.update(AgentState, { agentId: who.userId }, { disconnectedAt: null });
    });
    return this.stateOf(who.userId);
  }

  /** A console closed: with none left, no call is offered to the agent (and a free agent goes offline after the grace). */
  async disconnected(agentId: string): Promise<void> {
    if ((await this.publisher.consoles(agentId)) > 0) return;
    await this.tx((em) => execute(em, 'UPDATE agent_states SET disconnected_at = :now WHERE agent_id = :agentId AND disconnected_at IS NULL', { agentId, now: this.clock.now() }));
  }

  /**
   * Agents marked connected whose consoles are gone without a word (their instance died): marked
   * disconnected, so no call is offered to them and a free one goes offline after the grace. Rows
   * touched since the sweep began (a console connecting meanwhile) are left alone.
   */
  async sweepConsoles(): Promise<number> {
    const started = new Date();
    const connected = await this.publisher.connectedUsers();
    if (!connected) return 0;
    const stale = (await this.dataSource.getRepository(AgentState).find({ where: { disconnectedAt: IsNull() }, select: { agentId: true } })).map((a) => a.agentId).filter((id) => !connected.has(id));
    if (!stale.length) return 0;
    return this.tx((em) => execute(em, 'UPDATE agent_states SET disconnected_at = :now WHERE agent_id IN (:...stale) AND disconnected_at IS NULL AND updated_at < :started', { stale, started, now: this.clock.now() }));
  }

  async stateOf(agentId: string): Promise<DeskAgentState> {
    const row = await this.dataSource.getRepository(AgentState).findOneByOrFail({ agentId });
    return this.views.agentState(row, this.config);
  }

  async setPresence(agentId: string, to: 'available' | 'break' | 'offline'): Promise<void> {
    await this.change(async (em, after) => {
      const agent = await this.agent(em, agentId);
      if (agent.presence === 'wrap_up' && agent.callId) {
        const call = await em.findOneBy(DeskCallRecord, { id: agent.callId });
        if (call && call.state === 'wrap_up') throw new DeskProblem('presence', '请先提交本次通话的结果，再切换状态');
      }
      // an offer still ringing goes back to the queue (a preview back to the planned attempts)
      let released: DeskCallRecord | null = null;
      if (agent.presence === 'reserved' && agent.callId) {
        released = await em.findOne(DeskCallRecord, { where: { id: agent.callId }, lock: this.lock() });
        if (released?.state === 'dialing') throw new DeskProblem('presence', '正在呼叫客户，请等客户接听或呼叫结束后再切换状态');
        if (released?.state === 'offered') {
          if (released.kind === 'preview') await em.update(DeskCallRecord, { id: released.id }, { state: 'withdrawn', endedAt: this.clock.now() });
          else await this.requeue(em, released);
        } else released = null;
      }
      const keeps = agent.presence !== 'wrap_up' && !released;
      await this.movePresence(em, agent, { kind: 'set', to }, 'presence', { callId: keeps ? agent.callId : null, wrapUpUntil: null });
      if (released) {
        const callId = released.id;
        after.push(() => this.publisher.leaveCall(agentId, callId));
      }
      after.push(() => this.pushState(agentId));
      if (to === 'available' || released) after.push(() => this.route());
    });
  }

  async accept(agentId: string, callId: number): Promise<void> {
    await this.change(async (em, after) => {
      const call = await this.heldCall(em, agentId, callId, ['offered']);
      if (call.kind === 'preview') throw new DeskProblem('callId', '预览外呼请按“拨打”呼叫客户');
      const agent = await this.agent(em, agentId);
      const now = this.clock.now();
      await this.movePresence(em, agent, { kind: 'accepted' }, 'callId', {});
      await em.update(DeskCallRecord, { id: call.id }, { state: 'connected', connectedAt: now });
      after.push(() => this.publisher.joinCall(agentId, callId));
      after.push(() => this.pushAssigned(callId));
      after.push(() => this.pushState(agentId));
    });
  }

  async reject(agentId: string, callId: number): Promise<void> {
    await this.change(async (em, after) => {
      const call = await this.heldCall(em, agentId, callId, ['offered']);
      const agent = await this.agent(em, agentId);
      if (call.kind === 'preview') await em.update(DeskCallRecord, { id: call.id }, { state: 'withdrawn', endedAt: this.clock.now() });
      else await this.requeue(em, call);
      await this.movePresence(em, agent, { kind: 'declined' }, 'callId', { callId: null, idleSince: this.clock.now() });
      after.push(() => this.pushState(agentId));
      after.push(() => this.route());
    });
  }

  /**
   * The agent takes an option of the current step; a compliance step must be acknowledged as read
   * first. `from` names the step the choice was made on: a choice whose step the call has already
   * left (a console's retry after a timeout, a second window) is refused, never applied twice.
   * One read and one conditional update, no lock held between them: the update lands only if the
   * call is still where it was read.
   */
  async choose(agentId: string, callId: number, option: number, acknowledged: boolean, from?: string): Promise<void> {
    const [call] = await this.dataSource.getRepository(DeskCallRecord).find({ where: { id: callId }, select: { id: true, agentId: true, customerId: true, state: true, step: true, visited: true, acknowledged: true } });
    if (!call || call.agentId !== agentId) throw new DeskProblem('callId', `通话 ${callId} 不在您名下`);
    if (call.state !== 'connected' && call.state !== 'wrap_up') throw new DeskProblem('callId', `通话 ${callId} 当前为“${STATE_ZH[call.state]}”，不能这样操作`);
    const rendering = await this.views.rendering(call);
    const step = rendering.script.steps.find((s) => s.id === call.step);
    if (!step) throw new DeskProblem('callId', `通话所在步骤 ${call.step} 已不在话术中`);
    if (from !== undefined && from !== call.step) throw new DeskProblem('from', `话术已在“${step.title}”，这次选择针对的“${rendering.script.steps.find((s) => s.id === from)?.title ?? from}”已过去，未重复执行`);
    const chosen = step.options[option];
    if (!chosen) throw new DeskProblem('option', `当前步骤“${step.title}”没有第 ${option + 1} 个选项`);
    const acks = [...call.acknowledged];
    if (step.compliance && !acks.includes(step.id)) {
      if (!acknowledged) throw new DeskProblem('acknowledged', `“${step.title}”是合规步骤，须完整宣读并确认后才能继续`);
      acks.push(step.id);
    }
    // an option that ends the script: a compliance step's acknowledgement is kept, the call stays at the step
    if (!chosen.next && acks.length === call.acknowledged.length) throw new DeskProblem('option', `“${chosen.label}”之后没有下一步：请选择通话结果`);
    const next = chosen.next ?? call.step;
    const visited = chosen.next ? [...call.visited, chosen.next] : call.visited;
    const moved = await this.writes.run(() =>
      execute(
        this.dataSource,
        `UPDATE desk_calls SET step = :next, visited = :visited, acknowledged = :acks, updated_at = :now
          WHERE id = :id AND agent_id = :agentId AND state IN ('connected', 'wrap_up') AND step = :step AND visited = :wasVisited AND acknowledged = :wasAcks`,
        { id: callId, agentId, next, visited: JSON.stringify(visited), acks: JSON.stringify(acks), now: this.clock.now(), step: call.step, wasVisited: JSON.stringify(call.visited), wasAcks: JSON.stringify(call.acknowledged) },
      ),
    );
    if (moved === 0) throw new DeskProblem('from', '话术刚被另一个窗口或操作推进，这次选择未执行：请看当前步骤后再选');
    this.publisher.toCall(callId, 'script.step', { callId, step: { ...rendering.step(next), acknowledged: acks.includes(next) }, visited });
  }

  async note(agentId: string, callId: number, text: string): Promise<void> {
    await this.change(async (em) => {
      const call = await this.heldCall(em, agentId, callId, ['connected', 'wrap_up']);
      if (call.notes.length >= 50) throw new DeskProblem('text', '一通电话最多记 50 条备注');
      await em.update(DeskCallRecord, { id: call.id }, { notes: [...call.notes, text] });
    });
  }

  /** The agent hangs up: the carrier call ends and the agent wraps up. */
  async hangup(agentId: string, callId: number): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOneBy({ id: callId });
    if (!call || call.agentId !== agentId || call.state !== 'connected') throw new DeskProblem('callId', '这通电话不在通话中');
    await this.hangUpCarrier(call.attemptId);
    await this.callEnded(call.attemptId);
  }

  /** A callback the customer agreed to, planned now under the contact policy (the dispatcher moves it into the contact window). */
  async scheduleCallback(agentId: string, callId: number, at: Date, note: string | undefined): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOneBy({ id: callId });
    if (!call || call.agentId !== agentId || !['connected', 'wrap_up'].includes(call.state)) throw new DeskProblem('callId', '这通电话已不在您名下');
    this.future(at, 'at');
    const planned = await this.planCallback(call, agentId, at, note);
    await this.tx((em) => em.update(DeskCallRecord, { id: callId }, { callbackAt: at, callbackAttemptId: planned }));
  }

  /**
   * How the call ended, from the current step's list; a success needs the compliance steps
   * acknowledged. The customer's do-not-call wish and a callback are written first, then the
   * call, the attempt and the customer's timeline together; the agent is free again.
   */
  async dispose(agentId: string, callId: number, disposition: Disposition, note: string | undefined, callbackAt: Date | undefined): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOneBy({ id: callId });
    if (!call || call.agentId !== agentId || !['connected', 'wrap_up'].includes(call.state)) throw new DeskProblem('callId', '这通电话已不在您名下');
    const step = call.script.steps.find((s) => s.id === call.step) ?? call.script.steps[0];
    if (!step.dispositions.includes(disposition)) {
      const allowed = step.dispositions.map(dispositionLabel).join('、');
      throw new DeskProblem('disposition', allowed ? `在“${step.title}”这一步只能选择：${allowed}` : `“${step.title}”这一步还不能结束通话，请继续话术`);
    }
    const check = canEnd(call.script, call.acknowledged, disposition, { at: call.step, visited: call.visited });
    if (!check.ok) {
      const titles = check.missing.map((id) => call.script.steps.find((s) => s.id === id)?.title ?? id).join('、');
      throw new DeskProblem('disposition', `“${dispositionLabel(disposition)}”须先完成合规步骤：${titles}`);
    }
    if (callbackAt) this.future(callbackAt, 'callbackAt');
    if (disposition === 'callback' && !callbackAt && !call.callbackAttemptId) throw new DeskProblem('callbackAt', '预约回电须填写回电时间');
    const name = await this.views.agentName(agentId);
    const customer = await this.dataSource.getRepository(Customer).findOneByOrFail({ id: call.customerId });
    if (disposition === 'do_not_call') {
      await this.doNotContact.add({ customerNo: customer.customerNo, channel: 'call', scope: 'marketing', reason: '客户在人工通话中要求不再来电', source: 'agent' }, { userId: agentId, username: name, role: 'agent' });
    }
    // what was agreed: the disposition's note, else the call's last note
    const callbackAttemptId = callbackAt && !call.callbackAttemptId ? await this.planCallback(call, agentId, callbackAt, note ?? call.notes.at(-1)) : call.callbackAttemptId;
    await this.change(async (em, after) => {
      const fresh = await this.heldCall(em, agentId, callId, ['connected', 'wrap_up']);
      // the customer still on the line is hung up once the disposition is stored, not before: the
      // agent's answer does not wait on the carrier's API (its final callback finds the call done)
      if (fresh.state === 'connected') {
        after.push(() => void this.hangUpCarrier(call.attemptId).catch((e: unknown) => this.logger.warn(`attempt ${call.attemptId}: not hung up after the disposition: ${String(e)}`)));
      }
      const now = this.clock.now();
      const notes = note ? [...fresh.notes, note] : fresh.notes;
      await em.update(DeskCallRecord, { id: callId }, { state: 'done', disposition, notes, doneAt: now, endedAt: fresh.endedAt ?? now, callbackAt: callbackAt ?? fresh.callbackAt, callbackAttemptId });
      await this.writeDisposition(em, call, { disposition, notes, callbackAt: callbackAt ?? fresh.callbackAt, by: name, now });
      const agent = await this.agent(em, agentId);
      if (agent.callId === callId) {
        await em.update(AgentState, { agentId }, { presence: 'available', presenceSince: now, idleSince: now, callId: null, wrapUpUntil: null, note: null });
      }
      after.push(() => this.publisher.toCall(callId, 'call.status', { callId, state: 'done', at: now.toISOString(), detail: dispositionLabel(disposition) }));
      after.push(() => this.views.forget(callId));
      after.push(() => this.publisher.leaveCall(agentId, callId));
      after.push(() => this.pushState(agentId));
      after.push(() => this.route());
    });
  }

  // ── what the carrier and the AI tell the desk ──────────────────────────────────────────

  /** An AI call asks for a person: queued once, offered by routing; answers the agent once one has accepted. */
  async requestHandoff(request: { conversationId: number; attemptId: number; customerId: number; campaignId: string; branchCode: string; reason: HandoffReason }): Promise<DeskAgent | null> {
    let call = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { conversationId: request.conversationId, state: In(LIVE) } });
    if (!call) {
      const attempt = await this.dataSource.getRepository(ContactAttempt).findOneByOrFail({ id: request.attemptId });
      const script = (await this.agentScriptOf(request.campaignId)) ?? HANDOFF_SCRIPT;
      // the agent picks up where the AI stopped, not at the greeting again
      const aiSteps = await this.dataSource.getRepository(ConversationTurn).find({ where: { conversationId: request.conversationId, speaker: 'ai', step: Not(IsNull()) }, select: { step: true }, order: { seq: 'ASC' } });
      const at = resumeAfterAi(script, aiSteps.map((t) => t.step as string));
      call = await this.enqueue('ai_handoff', { attemptId: request.attemptId, conversationId: request.conversationId, customerId: request.customerId, campaignId: request.campaignId, stepNo: attempt.stepNo, branchCode: request.branchCode, reason: request.reason, script }, at);
    }
    this.handoffs.set(request.conversationId, { callId: call.id, since: Date.now() });
    if (call.state === 'waiting') {
      await this.route();
      call = await this.dataSource.getRepository(DeskCallRecord).findOneByOrFail({ id: call.id });
    }
    return call.state === 'connected' && call.agentId ? this.deskAgent(call.agentId) : null;
  }

  /** The desk call of a handed-over AI call on this instance, while its turns may still come. */
  handoffCall(conversationId: number): number | null {
    return this.handoffs.get(conversationId)?.callId ?? null;
  }

  async handoffConnected(conversationId: number, agentId: string): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { conversationId, state: 'connected' } });
    if (call?.agentId === agentId) this.publisher.toCall(call.id, 'call.status', { callId: call.id, state: 'connected', at: this.clock.now().toISOString(), detail: '客户已接入' });
  }

  /** The handed-over customer left the queue (hung up, or a callback was planned instead). */
  async withdrawHandoff(conversationId: number): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { conversationId, state: In(LIVE) } });
    this.handoffs.delete(conversationId);
    if (!call) return;
    if (call.state === 'connected') return this.callEnded(call.attemptId);
    await this.leaveQueue(call.id, 'withdrawn', '客户已挂断或已改为预约回电');
  }

  /**
   * A campaign's agent call was answered: queued, and put through to the agent routing picks; with
   * none within AGENT_ANSWER_WAIT_SECONDS the call is abandoned (the customer hears the recorded message).
   */
  async answered(attemptId: number): Promise<DeskAgent | null> {
    const attempt = await this.dataSource.getRepository(ContactAttempt).findOneByOrFail({ id: attemptId });
    let call = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { attemptId, state: In(LIVE) } });
    if (!call) {
      const customer = await this.dataSource.getRepository(Customer).findOneByOrFail({ id: attempt.customerId });
      const script = (await this.scripts.graph(attempt.campaignId, attempt.stepNo)) ?? HANDOFF_SCRIPT;
      call = await this.enqueue('outbound', { attemptId, conversationId: null, customerId: attempt.customerId, campaignId: attempt.campaignId, stepNo: attempt.stepNo, branchCode: customer.branchCode, reason: null, script });
    }
    if (call.kind === 'preview') return this.previewAnswered(call);
    const deadline = Date.now() + this.config.AGENT_ANSWER_WAIT_SECONDS * 1000;
    for (;;) {
      if (call.state === 'waiting') await this.route();
      call = await this.dataSource.getRepository(DeskCallRecord).findOneByOrFail({ id: call.id });
      if (call.state === 'connected' && call.agentId) return this.deskAgent(call.agentId);
      if (call.state !== 'waiting' || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (call.state === 'waiting') await this.leaveQueue(call.id, 'abandoned', `${this.config.AGENT_ANSWER_WAIT_SECONDS} 秒内无空闲坐席，已放提示音`);
    const last = await this.dataSource.getRepository(DeskCallRecord).findOneByOrFail({ id: call.id });
    return last.state === 'connected' && last.agentId ? this.deskAgent(last.agentId) : null;
  }

  /** The carrier says the call is over: its agent wraps up; a customer still queued leaves the queue. */
  async callEnded(attemptId: number, outcome?: string): Promise<void> {
    const call = await this.dataSource.getRepository(DeskCallRecord).findOne({ where: { attemptId, state: In(LIVE) }, order: { id: 'DESC' } });
    if (!call) return;
    if (call.state === 'waiting' || call.state === 'offered' || call.state === 'dialing') {
      await this.leaveQueue(call.id, call.kind === 'outbound' ? 'abandoned' : 'withdrawn', call.state === 'dialing' ? (NOT_REACHED[outcome ?? ''] ?? '客户未接通') : '客户已挂断');
      return;
    }
    if (call.state !== 'connected') return;
    await this.change(async (em, after) => {
      const now = this.clock.now();
      const moved = await execute(em, "UPDATE desk_calls SET state = 'wrap_up', ended_at = :now, updated_at = :now WHERE id = :id AND state = 'connected'", { id: call.id, now });
      if (!moved || !call.agentId) return;
      const agent = await this.agent(em, call.agentId);
      if (agent.callId === call.id && agent.presence === 'on_call') {
        await this.movePresence(em, agent, { kind: 'call_ended' }, 'callId', { wrapUpUntil: new Date(now.getTime() + this.config.AGENT_WRAP_UP_SECONDS * 1000) });
      }
      const agentId = call.agentId;
      after.push(() => this.publisher.toCall(call.id, 'call.status', { callId: call.id, state: 'wrap_up', at: now.toISOString(), detail: '通话已结束，请完成话后处理' }));
      after.push(() => this.pushState(agentId));
    });
  }

  // ── routing and timers ─────────────────────────────────────────────────────────────────

  /**
   * One routing pass: the waiting calls, longest waiting first, each to the best free agent
   * (skills, the customer's branch, the longest idle). A handed-over AI call is offered (the
   * agent accepts); an answered agent call is put straight through.
   */
  async route(): Promise<number> {
    const made: Array<{ callId: number; agentId: string; kind: DeskCallKind }> = [];
    // most passes find nothing waiting: looked at first without a transaction or a lock
    const waiting = await this.dataSource.getRepository(DeskCallRecord).exists({ where: { state: 'waiting' } });
    if (waiting) await this.tx(async (em) => {
      if (this.pg) await em.query("SELECT pg_advisory_xact_lock(hashtext('agent-desk:route'))");
      const calls = await em.find(DeskCallRecord, { where: { state: 'waiting' }, order: { waitingSince: 'ASC', id: 'ASC' }, take: 200 });
      if (!calls.length) return;
      const agents = await em.query<Array<{ agent_id: string; idle_since: string | Date; max_calls: number; skills: string; branch_code: string | null }>>(
        `SELECT a.agent_id, a.idle_since, a.max_calls, u.skills, ${SERVED_BRANCH} AS branch_code FROM agent_states a JOIN users u ON u.id = a.agent_id
          WHERE a.presence = 'available' AND a.disconnected_at IS NULL AND a.call_id IS NULL AND u.disabled = ${this.pg ? 'false' : '0'}`,
      );
      if (!agents.length) return;
      const plan = assignCalls(
        calls.map((c) => ({ id: String(c.id), skills: c.skills, branchCode: c.branchCode, waitingSince: c.waitingSince.getTime(), declinedBy: c.declinedBy })),
        agents.map((a) => ({ id: a.agent_id, available: true, skills: parseSkills(a.skills), branchCode: a.branch_code, idleSince: new Date(a.idle_since).getTime(), activeCalls: 0, maxCalls: Math.max(1, Number(a.max_calls)) })),
      );
      const now = this.clock.now();
      for (const { callId, agentId } of plan) {
        const call = calls.find((c) => String(c.id) === callId)!;
        const straight = call.kind === 'outbound';
        const took = await execute(em, `UPDATE agent_states SET presence = :presence, presence_since = :now, call_id = :callId, note = NULL, updated_at = :now WHERE agent_id = :agentId AND presence = 'available' AND call_id IS NULL`, { presence: straight ? 'on_call' : 'reserved', now, callId: call.id, agentId });
        if (!took) continue;
        await execute(em, `UPDATE desk_calls SET state = :state, agent_id = :agentId, offered_at = :now, connected_at = :connected, updated_at = :now WHERE id = :id AND state = 'waiting'`, { state: straight ? 'connected' : 'offered', agentId, now, connected: straight ? now : null, id: call.id });
        made.push({ callId: call.id, agentId, kind: call.kind });
      }
    });
    made.push(...(await this.offerPreviews()));
    for (const m of made) {
      this.publisher.joinCall(m.agentId, m.callId);
      await this.pushCall(m.callId, m.kind === 'outbound' ? 'call.assigned' : 'call.offered').catch((e: unknown) => this.logger.warn(`call ${m.callId}: could not tell agent ${m.agentId}: ${String(e)}`));
      await this.pushState(m.agentId);
    }
    return made.length;
  }

  /**
   * While an agent is free, every 15 s: the first due previews and callbacks are checked against
   * the contact policy now, so one whose calling hours ended while it waited moves to the next
   * window instead of being shown (its dial would only answer 顺延).
   */
  private async holdBackClosedPreviews(campaignIds: string[]): Promise<void> {
    const now = this.clock.now().getTime();
    if (Math.abs(now - this.previewsCheckedAt) < PREVIEWS_CHECK_EVERY_MS) return;
    const anyoneFree = await this.dataSource.getRepository(AgentState).exists({ where: { presence: 'available', callId: IsNull(), disconnectedAt: IsNull() } });
    if (!anyoneFree) return;
    this.previewsCheckedAt = now;
    const preview = campaignIds.length ? ` OR (a.channel = 'agent_call' AND a.campaign_id IN (:...campaignIds))` : '';
    const due = await query<{ id: number }>(
      this.dataSource,
      `SELECT a.id FROM contact_attempts a WHERE a.state = 'planned' AND a.due_at <= :now AND (a.assigned_agent_id IS NOT NULL${preview}) ORDER BY a.due_at, a.id LIMIT ${PREVIEWS_CHECKED}`,
      { now: this.clock.now(), campaignIds },
    );
    const held = await this.dialer.holdBackClosed(due.map((r) => Number(r.id)));
    if (held) this.logger.log(`${held} previews held back: outside the customer's calling hours, or no longer allowed`);
  }

  /**
   * Preview pacing: each agent still free is shown, first, a callback they promised that is now due
   * (or one of their branch promised by someone else and overdue by CALLBACK_OWNER_MINUTES), then
   * the next due customer of a running preview campaign (of their own branch only; the center's
   * agents any branch's), with the script; nothing is dialled until they press dial. A customer an
   * agent skipped is not shown to them again for half an hour.
   */
  private async offerPreviews(): Promise<Array<{ callId: number; agentId: string; kind: DeskCallKind }>> {
    const campaigns = (await this.dataSource.getRepository(Campaign).find({ where: { status: 'running' }, select: { id: true, pacing: true } })).filter((c) => c.pacing.mode === 'preview');
    const callbacksDue = await this.dataSource
      .getRepository(ContactAttempt)
      .exists({ where: { state: 'planned', assignedAgentId: Not(IsNull()), dueAt: LessThanOrEqual(this.clock.now()) } });
    if (!campaigns.length && !callbacksDue) return [];
    await this.holdBackClosedPreviews(campaigns.map((c) => c.id));
    const graphs = new Map<string, GraphScriptBody>();
    for (const step of await this.steps.find({ where: { campaignId: In(campaigns.map((c) => c.id)), channel: 'agent_call' } })) {
      const graph = await this.scripts.graph(step.campaignId, step.stepNo);
      if (graph) graphs.set(`${step.campaignId}/${step.stepNo}`, graph);
    }
    const made: Array<{ callId: number; agentId: string; kind: DeskCallKind }> = [];
    await this.tx(async (em) => {
      if (this.pg) await em.query("SELECT pg_advisory_xact_lock(hashtext('agent-desk:route'))");
      const agents = await query<{ agent_id: string; branch_code: string | null }>(
        em,
        `SELECT a.agent_id, ${SERVED_BRANCH} AS branch_code FROM agent_states a JOIN users u ON u.id = a.agent_id
          WHERE a.presence = 'available' AND a.disconnected_at IS NULL AND a.call_id IS NULL AND u.disabled = ${this.pg ? 'false' : '0'} ORDER BY a.idle_since, a.agent_id`,
      );
      const now = this.clock.now();
      const params = (agent: { agent_id: string; branch_code: string | null }) => ({ now, agentId: agent.agent_id, branch: agent.branch_code ?? '', recent: new Date(now.getTime() - 30 * 60_000) });
      // not on a call now, and not skipped by this agent in the last half hour
      const free = `NOT EXISTS (SELECT 1 FROM desk_calls d WHERE d.attempt_id = a.id
                      AND (d.state IN ('offered', 'dialing', 'connected', 'wrap_up') OR (d.kind = 'preview' AND d.state = 'withdrawn' AND d.agent_id = :agentId AND d.waiting_since > :recent)))`;
      for (const agent of agents) {
        const branch = agent.branch_code === null ? '' : ' AND c.branch_code = :branch';
        const [callback] = callbacksDue
          ? await query<PreviewRow>(
              em,
              `SELECT a.id, a.campaign_id, a.step_no, a.customer_id, c.branch_code, 1 AS callback FROM contact_attempts a JOIN customers c ON c.id = a.customer_id JOIN campaigns k ON k.id = a.campaign_id
                WHERE a.state = 'planned' AND a.assigned_agent_id IS NOT NULL AND a.due_at <= :now AND k.status = 'running'
                  AND (a.assigned_agent_id = :agentId OR (a.due_at <= :overdue${branch})) AND ${free}
                ORDER BY CASE WHEN a.assigned_agent_id = :agentId THEN 0 ELSE 1 END, a.due_at, a.id LIMIT 1`,
              { ...params(agent), overdue: new Date(now.getTime() - CALLBACK_OWNER_MINUTES * 60_000) },
            )
          : [];
        const [next] = callback
          ? [callback]
          : campaigns.length
            ? await query<PreviewRow>(
                em,
                `SELECT a.id, a.campaign_id, a.step_no, a.customer_id, c.branch_code, 0 AS callback FROM contact_attempts a JOIN customers c ON c.id = a.customer_id
                  WHERE a.state = 'planned' AND a.channel = 'agent_call' AND a.assigned_agent_id IS NULL AND a.due_at <= :now AND a.campaign_id IN (:...campaigns)${branch} AND ${free}
                  ORDER BY a.due_at, a.id LIMIT 1`,
                { ...params(agent), campaigns: campaigns.map((c) => c.id) },
              )
            : [];
        if (!next) continue;
        const script = Number(next.callback) ? CALLBACK_SCRIPT : (graphs.get(`${next.campaign_id}/${Number(next.step_no)}`) ?? HANDOFF_SCRIPT);
        const record = em.create(DeskCallRecord, { kind: 'preview', state: 'offered', attemptId: Number(next.id), conversationId: null, customerId: Number(next.customer_id), campaignId: next.campaign_id, stepNo: Number(next.step_no), branchCode: next.branch_code, reason: null, script, skills: [], agentId: agent.agent_id, declinedBy: [], step: script.start, visited: [script.start], acknowledged: [], notes: [], disposition: null, callbackAt: null, callbackAttemptId: null, waitingSince: now, offeredAt: now, connectedAt: null, endedAt: null, doneAt: null });
        const saved = await em.save(record);
        const took = await execute(em, "UPDATE agent_states SET presence = 'reserved', presence_since = :now, call_id = :callId, note = NULL, updated_at = :now WHERE agent_id = :agentId AND presence = 'available' AND call_id IS NULL", { now, callId: saved.id, agentId: agent.agent_id });
        if (!took) {
          await em.delete(DeskCallRecord, { id: saved.id });
          continue;
        }
        made.push({ callId: saved.id, agentId: agent.agent_id, kind: 'preview' });
      }
    });
    return made;
  }

  /** The agent dials the customer previewed: the dispatcher claims the attempt, checks the policy again and places the call. */
  async dial(agentId: string, callId: number): Promise<void> {
    await this.change(async (em) => {
      const call = await this.heldCall(em, agentId, callId, ['offered']);
      if (call.kind !== 'preview') throw new DeskProblem('callId', '只有预览外呼需要坐席拨号');
      await em.update(DeskCallRecord, { id: callId }, { state: 'dialing' });
    });
    const call = await this.dataSource.getRepository(DeskCallRecord).findOneByOrFail({ id: callId });
    const result = await this.dialer.dialOne(call.attemptId).catch((e: unknown) => {
      this.logger.warn(`preview ${callId}: dialling attempt ${call.attemptId} failed: ${String(e)}`);
      return 'failed' as const;
    });
    if (result === 'sent') {
      this.publisher.toCall(callId, 'call.status', { callId, state: 'dialing', at: this.clock.now().toISOString(), detail: '正在呼叫客户' });
      return;
    }
    if (result === 'busy') {
      // the attempt is still planned: the agent may press dial again
      await this.tx((em) => execute(em, "UPDATE desk_calls SET state = 'offered', updated_at = :now WHERE id = :id AND state = 'dialing'", { id: callId, now: this.clock.now() }));
      throw new DeskProblem('callId', DIAL_REFUSED.busy);
    }
    await this.leaveQueue(callId, 'withdrawn', DIAL_REFUSED[result]);
  }

  /** A previewed customer answered: put through to the agent who dialled. */
  private async previewAnswered(call: DeskCallRecord): Promise<DeskAgent | null> {
    if (!call.agentId) return null;
    const agentId = call.agentId;
    let connected = false;
    await this.change(async (em, after) => {
      const now = this.clock.now();
      if (!(await execute(em, "UPDATE desk_calls SET state = 'connected', connected_at = :now, updated_at = :now WHERE id = :id AND state = 'dialing'", { id: call.id, now }))) return;
      // the agent who dialled is waiting for exactly this call (presence changes are refused while it rings)
      await execute(em, "UPDATE agent_states SET presence = 'on_call', presence_since = :now, note = NULL, updated_at = :now WHERE agent_id = :agentId AND call_id = :id", { agentId, id: call.id, now });
      connected = true;
      after.push(() => this.publisher.toCall(call.id, 'call.status', { callId: call.id, state: 'connected', at: now.toISOString(), detail: '客户已接听' }));
      after.push(() => this.pushAssigned(call.id));
      after.push(() => this.pushState(agentId));
    });
    return connected ? this.deskAgent(agentId) : null;
  }

  /**
   * What time moves: an offer not accepted in AGENT_OFFER_SECONDS goes to the next agent (the
   * agent who let it ring is put on a break), wrap-up ends by itself (an undisposed call is
   * recorded as undecided), a free agent with no console connected goes offline after the grace.
   */
  async tick(): Promise<void> {
    for (const [conversationId, h] of this.handoffs) if (Date.now() - h.since > 3_600_000) this.handoffs.delete(conversationId);
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(DeskCallRecord);
    const lapsed = await repo
      .createQueryBuilder('c')
      .where("c.state = 'offered' AND c.kind <> 'preview' AND c.offered_at < :before", { before: new Date(now.getTime() - this.config.AGENT_OFFER_SECONDS * 1000) })
      .getMany();
    for (const call of lapsed) await this.lapse(call).catch((e: unknown) => this.logger.warn(`call ${call.id}: the lapsed offer could not move on: ${String(e)}`));
    const wrapped = await this.dataSource.getRepository(AgentState).createQueryBuilder('a').where("a.presence = 'wrap_up' AND a.wrap_up_until < :now", { now }).getMany();
    for (const agent of wrapped) await this.wrapUpOver(agent).catch((e: unknown) => this.logger.warn(`agent ${agent.agentId}: wrap-up could not end: ${String(e)}`));
    const gone = await this.dataSource
      .getRepository(AgentState)
      .createQueryBuilder('a')
      .where("a.presence IN ('available', 'break') AND a.disconnected_at < :before", { before: new Date(now.getTime() - this.config.AGENT_DISCONNECT_GRACE_SECONDS * 1000) })
      .getMany();
    for (const agent of gone) {
      await this.tx((em) => execute(em, "UPDATE agent_states SET presence = 'offline', presence_since = :now, updated_at = :now WHERE agent_id = :id AND presence IN ('available', 'break')", { id: agent.agentId, now }));
    }
    await this.route();
  }

  private async lapse(call: DeskCallRecord): Promise<void> {
    await this.change(async (em, after) => {
      const fresh = await em.findOne(DeskCallRecord, { where: { id: call.id }, lock: this.lock() });
      if (!fresh || fresh.state !== 'offered' || !fresh.agentId) return;
      const agentId = fresh.agentId;
      await this.requeue(em, fresh);
      const agent = await this.agent(em, agentId);
      if (agent.callId === call.id) {
        const now = this.clock.now();
        await em.update(AgentState, { agentId }, { presence: 'break', presenceSince: now, callId: null, note: `${this.config.AGENT_OFFER_SECONDS} 秒内未接听来电，已转给其他坐席并将您置为小休` });
      }
      after.push(() => this.publisher.toCall(call.id, 'call.status', { callId: call.id, state: 'waiting', at: this.clock.now().toISOString(), detail: '未在时限内接听，已转给其他坐席' }));
      after.push(() => this.publisher.leaveCall(agentId, call.id));
      after.push(() => this.pushState(agentId));
    });
  }

  private async wrapUpOver(agent: AgentState): Promise<void> {
    const call = agent.callId ? await this.dataSource.getRepository(DeskCallRecord).findOneBy({ id: agent.callId }) : null;
    if (call && call.state === 'wrap_up' && call.agentId) {
      await this.recordUndecided(call);
    }
    await this.change(async (em, after) => {
      const now = this.clock.now();
      const moved = await execute(em, "UPDATE agent_states SET presence = 'available', presence_since = :now, idle_since = :now, call_id = NULL, wrap_up_until = NULL, updated_at = :now WHERE agent_id = :id AND presence = 'wrap_up'", { id: agent.agentId, now });
      if (moved) after.push(() => this.pushState(agent.agentId));
    });
  }

  /** Wrap-up ran out before a disposition: the call is closed as undecided (whatever the step offers: nobody decided), noted so. */
  private async recordUndecided(call: DeskCallRecord): Promise<void> {
    const disposition: Disposition = 'no_decision';
    const name = await this.views.agentName(call.agentId!);
    await this.change(async (em, after) => {
      const now = this.clock.now();
      const notes = [...call.notes, '话后处理超时，系统按未决记录'];
      const moved = await execute(em, "UPDATE desk_calls SET state = 'done', disposition = :disposition, notes = :notes, done_at = :now, updated_at = :now WHERE id = :id AND state = 'wrap_up'", { id: call.id, disposition, notes: JSON.stringify(notes), now });
      if (!moved) return;
      await this.writeDisposition(em, call, { disposition, notes, callbackAt: null, by: name, now });
      after.push(() => this.publisher.toCall(call.id, 'call.status', { callId: call.id, state: 'done', at: now.toISOString(), detail: '话后处理超时，已按未决记录' }));
      after.push(() => this.views.forget(call.id));
    });
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────

  /** How the call ended, on its attempt and the customer's timeline. */
  private async writeDisposition(em: EntityManager, call: DeskCallRecord, d: { disposition: Disposition; notes: string[]; callbackAt: Date | null; by: string; now: Date }): Promise<void> {
    const summary = `坐席${d.by}：${dispositionLabel(d.disposition)}${d.notes.length ? `；${d.notes.join('；')}` : ''}`.slice(0, 500);
    await execute(em, 'UPDATE contact_attempts SET disposition = :disposition, detail = :summary, updated_at = :now WHERE id = :id', { id: call.attemptId, disposition: d.disposition, summary, now: d.now });
    const attempt = await em.findOne(ContactAttempt, { where: { id: call.attemptId }, select: { id: true, channel: true } });
    const detail: Record<string, unknown> = { callId: call.id, kind: call.kind, disposition: d.disposition, notes: d.notes, callbackAt: d.callbackAt?.toISOString() ?? null };
    await em.save(Object.assign(new ContactEvent(), { customerId: call.customerId, at: d.now, channel: attempt?.channel ?? 'agent_call', kind: 'agent_disposition', summary, campaignId: call.campaignId, attemptId: call.attemptId, actorName: d.by, detail }));
  }

  private async enqueue(
    kind: DeskCallKind,
    c: { attemptId: number; conversationId: number | null; customerId: number; campaignId: string; stepNo: number; branchCode: string | null; reason: HandoffReason | null; script: GraphScriptBody },
    at: ScriptPosition = { step: c.script.start, visited: [c.script.start], acknowledged: [] },
  ): Promise<DeskCallRecord> {
    const now = this.clock.now();
    return this.tx(async (em) => {
      const record = em.create(DeskCallRecord, { kind, state: 'waiting', ...c, skills: [], agentId: null, declinedBy: [], ...at, notes: [], disposition: null, callbackAt: null, callbackAttemptId: null, waitingSince: now, offeredAt: null, connectedAt: null, endedAt: null, doneAt: null });
      return em.save(record);
    });
  }

  /** A waiting or offered call leaves the queue; an agent it was offered to is free again. */
  private async leaveQueue(callId: number, state: 'withdrawn' | 'abandoned', detail: string): Promise<void> {
    await this.change(async (em, after) => {
      const call = await em.findOne(DeskCallRecord, { where: { id: callId }, lock: this.lock() });
      if (!call || !['waiting', 'offered', 'dialing'].includes(call.state)) return;
      const now = this.clock.now();
      await em.update(DeskCallRecord, { id: callId }, { state, endedAt: now });
      after.push(() => this.views.forget(callId));
      if ((call.state === 'offered' || call.state === 'dialing') && call.agentId) {
        const agentId = call.agentId;
        await execute(em, "UPDATE agent_states SET presence = 'available', presence_since = :now, call_id = NULL, updated_at = :now WHERE agent_id = :agentId AND call_id = :callId AND presence = 'reserved'", { agentId, callId, now });
        after.push(() => this.publisher.toCall(callId, 'call.status', { callId, state, at: now.toISOString(), detail }));
        after.push(() => this.publisher.leaveCall(agentId, callId));
        after.push(() => this.pushState(agentId));
        after.push(() => this.route());
      }
    });
  }

  private async requeue(em: EntityManager, call: DeskCallRecord): Promise<void> {
    const declinedBy = call.agentId && !call.declinedBy.includes(call.agentId) ? [...call.declinedBy, call.agentId] : call.declinedBy;
    await em.update(DeskCallRecord, { id: call.id }, { state: 'waiting', agentId: null, offeredAt: null, declinedBy });
  }

  private async planCallback(call: DeskCallRecord, agentId: string, at: Date, note: string | undefined): Promise<number> {
    const name = await this.views.agentName(agentId);
    // the agent calls back themselves, whatever channel reached the customer first (an AI call handed over too)
    const planned = await this.callbacks.schedule({ campaignId: call.campaignId, stepNo: call.stepNo, customerId: call.customerId, channel: 'agent_call', at, reason: note?.trim() || '客户与坐席约定回电', by: name, assignedAgentId: agentId });
    return planned.attemptId;
  }

  private future(at: Date, field: string): void {
    if (Number.isNaN(at.getTime())) throw new DeskProblem(field, '时间格式不对');
    if (at.getTime() <= this.clock.now().getTime()) throw new DeskProblem(field, '回电时间须晚于现在');
    if (at.getTime() > this.clock.now().getTime() + 90 * 86_400_000) throw new DeskProblem(field, '回电时间最多约在 90 天内');
  }

  private async hangUpCarrier(attemptId: number): Promise<void> {
    const attempt = await this.dataSource.getRepository(ContactAttempt).findOne({ where: { id: attemptId }, select: { id: true, providerId: true } });
    if (!attempt?.providerId) return;
    await this.provider.hangup(attempt.providerId).catch((e: unknown) => this.logger.warn(`attempt ${attemptId}: hanging up ${attempt.providerId} failed: ${String(e)}`));
  }

  private async agentScriptOf(campaignId: string): Promise<GraphScriptBody | null> {
    const step = await this.steps.findOne({ where: { campaignId, channel: 'agent_call' }, order: { stepNo: 'ASC' } });
    return step ? this.scripts.graph(campaignId, step.stepNo) : null;
  }

  private async deskAgent(agentId: string): Promise<DeskAgent> {
    return { id: agentId, name: await this.views.agentName(agentId), identity: `agent_${agentId.replace(/[^A-Za-z0-9_]/g, '_')}` };
  }

  private async heldCall(em: EntityManager, agentId: string, callId: number, states: DeskCallRecord['state'][]): Promise<DeskCallRecord> {
    const call = await em.findOne(DeskCallRecord, { where: { id: callId }, lock: this.lock() });
    if (!call || call.agentId !== agentId) throw new DeskProblem('callId', `通话 ${callId} 不在您名下`);
    if (!states.includes(call.state)) throw new DeskProblem('callId', `通话 ${callId} 当前为“${STATE_ZH[call.state]}”，不能这样操作`);
    return call;
  }

  private async agent(em: EntityManager, agentId: string): Promise<AgentState> {
    const agent = await em.findOne(AgentState, { where: { agentId }, lock: this.lock() });
    if (!agent) throw new DeskProblem(null, '请先连接坐席工作台');
    return agent;
  }

  private async movePresence(em: EntityManager, agent: AgentState, event: PresenceEvent, field: string, extra: Partial<AgentState>): Promise<Presence> {
    const to = nextPresence(agent.presence, event);
    if (to instanceof PresenceProblem) throw new DeskProblem(field, to.message);
    const now = this.clock.now();
    const idle = to === 'available' && agent.presence !== 'available' ? { idleSince: now } : {};
    await em.update(AgentState, { agentId: agent.agentId }, { presence: to, presenceSince: now, note: null, ...idle, ...extra });
    return to;
  }

  private lock(): { mode: 'pessimistic_write' } | undefined {
    return this.pg ? { mode: 'pessimistic_write' } : undefined;
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.writes.run(() => this.dataSource.transaction(work));
  }

  /** A change in one transaction; what it has to tell is told after the commit. */
  private async change(work: (em: EntityManager, after: Effect[]) => Promise<void>): Promise<void> {
    const after: Effect[] = [];
    await this.tx((em) => work(em, after));
    for (const effect of after) await effect();
  }

  private async pushState(agentId: string): Promise<void> {
    this.publisher.toAgent(agentId, 'agent.state', await this.stateOf(agentId));
  }

  private async pushAssigned(callId: number): Promise<void> {
    await this.pushCall(callId, 'call.assigned');
  }

  private async pushCall(callId: number, event: 'call.offered' | 'call.assigned'): Promise<void> {
    const record = await this.dataSource.getRepository(DeskCallRecord).findOneByOrFail({ id: callId });
    if (!record.agentId) return;
    this.publisher.toAgent(record.agentId, event, await this.views.call(record, this.config));
  }
}

/** Why a preview could not be dialled, or was not answered, as the agent reads it. */
const DIAL_REFUSED = {
  deferred: '现在不在该客户的可联系时段，已顺延到下一个时段',
  refused: '按联系策略现在不能拨打该客户（可能已退订、免打扰或活动已暂停）',
  failed: '呼叫失败：号码无效或运营商拒绝',
  busy: '线路繁忙，请稍后再拨',
  gone: '该客户已由其他坐席或系统处理',
} as const;

const NOT_REACHED: Record<string, string> = { busy: '客户占线', no_answer: '客户未接听', failed: '呼叫失败', canceled: '呼叫已取消' };

const STATE_ZH: Record<DeskCallRecord['state'], string> = { waiting: '排队中', offered: '振铃中', dialing: '呼叫中', connected: '通话中', wrap_up: '话后处理', done: '已结束', abandoned: '已放弃', withdrawn: '已撤回' };

function parseSkills(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  try {
    const parsed: unknown = JSON.parse(String(raw ?? '[]'));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
