import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { AuditService, Clock, type Principal } from '@app/core';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { RefreshTokensRepository } from '../sessions/refresh-tokens.repository';
import { passwordProblem } from './password-policy';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import type { UserView } from '@app/contracts';
import { toUserView, User } from './user.entity';

const BCRYPT_ROUNDS = 10;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    private readonly sessions: RefreshTokensRepository,
    private readonly clock: Clock,
  ) {}

  /** A hash of nothing anyone knows: an unknown username costs the same bcrypt work as a wrong password. */
  private readonly decoy = bcrypt.hash(randomUUID(), BCRYPT_ROUNDS);

  async list(): Promise<UserView[]> {
    const users = await this.users.find({ order: { username: 'ASC' } });
    return users.map(toUserView);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username });
  }

  async create(dto: CreateUserDto, actor?: Principal): Promise<UserView> {
    this.checkPassword(dto.password, dto.username);
    if (await this.users.existsBy({ username: dto.username })) {
      throw new AuthException(AuthErrorCode.UsernameTaken, `username ${dto.username} is already taken`, { field: 'username' });
    }
    const user = this.users.create({
      id: randomUUID(),
      username: dto.username,
      displayName: dto.displayName ?? null,
      passwordHash: await bcrypt.hash(dto.password, BCRYPT_ROUNDS),
      role: dto.role,
      branchCode: dto.branchCode || null,
      skills: dto.skills ?? [],
      disabled: false,
      lastLoginAt: null,
      failedLogins: 0,
      lockedUntil: null,
    });
    await this.users.save(user);
    await this.audit.record({ actorId: actor?.userId, actorName: actor?.username ?? null, action: 'user.create', targetType: 'user', targetId: user.id, detail: { username: user.username, role: user.role } });
    return toUserView(user);
  }

  async update(id: string, dto: UpdateUserDto, actor: Principal): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new AuthException(AuthErrorCode.UserNotFound, 'user not found');
    if (dto.disabled && user.id === actor.userId) throw new AuthException(AuthErrorCode.CannotDisableSelf, 'you cannot disable your own account', { field: 'disabled' });
    if (dto.password !== undefined) {
      this.checkPassword(dto.password, user.username);
      user.passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
    }
    if (dto.displayName !== undefined) user.displayName = dto.displayName || null;
    if (dto.role !== undefined) user.role = dto.role;
    if (dto.branchCode !== undefined) user.branchCode = dto.branchCode || null;
    if (dto.skills !== undefined) user.skills = dto.skills;
    if (dto.disabled !== undefined) user.disabled = dto.disabled;
    await this.users.save(user);
    // a new password or a disabled account ends every sign-in: no refresh token of theirs works any more
    const signedOut = dto.password !== undefined || dto.disabled ? await this.sessions.revokeForUser(user.id, 'user_changed', this.clock.now()) : 0;
    const changed = Object.keys(dto).map((k) => (k === 'password' ? 'password(reset)' : k));
    await this.audit.record({ actorId: actor.userId, actorName: actor.username, action: 'user.update', targetType: 'user', targetId: user.id, detail: { changed, signedOut } });
    return toUserView(user);
  }

  /** Lifts a lockout (the failures counted so far go with it). */
  async unlock(id: string, actor: Principal): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new AuthException(AuthErrorCode.UserNotFound, 'user not found');
    const wasLockedUntil = user.lockedUntil;
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
    await this.audit.record({
      actorId: actor.userId,
      actorName: actor.username,
      action: 'user.unlock',
      targetType: 'user',
      targetId: id,
      detail: { username: user.username, wasLocked: !!wasLockedUntil && wasLockedUntil > this.clock.now(), failures: user.failedLogins },
    });
    return toUserView({ ...user, failedLogins: 0, lockedUntil: null });
  }

  /** No such user: compared against the decoy, so the answer takes as long as for a real one. */
  async verifyPassword(user: User | null, password: string): Promise<boolean> {
    if (!user) {
      await bcrypt.compare(password, await this.decoy);
      return false;
    }
    return bcrypt.compare(password, user.passwordHash);
  }

  /** A good sign-in also clears the failures counted towards a lockout. */
  async markLoggedIn(user: User, at: Date): Promise<void> {
    await this.users.update({ id: user.id }, { lastLoginAt: at, failedLogins: 0, lockedUntil: null });
  }

  /** The first admin, from ADMIN_USERNAME / ADMIN_PASSWORD, when no user exists yet. */
  async ensureFirstAdmin(username: string, password: string): Promise<boolean> {
    if ((await this.users.count()) > 0) return false;
    await this.create({ username, password, role: 'admin', displayName: '系统管理员' });
    this.logger.log(`Created the first admin "${username}"`);
    return true;
  }

  private checkPassword(password: string, username: string): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, `password ${problem}`, { field: 'password' });
  }
}
