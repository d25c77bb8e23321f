import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['true', '1', 'yes', 'y'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const TELEPHONY_PROVIDERS = ['simulator', 'twilio'] as const;
export type TelephonyProviderName = (typeof TELEPHONY_PROVIDERS)[number];

/**
 * Every environment variable of DESIGN §5, validated once at start. Grouped by concern;
 * `.env.example` documents each one.
 */
export class AppConfig {
  // server
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  DATA_DIR = './data';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsTimeZone()
  DEFAULT_TIME_ZONE = 'Asia/Shanghai';

  // databases
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Run pending migrations at start (the embedded default); production may run them apart. */
  @Transform(toBool) @IsBoolean()
  MIGRATIONS_RUN = true;

  /** PostgreSQL connections each instance may hold (instances × this must stay under the server's max_connections). */
  @Transform(toInt) @IsInt() @Min(2) @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Whose X-Forwarded-For is believed (Express's `trust proxy`): `loopback`, a balancer's address or subnet, a hop count, or `false`. */
  @IsString() @MinLength(1)
  TRUST_PROXY = 'loopback';

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  // sign-in
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(16)
  JWT_SECRET?: string;

  /** The access token's life: short, the console renews it with the refresh token. */
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 1h or 1d' })
  JWT_EXPIRES_IN = '15m';

  /** A sign-in's life (an agent's shift): refresh tokens rotate within it, never past it. */
  @Matches(/^\d+[smhd]$/, { message: 'JWT_REFRESH_EXPIRES_IN must look like 12h or 1d' })
  JWT_REFRESH_EXPIRES_IN = '12h';

  @IsString() @MinLength(3)
  ADMIN_USERNAME = 'admin';

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(8)
  ADMIN_PASSWORD?: string;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_USERNAME = 5;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS = 30;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Minutes an account stays locked after LOGIN_MAX_FAILURES_PER_USERNAME failures in a row (kept in the database: every instance sees it). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  LOGIN_LOCKOUT_MINUTES = 15;

  // telephony
  @IsIn(TELEPHONY_PROVIDERS)
  TELEPHONY_PROVIDER: TelephonyProviderName = 'simulator';

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits' })
  TWILIO_ACCOUNT_SID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  TWILIO_AUTH_TOKEN?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\+[1-9]\d{6,14}$/, { message: 'TWILIO_FROM_NUMBER must be E.164, e.g. +14155550100' })
  TWILIO_FROM_NUMBER?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'TWILIO_MESSAGING_SERVICE_SID must be MG followed by 32 hex digits' })
  TWILIO_MESSAGING_SERVICE_SID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TWILIO_API_BASE_URL?: string;

  /** Seconds the Twilio SDK waits for an answer; a request that times out is looked up, never sent again blindly. */
  @Transform(toInt) @IsInt() @Min(1) @Max(120)
  TWILIO_TIMEOUT_SECONDS = 15;

  // the built-in simulator (TELEPHONY_PROVIDER=simulator)
  /** How simulated calls end, as relative weights. */
  @Matches(/^(answered|busy|no_answer|failed):\d+(,(answered|busy|no_answer|failed):\d+)*$/, { message: 'SIMULATOR_CALL_ODDS must look like answered:60,no_answer:20,busy:12,failed:8' })
  SIMULATOR_CALL_ODDS = 'answered:60,no_answer:20,busy:12,failed:8';

  @Transform(toNumber) @IsNumber() @Min(0) @Max(100)
  SIMULATOR_SMS_FAILURE_PCT = 4;

  /** Seconds a simulated phone rings before it is answered, found busy or given up. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(120)
  SIMULATOR_RING_SECONDS = 4;

  /** Seconds a simulated answered call lasts (when no AI dialogue ends it first). */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(3600)
  SIMULATOR_TALK_SECONDS = 30;

  /**
   * Who the simulator's AI-call customers are, as weights: interested, not_interested, human (asks
   * for a person), stop (stop calling me), later (call me tomorrow at 3), silent, off_script.
   */
  @Matches(/^(interested|not_interested|human|stop|later|silent|off_script):\d+(,(interested|not_interested|human|stop|later|silent|off_script):\d+)*$/, {
    message: 'SIMULATOR_AI_PERSONAS must look like interested:25,not_interested:20,human:15,stop:10,later:15,silent:5,off_script:10',
  })
  SIMULATOR_AI_PERSONAS = 'interested:25,not_interested:20,human:15,stop:10,later:15,silent:5,off_script:10';

  /** Milliseconds a simulated AI-call customer takes before answering the AI. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(60000)
  SIMULATOR_AI_PAUSE_MS = 1500;

  /** Seconds an AI call waits for the customer to speak before it asks again (ConversationRelay sends nothing for silence). */
  @Transform(toNumber) @IsNumber() @Min(1) @Max(120)
  RELAY_SILENCE_SECONDS = 8;

  /** Seconds a customer handed over by the AI waits for a free agent before a callback is planned instead. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(600)
  HANDOFF_WAIT_SECONDS = 30;

  /** Seconds an agent has to accept a call offered on the console before it goes to the next agent. */
  @Transform(toNumber) @IsNumber() @Min(3) @Max(120)
  AGENT_OFFER_SECONDS = 15;

  /** Seconds of wrap-up after a call ends before the agent is available again by themselves. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(900)
  AGENT_WRAP_UP_SECONDS = 30;

  /** Seconds an answered agent call may wait for a free agent before the customer hears the recorded message (counted as abandoned). */
  @Transform(toNumber) @IsNumber() @Min(0.5) @Max(10)
  AGENT_ANSWER_WAIT_SECONDS = 2;

  /** Seconds a free agent with no console connected stays available before they are set offline. */
  @Transform(toNumber) @IsNumber() @Min(5) @Max(3600)
  AGENT_DISCONNECT_GRACE_SECONDS = 60;

  /** How often the supervisors' wallboard is sent (ms). */
  @Transform(toInt) @IsInt() @Min(200) @Max(10000)
  WALLBOARD_INTERVAL_MS = 1000;

  /** The text-to-speech voice of AI calls (ConversationRelay `voice`; empty: the carrier's default for zh-CN). */
  @IsOptional() @Transform(emptyToUndefined) @IsString()
  RELAY_TTS_VOICE?: string;

  /** A slower voice for elderly-friendly customers (e.g. an ElevenLabs voice id with a speed below 1.0). */
  @IsOptional() @Transform(emptyToUndefined) @IsString()
  RELAY_ELDERLY_TTS_VOICE?: string;

  /** Milliseconds a spoken character takes, so a goodbye is heard before the AI ends the call (0: end at once). */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(1000)
  RELAY_SPEECH_MS_PER_CHAR = 220;

  /** Milliseconds the optional model may take to answer a question before the rules answer instead. */
  @Transform(toNumber) @IsNumber() @Min(100) @Max(30000)
  LLM_TIMEOUT_MS = 2500;

  /** Seconds until a simulated SMS is reported delivered or failed. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(600)
  SIMULATOR_SMS_SECONDS = 2;

  // dispatch
  /** Each instance runs a dispatcher; several never take the same attempt. */
  @Transform(toBool) @IsBoolean()
  DISPATCH_ENABLED = true;

  /** Short, so a paced rate is spent evenly: at 1000 ms two dispatchers held 50 SMS/s at -9 %, at 250 ms exactly. */
  @Transform(toInt) @IsInt() @Min(20) @Max(60000)
  DISPATCH_INTERVAL_MS = 250;

  @Transform(toInt) @IsInt() @Min(1) @Max(5000)
  DISPATCH_BATCH_SIZE = 200;

  /** How long a claimed attempt is this instance's before another may reconcile it. */
  @Transform(toInt) @IsInt() @Min(2) @Max(86400)
  DISPATCH_LEASE_SECONDS = 120;

  /** Calls per second per provider account (Twilio's default is 1); 0 turns pacing off. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(10000)
  DISPATCH_CALLS_PER_SECOND = 1;

  /** SMS per second per provider account; 0 turns pacing off. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(10000)
  DISPATCH_SMS_PER_SECOND = 10;

  /** Provider requests in flight at once per dispatcher. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  DISPATCH_SEND_CONCURRENCY = 32;

  /** Tries after the carrier refused with 429/503 before the attempt fails. */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  DISPATCH_MAX_SEND_TRIES = 8;

  /** Campaigns with new outcomes are planned again (next steps, retries) at most this often. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  DISPATCH_REPLAN_SECONDS = 30;

  /**
   * An SMS still at `sent` this long after it left (its delivery receipt was lost) is asked about
   * at the carrier; again after 4× and 16× as long, then left as it is.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  SMS_RECEIPT_WAIT_MINUTES = 30;

  // AI dialogue (optional model)
  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  LLM_BASE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  LLM_API_KEY?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  LLM_MODEL?: string;

  // data and batch jobs
  @Transform(toBool) @IsBoolean()
  DEMO_DATA = true;

  @Transform(toInt) @IsInt() @Min(0) @Max(200000)
  DEMO_CUSTOMERS = 3000;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  IMPORT_DIR?: string;

  @Matches(/^(\S+\s+){4,5}\S+$/, { message: 'IMPORT_SCHEDULE must be a cron expression like "0 2 * * *"' })
  IMPORT_SCHEDULE = '0 2 * * *';

  @Transform(toInt) @IsInt() @Min(1)
  IMPORT_MAX_UPLOAD_MB = 512;

  /** Refreshes every nightly segment; it also runs right after the nightly import imports a feed. */
  @Matches(/^(\S+\s+){4,5}\S+$/, { message: 'SEGMENT_REFRESH_SCHEDULE must be a cron expression like "30 3 * * *"' })
  SEGMENT_REFRESH_SCHEDULE = '30 3 * * *';

  /** Starts scheduled campaigns, completes ended ones and plans the running ones (new members, next steps, retries). */
  @Matches(/^(\S+\s+){4,5}\S+$/, { message: 'CAMPAIGN_PLAN_SCHEDULE must be a cron expression like "*/5 * * * *"' })
  CAMPAIGN_PLAN_SCHEDULE = '*/5 * * * *';

  @Transform(toBool) @IsBoolean()
  SCHEDULER_ENABLED = true;

  get databaseKind(): 'postgres' | 'sqlite' {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  get dataDir(): string {
    return resolve(this.DATA_DIR);
  }

  get importDir(): string {
    return resolve(this.IMPORT_DIR ?? join(this.dataDir, 'import'));
  }

  get publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`).replace(/\/$/, '');
  }

  /** The secret from the environment, or one generated once and kept under DATA_DIR (embedded mode). */
  jwtSecret(): string {
    if (this.JWT_SECRET) return this.JWT_SECRET;
    const file = join(this.dataDir, 'jwt-secret');
    if (!existsSync(file)) {
      mkdirSync(this.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    return readFileSync(file, 'utf8').trim();
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and validates the environment; throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key) || key.startsWith('TWILIO_') || key.startsWith('LLM_')));
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    throw new ConfigValidationError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  // a lease renewed before each wave of sends must outlast the slowest carrier answer
  if (config.DISPATCH_LEASE_SECONDS <= config.TWILIO_TIMEOUT_SECONDS) {
    throw new ConfigValidationError([`DISPATCH_LEASE_SECONDS: must be longer than TWILIO_TIMEOUT_SECONDS (${config.TWILIO_TIMEOUT_SECONDS})`]);
  }
  if (config.TELEPHONY_PROVIDER === 'twilio') {
    const missing = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL'].filter((k) => !config[k as keyof AppConfig]);
    if (!config.TWILIO_FROM_NUMBER && !config.TWILIO_MESSAGING_SERVICE_SID) missing.push('TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID');
    if (missing.length) throw new ConfigValidationError(missing.map((k) => `${k}: required when TELEPHONY_PROVIDER=twilio`));
  }
  return config;
}
