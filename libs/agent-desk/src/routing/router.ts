/** An agent as routing sees them. */
export interface RoutableAgent {
  id: string;
  available: boolean;
  skills: readonly string[];
  /** The branch whose customers the agent serves; null for the remote center's own staff, who serve every branch. */
  branchCode: string | null;
  /** Since when the agent has had nothing to do (ms since epoch): the longest idle goes first. */
  idleSince: number;
  /** Calls the agent holds now (offered or connected). */
  activeCalls: number;
  /** The most calls the agent may hold at once. */
  maxCalls: number;
}

/** A call waiting for an agent. */
export interface WaitingCall {
  id: string;
  /** Skills the agent must have (all of them). */
  skills: readonly string[];
  /** The customer's branch: only its own agents and the center's may take the call, its own first. */
  branchCode: string | null;
  /** When it started waiting (ms since epoch): the longest waiting is served first. */
  waitingSince: number;
  /** Agents who already let this offer lapse or declined it: offered to someone else. */
  declinedBy: readonly string[];
}

/** The branch whose customers an agent serves, in SQL over `users u`: none (every branch) for admins and the center's staff. */
export const SERVED_BRANCH = "CASE WHEN u.role = 'admin' THEN NULL ELSE u.branch_code END";

/** An agent of a branch never sees another branch's customers (issue 10); the center's agents see all. */
function servesBranch(agent: RoutableAgent, call: WaitingCall): boolean {
  return agent.branchCode === null || agent.branchCode === call.branchCode;
}

function eligible(agent: RoutableAgent, call: WaitingCall): boolean {
  return servesBranch(agent, call) && agent.available && agent.activeCalls < agent.maxCalls && !call.declinedBy.includes(agent.id) && call.skills.every((s) => agent.skills.includes(s));
}

/** The agent for one call: able to take it and serving its branch; of the customer's own branch if any is, then the longest idle. */
export function pickAgent(call: WaitingCall, agents: readonly RoutableAgent[]): RoutableAgent | null {
  let best: RoutableAgent | null = null;
  for (const agent of agents) {
    if (!eligible(agent, call)) continue;
    if (!best) {
      best = agent;
      continue;
    }
    const sameBranch = call.branchCode !== null && agent.branchCode === call.branchCode;
    const bestSameBranch = call.branchCode !== null && best.branchCode === call.branchCode;
    if (sameBranch !== bestSameBranch ? sameBranch : agent.idleSince < best.idleSince || (agent.idleSince === best.idleSince && agent.id < best.id)) best = agent;
  }
  return best;
}

/**
 * A fair queue: calls in the order they started waiting, each to the best agent left; an agent
 * taken by one call is not offered another in the same round beyond their cap.
 */
export function assignCalls(calls: readonly WaitingCall[], agents: readonly RoutableAgent[]): Array<{ callId: string; agentId: string }> {
  const pool = agents.map((a) => ({ ...a }));
  const out: Array<{ callId: string; agentId: string }> = [];
  for (const call of [...calls].sort((a, b) => a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : 1))) {
    const agent = pickAgent(call, pool);
    if (!agent) continue;
    agent.activeCalls += 1;
    out.push({ callId: call.id, agentId: agent.id });
  }
  return out;
}
