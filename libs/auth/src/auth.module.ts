import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { AuthGuard } from './guards/auth.guard';
import { AccountLockout } from './login/account-lockout.service';
import { AuthController } from './login/auth.controller';
import { AuthService } from './login/auth.service';
import { RefreshToken } from './sessions/refresh-token.entity';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';
import { durationSeconds } from './sessions/session-policy';
import { SessionsService } from './sessions/sessions.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * The demo's staff (DEMO_DATA on a new database only): an agent and the supervisor of the remote
 * center itself (no branch: every branch's customers), and an agent of one branch (only its own).
 */
export const DEMO_STAFF_PASSWORD = 'Desk-demo-2026';
const DEMO_STAFF = [
  { username: 'agent01', displayName: '张敏', role: 'agent', branchCode: undefined, skills: ['onboarding', 'loan'] },
  { username: 'agent02', displayName: '李强', role: 'agent', branchCode: 'BR002', skills: ['onboarding'] },
  { username: 'super01', displayName: '王芳', role: 'supervisor', branchCode: undefined, skills: [] },
] as const;

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret(), signOptions: { expiresIn: durationSeconds(config.JWT_EXPIRES_IN) } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [UsersService, RefreshTokensRepository, SessionsService, AccountLockout, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService, AuthService],
})
export class AuthModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthModule.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.ADMIN_PASSWORD ?? `Cc${randomBytes(9).toString('base64url')}9`;
    const created = await this.users.ensureFirstAdmin(this.config.ADMIN_USERNAME, password);
    if (created && !this.config.ADMIN_PASSWORD) {
      // a generated password goes to a file only the operator can read, never to the log
      mkdirSync(this.config.dataDir, { recursive: true });
      const file = join(this.config.dataDir, 'initial-admin-password.txt');
      writeFileSync(file, password + '\n', { mode: 0o600 });
      this.logger.warn(`ADMIN_PASSWORD is not set: the first admin's generated password is in ${file}`);
    }
    if (created && this.config.DEMO_DATA) await this.demoStaff();
  }

  /** With the demo data, a new database also gets agents and a supervisor to walk the agent desk with (README: 演示账号). */
  private async demoStaff(): Promise<void> {
    for (const staff of DEMO_STAFF) await this.users.create({ ...staff, skills: [...staff.skills], password: DEMO_STAFF_PASSWORD });
    // the shared demo password is in the README (演示账号): passwords stay out of the log, even this one
    this.logger.log(`Demo staff: ${DEMO_STAFF.map((s) => `${s.username} (${s.role})`).join(', ')}, with the demo password of the README (demo data only)`);
  }
}
