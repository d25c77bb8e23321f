// Test data for scripts/browser-tests.mjs: the users it signs in as and the warehouse feed CSV it uploads.
import { createRequire } from 'node:module';

/** The first admin the server creates from ADMIN_USERNAME / ADMIN_PASSWORD. */
export const ADMIN = { username: 'admin', password: 'Kx7-bank-2026' };
/** Created by the test through POST /api/users. */
export const AGENT = { username: 'seat01', displayName: '王小坐', password: 'Seat-2026-pass', branchCode: 'BR001' };
/** Created by the segments scenario: builds and refreshes segments. */
export const CAMPAIGN_MANAGER = { username: 'manager01', displayName: '李营销', password: 'Plan-2026-pass' };

// the browser tests run after `npm run build`: the feed's columns and the USCC checksum come
// from the server's compiled code, not a copy of it
const require = createRequire(import.meta.url);
export const { REQUIRED_COLUMNS } = require('../../dist/libs/customers/src/import/feed-columns.js');
const { usccCheckChar } = require('../../dist/libs/customers/src/import/uscc.js');
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC for customer n (91 + Hangzhou + an organisation code). */
export function uscc(n) {
  const first17 = `91330100MA2BC${String(n).padStart(4, '0')}`;
  return first17 + usccCheckChar(first17);
}

/** 13912345678 → 139****5678, as the server masks it. */
export function maskPhone(phone) {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** `days` calendar days before `isoDate` (YYYY-MM-DD). */
export function daysBefore(isoDate, days) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid feed row for customer n, dated relative to `today` (YYYY-MM-DD), with overrides. */
export function feedRow(n, overrides = {}, today = new Date().toISOString().slice(0, 10)) {
  return {
    customer_no: `BT${String(n).padStart(8, '0')}`,
    company_name: `杭州浏览器测试${n}号商贸有限公司`,
    uscc: uscc(n),
    legal_rep_name: '张伟',
    phone: `1391234${String(5670 + n).slice(-4)}`,
    branch_code: 'BR001',
    province: '浙江',
    opened_at: '2024-03-15',
    last_txn_at: daysBefore(today, 3),
    avg_daily_balance: '123456.78',
    tier: '2',
    next_tier_threshold: '500000.00',
    points_balance: '1200',
    points_expire_at: `${Number(today.slice(0, 4)) + 1}-12-31`,
    online_banking_activated: 'Y',
    mobile_banking_active: 'N',
    payroll_service: 'Y',
    has_loan: 'N',
    consent_sms: 'Y',
    consent_call: 'Y',
    ...overrides,
  };
}

/** A row whose USCC has the wrong check character. */
export function badUsccRow(n, today) {
  const good = uscc(n);
  const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(good[17]) + 1) % 31];
  return feedRow(n, { company_name: '测试导入错码公司', uscc: good.slice(0, 17) + wrong }, today);
}

export const NEGATIVE_BALANCE_ROW = { avg_daily_balance: '-100.00' };

function cell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function feedCsv(rows, columns = REQUIRED_COLUMNS) {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? '')).join(','))].join('\n') + '\n';
}

/**
 * Customers for the segments scenario: opened 45, 60 and 75 days ago, so 新开户客户 over 90 days
 * picks at least these three more than over 30 days.
 */
export const NEW_ACCOUNT_DAYS = [45, 60, 75];
export function newAccountRows(today) {
  return NEW_ACCOUNT_DAYS.map((days, i) => feedRow(41 + i, { company_name: `分群测试${'甲乙丙'[i]}贸易有限公司`, opened_at: daysBefore(today, days) }, today));
}

