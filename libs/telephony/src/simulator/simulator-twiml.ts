/**
 * The little of TwiML the simulator acts on, read as Twilio would: a `<Connect action>` around a
 * `<ConversationRelay url>` with its `<Parameter>`s starts an AI call; a `<Dial>` bridges to an agent.
 */

/** An AI call's relay session, as the answer URL's TwiML asks for it. */
export interface ConnectRelay {
  /** The websocket the session speaks to. */
  url: string;
  /** Where Twilio posts when the session ends; without one the call simply ends. */
  action: string | null;
  parameters: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (whole, hex?: string, decimal?: string, name?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(parseInt(decimal, 10));
    return ENTITIES[name?.toLowerCase() ?? ''] ?? whole;
  });
}

/** Every `<name attr="…">` (or self-closing) tag; quoted values may hold `>`, so attributes are matched whole. */
function tags(xml: string, name: string): Record<string, string>[] {
  const pattern = new RegExp(`<${name}((?:\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*/?>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => attributes(m[1] ?? ''));
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** The relay session the TwiML connects, or null when it connects none. */
export function readConnectRelay(twiml: string): ConnectRelay | null {
  const block = /<Connect\b[\s\S]*?<\/Connect>/.exec(twiml)?.[0];
  if (!block) return null;
  const relay = tags(block, 'ConversationRelay')[0];
  if (!relay?.url) return null;
  const parameters: Record<string, string> = {};
  for (const p of tags(block, 'Parameter')) if (p.name !== undefined) parameters[p.name] = p.value ?? '';
  return { url: relay.url, action: tags(block, 'Connect')[0]?.action || null, parameters };
}

/** Whether the TwiML bridges the caller to another party (the agent a handoff found). */
export function dialsOut(twiml: string): boolean {
  return /<Dial\b/.test(twiml);
}
