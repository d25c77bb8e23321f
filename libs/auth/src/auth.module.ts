import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { AuthGuard } from './guards/auth.guard';
import { AuthController } from './login/auth.controller';
import { AuthService } from './login/auth.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret(), signOptions: { expiresIn: config.JWT_EXPIRES_IN as `${number}h` } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [UsersService, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
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
  }
}
