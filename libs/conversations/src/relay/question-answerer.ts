import { Injectable, Logger } from '@nestjs/common';
import type { GraphScriptBody } from '@app/contracts';
import { AppConfig } from '@app/core';

/**
 * Free-form questions answered by an OpenAI-compatible model (LLM_BASE_URL), held to the facts of
 * the call's script and to LLM_TIMEOUT_MS; without a model, or when it fails or is slow, there
 * is no answer and the rules offer a person instead.
 */
@Injectable()
export class QuestionAnswerer {
  private readonly logger = new Logger(QuestionAnswerer.name);

  constructor(private readonly config: AppConfig) {}

  async answer(question: string, script: GraphScriptBody, stepId: string): Promise<string | null> {
    const base = this.config.LLM_BASE_URL;
    if (!base) return null;
    const facts = script.steps.map((s) => `- ${s.title}：${s.text}`).join('\n');
    try {
      const response = await fetch(`${base.replace(/\/$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(this.config.LLM_API_KEY ? { Authorization: `Bearer ${this.config.LLM_API_KEY}` } : {}) },
        body: JSON.stringify({
          model: this.config.LLM_MODEL ?? 'default',
          temperature: 0,
          max_tokens: 120,
          messages: [
            { role: 'system', content: `你是银行远程服务中心的智能客服，正在电话中。只依据下面话术中的事实，用一两句简短的中文口语回答客户的问题，不超过60个字；话术里没有的内容不要编造，直接回答“这个问题需要客户经理为您解答”。当前步骤：${stepId}\n话术：\n${facts}` },
            { role: 'user', content: question },
          ],
        }),
        signal: AbortSignal.timeout(this.config.LLM_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
      const text = data.choices?.[0]?.message?.content?.trim();
      // an answer that defers to a person is no answer: the rules offer one
      return text && !text.includes('客户经理为您解答') ? text.slice(0, 200) : null;
    } catch (error) {
      this.logger.warn(`the model did not answer in time or failed (${String(error)}); the rules answer`);
      return null;
    }
  }
}
