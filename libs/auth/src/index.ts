export * from './auth.module';
export * from './auth.exception';
export * from './login/auth.service';
export * from './login/login-rate-limiter';
export * from './users/user.entity';
export * from './users/users.service';
export * from './users/password-policy';
