import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
import { TelephonyProvider } from './port/telephony-provider';
import { SimulatorProvider } from './simulator/simulator.provider';
import { TwilioProvider } from './twilio/twilio.provider';
import { TwilioSignature } from './twilio/twilio-signature';
import { TelephonyUrls } from './webhooks/telephony-urls';

/** The simulator signs like Twilio: with TWILIO_AUTH_TOKEN when set, else a secret kept under DATA_DIR. */
export function simulatorToken(config: AppConfig): string {
  if (config.TWILIO_AUTH_TOKEN) return config.TWILIO_AUTH_TOKEN;
  const file = join(config.dataDir, 'simulator-token');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function createProvider(config: AppConfig, clock: Clock): TelephonyProvider {
  if (config.TELEPHONY_PROVIDER === 'twilio') {
    return new TwilioProvider(
      {
        accountSid: config.TWILIO_ACCOUNT_SID as string,
        authToken: config.TWILIO_AUTH_TOKEN as string,
        fromNumber: config.TWILIO_FROM_NUMBER ?? null,
        messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID ?? null,
        apiBaseUrl: config.TWILIO_API_BASE_URL ?? null,
        timeoutSeconds: config.TWILIO_TIMEOUT_SECONDS,
      },
      clock,
    );
  }
  return new SimulatorProvider(
    {
      callOdds: config.SIMULATOR_CALL_ODDS,
      smsFailurePct: config.SIMULATOR_SMS_FAILURE_PCT,
      ringSeconds: config.SIMULATOR_RING_SECONDS,
      talkSeconds: config.SIMULATOR_TALK_SECONDS,
      smsSeconds: config.SIMULATOR_SMS_SECONDS,
      aiPersonas: config.SIMULATOR_AI_PERSONAS,
      aiPauseMs: config.SIMULATOR_AI_PAUSE_MS,
    },
    new TwilioSignature(simulatorToken(config)),
    clock,
  );
}

/**
 * Carrier plumbing (DESIGN §3): the provider TELEPHONY_PROVIDER names behind the port, and the
 * URLs it calls back on. Knows nothing of campaigns; the lib that consumes provider events
 * registers TwilioWebhooksController with its ProviderEventSink.
 */
@Module({
  providers: [TelephonyUrls, { provide: TelephonyProvider, useFactory: createProvider, inject: [AppConfig, Clock] }],
  exports: [TelephonyUrls, TelephonyProvider],
})
export class TelephonyModule {}
