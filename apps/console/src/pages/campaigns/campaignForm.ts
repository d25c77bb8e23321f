/** The wizard's form values, the API's CreateCampaign body made from them, and back (editing a draft). */
import type { Dayjs } from 'dayjs';
import type { CampaignPacing, CampaignView, Channel, ContactPolicyOverrides, EntryMode, Purpose, RetryOutcome, StepCondition } from '@app/contracts';
import { RETRY_OUTCOMES } from '@app/contracts';
import { isoToWall, nowWall, wallToIso } from '../policy/beijingTime';
import type { NamePath } from '../policy/fieldPath';

export interface StepValues {
  channel: Channel;
  scriptId?: string;
  delayMinutes: number;
  runIf: StepCondition;
}

type Maybe<T> = T | null | undefined;

/** Empty: the bank's value applies. A retry's `null` means "never retry" (narrower), `undefined` inherit. */
export interface PolicyValues {
  hours?: Partial<Record<'call' | 'sms', { start?: Maybe<string>; end?: Maybe<string>; days?: Maybe<string> }>>;
  caps?: Partial<Record<'call' | 'sms', { max?: Maybe<number>; days?: Maybe<number> }>>;
  maxAttempts?: Maybe<number>;
  retryMinutes?: Partial<Record<RetryOutcome, number | null | undefined>>;
}

export interface CampaignFormValues {
  name: string;
  description?: string;
  purpose: Purpose;
  segmentId?: string;
  steps: StepValues[];
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
  entryMode: EntryMode;
  holdoutPct: number;
  policy: PolicyValues;
  pacing: CampaignPacing;
}

export const DEFAULT_PACING: CampaignPacing = { mode: 'progressive', ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 };

export function initialValues(): CampaignFormValues {
  return {
    name: '',
    description: '',
    purpose: 'marketing',
    steps: [{ channel: 'sms', delayMinutes: 0, runIf: 'always' }],
    startsAt: nowWall().second(0).millisecond(0),
    endsAt: null,
    entryMode: 'snapshot',
    holdoutPct: 10,
    policy: {},
    pacing: DEFAULT_PACING,
  };
}

const present = <T>(v: Maybe<T>): v is T => v !== null && v !== undefined && (v as unknown) !== '';

/** Only what the manager narrowed is sent. */
export function policyOverrides(values: PolicyValues | undefined): ContactPolicyOverrides {
  const out: ContactPolicyOverrides = {};
  for (const cls of ['call', 'sms'] as const) {
    const h = values?.hours?.[cls];
    const hours = Object.fromEntries(Object.entries(h ?? {}).filter(([, v]) => present(v)));
    if (Object.keys(hours).length) out.hours = { ...out.hours, [cls]: hours };
    const c = values?.caps?.[cls];
    const caps = Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => present(v)));
    if (Object.keys(caps).length) out.caps = { ...out.caps, [cls]: caps };
  }
  if (present(values?.maxAttempts)) out.maxAttempts = values.maxAttempts;
  for (const outcome of RETRY_OUTCOMES) {
    const v = values?.retryMinutes?.[outcome];
    if (v !== undefined) out.retryMinutes = { ...out.retryMinutes, [outcome]: v };
  }
  return out;
}

export function toPayload(values: CampaignFormValues) {
  return {
    name: values.name.trim(),
    description: values.description?.trim() || undefined,
    segmentId: values.segmentId,
    purpose: values.purpose,
    steps: values.steps.map((s, i) => ({ channel: s.channel, scriptId: s.scriptId, delayMinutes: s.delayMinutes ?? 0, runIf: i === 0 ? 'always' : s.runIf })),
    startsAt: wallToIso(values.startsAt),
    endsAt: values.endsAt ? wallToIso(values.endsAt) : undefined,
    entryMode: values.entryMode,
    holdoutPct: values.holdoutPct,
    policy: policyOverrides(values.policy),
    pacing: values.pacing,
  };
}

export function fromCampaign(c: CampaignView): CampaignFormValues {
  return {
    name: c.name,
    description: c.description ?? '',
    purpose: c.purpose,
    segmentId: c.segmentId,
    steps: c.steps.map((s) => ({ channel: s.channel, scriptId: s.scriptId, delayMinutes: s.delayMinutes, runIf: s.condition })),
    startsAt: isoToWall(c.startsAt) ?? nowWall(),
    endsAt: isoToWall(c.endsAt),
    entryMode: c.entryMode,
    holdoutPct: c.holdoutPct,
    policy: c.policy as PolicyValues,
    pacing: c.pacing,
  };
}

/** Which wizard page holds a field the server named. */
export function wizardPageOf(name: NamePath): number {
  const head = name[0];
  if (head === 'steps') return 1;
  if (head === 'startsAt' || head === 'endsAt' || head === 'entryMode' || head === 'holdoutPct') return 2;
  if (head === 'policy' || head === 'pacing') return 3;
  return 0;
}

/** The form's fields on each wizard page, validated before moving on. */
export const PAGE_FIELDS: NamePath[][] = [[['name'], ['description'], ['purpose'], ['segmentId']], [['steps']], [['startsAt'], ['endsAt'], ['entryMode'], ['holdoutPct']], [['policy'], ['pacing']]];
