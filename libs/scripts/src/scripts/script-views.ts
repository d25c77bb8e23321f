import type { ScriptVersionView, ScriptView } from '@app/contracts';
import { bodySmsLength } from '../text/script-body';
import type { Script, ScriptVersion } from './script.entity';

export function toVersionView(v: ScriptVersion): ScriptVersionView {
  return { version: v.version, body: v.body, variables: v.variables, lockedAt: v.lockedAt ? v.lockedAt.toISOString() : null, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() };
}

export function toScriptView(s: Script, current: ScriptVersion): ScriptView {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    kind: s.kind,
    version: s.version,
    current: toVersionView(current),
    smsLength: bodySmsLength(s.kind, current.body),
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
