import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An SME customer as the bank's warehouse feed describes it. Money in integer fen. */
@Entity({ name: 'customers' })
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'customer_no', type: 'varchar' })
  customerNo!: string;

  @Column({ name: 'company_name', type: 'varchar' })
  companyName!: string;

  @Column({ type: 'varchar' })
  uscc!: string;

  @Column({ name: 'legal_rep_name', type: 'varchar', nullable: true })
  legalRepName!: string | null;

  /** E.164; never shown unmasked without an audit entry. */
  @Column({ type: 'varchar' })
  phone!: string;

  @Column({ name: 'branch_code', type: 'varchar' })
  branchCode!: string;

  @Column({ type: 'varchar', nullable: true })
  province!: string | null;

  @Column({ name: 'time_zone', type: 'varchar' })
  timeZone!: string;

  @Column({ name: 'opened_at', type: 'date' })
  openedAt!: string;

  @Column({ name: 'last_txn_at', type: 'date', nullable: true })
  lastTxnAt!: string | null;

  @Column({ name: 'avg_daily_balance_fen', type: 'bigint' })
  avgDailyBalanceFen!: number;

  @Column({ type: 'integer' })
  tier!: number;

  @Column({ name: 'next_tier_threshold_fen', type: 'bigint', nullable: true })
  nextTierThresholdFen!: number | null;

  @Column({ name: 'points_balance', type: 'bigint' })
  pointsBalance!: number;

  @Column({ name: 'points_expire_at', type: 'date', nullable: true })
  pointsExpireAt!: string | null;

  @Column({ name: 'online_banking_activated', type: 'boolean' })
  onlineBankingActivated!: boolean;

  @Column({ name: 'mobile_banking_active', type: 'boolean' })
  mobileBankingActive!: boolean;

  @Column({ name: 'payroll_service', type: 'boolean' })
  payrollService!: boolean;

  @Column({ name: 'has_loan', type: 'boolean' })
  hasLoan!: boolean;

  @Column({ name: 'consent_sms', type: 'boolean' })
  consentSms!: boolean;

  @Column({ name: 'consent_call', type: 'boolean' })
  consentCall!: boolean;

  @Column({ name: 'risk_flags', type: 'simple-json' })
  riskFlags!: string[];

  @Column({ name: 'elderly_friendly', type: 'boolean' })
  elderlyFriendly!: boolean;

  @Column({ name: 'last_feed_date', type: 'date' })
  lastFeedDate!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
