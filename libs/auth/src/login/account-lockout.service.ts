import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, AuditService, returning, toDate } from '@app/core';
import type { User } from '../users/user.entity';

/**
 * Locks an account after LOGIN_MAX_FAILURES_PER_USERNAME failed sign-ins in a row, for
 * LOGIN_LOCKOUT_MINUTES. The count lives on the user's row and moves in one UPDATE, so every
 * instance counts the same failures and a restart forgets none.
 */
@Injectable()
export class AccountLockout {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Counts a failure; answers the end of the lockout when this failure started one. */
  async recordFailure(user: User, now: Date, address: string): Promise<Date | null> {
    const max = this.config.LOGIN_MAX_FAILURES_PER_USERNAME;
    const until = new Date(now.getTime() + this.config.LOGIN_LOCKOUT_MINUTES * 60_000);
    // the Nth failure locks and starts the count again; a failure while locked is not counted (it is refused before)
    const rows = await returning<{ failed_logins: number; locked_until: unknown }>(
      this.dataSource,
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= :max THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE locked_until END
        WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)
        RETURNING failed_logins, locked_until`,
      { id: user.id, max, until, now },
    );
    const lockedUntil = rows.length && Number(rows[0].failed_logins) === 0 ? toDate(rows[0].locked_until) : null;
    if (lockedUntil) {
      await this.audit.record({
        actorId: user.id,
        actorName: user.username,
        action: 'auth.lockout',
        targetType: 'user',
        targetId: user.id,
        address,
        detail: { failures: max, minutes: this.config.LOGIN_LOCKOUT_MINUTES, until: lockedUntil.toISOString() },
      });
    }
    return lockedUntil;
  }
}
