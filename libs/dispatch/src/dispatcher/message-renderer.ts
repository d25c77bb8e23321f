import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CampaignStep } from '@app/campaigns';
import type { Customer } from '@app/customers';
import { DEFAULT_CONTEXT_VALUES, isGraphBody, renderScript, ScriptsService, scriptContext } from '@app/scripts';
import type { GraphScriptBody, ScriptBody } from '@app/contracts';

/** A campaign step's text for one customer, from the script version the campaign locked. */
@Injectable()
export class MessageRenderer {
  private readonly bodies = new Map<string, Promise<ScriptBody>>();

  constructor(
    @InjectRepository(CampaignStep) private readonly steps: Repository<CampaignStep>,
    private readonly scripts: ScriptsService,
  ) {}

  async sms(campaignId: string, stepNo: number, customer: Customer): Promise<string> {
    const body = await this.body(campaignId, stepNo);
    const rendered = renderScript('sms', body, scriptContext(customer, { agentName: '', ...DEFAULT_CONTEXT_VALUES }), customer.timeZone);
    if (!rendered.text) throw new Error(`step ${stepNo} of campaign ${campaignId} is not an SMS script`);
    return rendered.text;
  }

  /** A voice script's graph with every step's words as the AI speaks them to this customer (plain text). */
  async voiceScript(campaignId: string, stepNo: number, customer: Customer): Promise<GraphScriptBody> {
    const body = await this.body(campaignId, stepNo);
    if (!isGraphBody(body)) throw new Error(`step ${stepNo} of campaign ${campaignId} is not a voice script`);
    const rendered = renderScript('voice', body, scriptContext(customer, { agentName: '', ...DEFAULT_CONTEXT_VALUES }), customer.timeZone, 'plain');
    const texts = new Map((rendered.steps ?? []).map((s) => [s.id, s.text]));
    return { start: body.start, steps: body.steps.map((s) => ({ ...s, text: texts.get(s.id) ?? s.text })) };
  }

  /** A step's graph script as the campaign locked it, unrendered (the agent desk renders it per agent); null for an SMS step. */
  async graph(campaignId: string, stepNo: number): Promise<GraphScriptBody | null> {
    const body = await this.body(campaignId, stepNo);
    return isGraphBody(body) ? body : null;
  }

  // a locked version never changes, so it is read once per step (the promise, so a wave of sends shares one read)
  private body(campaignId: string, stepNo: number): Promise<ScriptBody> {
    const key = `${campaignId}/${stepNo}`;
    let body = this.bodies.get(key);
    if (!body) {
      body = this.load(campaignId, stepNo);
      this.bodies.set(key, body);
      body.catch(() => this.bodies.delete(key));
    }
    return body;
  }

  private async load(campaignId: string, stepNo: number): Promise<ScriptBody> {
    const step = await this.steps.findOneByOrFail({ campaignId, stepNo });
    const found = await this.scripts.findVersion(step.scriptId, step.scriptVersion);
    if (!found) throw new Error(`script ${step.scriptId} v${step.scriptVersion} of campaign ${campaignId} step ${stepNo} is gone`);
    return found.version.body;
  }
}
