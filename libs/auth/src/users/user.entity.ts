import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role, UserView } from '@app/contracts';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', nullable: true })
  displayName!: string | null;

  @Column({ name: 'password_hash', type: 'varchar' })
  passwordHash!: string;

  @Column({ type: 'varchar' })
  role!: Role;

  @Column({ name: 'branch_code', type: 'varchar', nullable: true })
  branchCode!: string | null;

  @Column({ type: 'simple-json' })
  skills!: string[];

  @Column({ type: 'boolean' })
  disabled!: boolean;

  @Column({ name: 'last_login_at', type: Date, nullable: true })
  lastLoginAt!: Date | null;

  /** Failed sign-ins in a row; a success or a lockout sets it back to 0. */
  @Column({ name: 'failed_logins', type: 'integer' })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    branchCode: user.branchCode,
    skills: user.skills,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}
