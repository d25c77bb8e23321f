export * from './pacing/dial-pacing';
export * from './presence/presence';
export * from './routing/router';
