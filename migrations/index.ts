import { Foundation1763900000000 } from './1763900000000-foundation';
import { Segments1764000000000 } from './1764000000000-segments';
import { Campaigns1764100000000 } from './1764100000000-campaigns';
import { Dispatch1764200000000 } from './1764200000000-dispatch';
import { Conversations1764300000000 } from './1764300000000-conversations';
import { AgentDesk1764400000000 } from './1764400000000-agent-desk';
import { AuthSessions1764500000000 } from './1764500000000-auth-sessions';
import { AgentCallbacks1764600000000 } from './1764600000000-agent-callbacks';
import { SmsReceiptChecks1764700000000 } from './1764700000000-sms-receipt-checks';

/** Every migration, in order. The schema's only source: nothing is synchronized outside tests. */
export const MIGRATIONS = [Foundation1763900000000, Segments1764000000000, Campaigns1764100000000, Dispatch1764200000000, Conversations1764300000000, AgentDesk1764400000000, AuthSessions1764500000000, AgentCallbacks1764600000000, SmsReceiptChecks1764700000000];
