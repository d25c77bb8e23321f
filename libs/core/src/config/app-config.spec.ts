import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, loadConfig } from './app-config';

describe('config', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, TELEPHONY_PROVIDER: 'simulator', DEMO_DATA: true, DEFAULT_TIME_ZONE: 'Asia/Shanghai', IMPORT_SCHEDULE: '0 2 * * *' });
    expect(config.databaseKind).toBe('sqlite');
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('reads types from strings and picks PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ PORT: '8080', DEMO_DATA: 'false', DATABASE_URL: 'postgres://u:p@db:5432/cc', PUBLIC_BASE_URL: 'https://cc.example.cn/' });
    expect(config).toMatchObject({ PORT: 8080, DEMO_DATA: false });
    expect(config.databaseKind).toBe('postgres');
    expect(config.publicBaseUrl).toBe('https://cc.example.cn');
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEFAULT_TIME_ZONE: 'Beijing', TELEPHONY_PROVIDER: 'pigeon', JWT_SECRET: 'short' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const names = (error as ConfigValidationError).problems.map((p) => p.split(':')[0]).sort();
      expect(names).toEqual(['DATABASE_URL', 'DEFAULT_TIME_ZONE', 'JWT_SECRET', 'PORT', 'TELEPHONY_PROVIDER']);
    }
  });

  it('requires the Twilio account when Twilio is the provider', () => {
    expect(() => loadConfig({ TELEPHONY_PROVIDER: 'twilio' })).toThrow(/TWILIO_ACCOUNT_SID: required/);
  });
});
