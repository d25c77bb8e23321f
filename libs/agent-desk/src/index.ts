export * from './agent-desk.module';
export * from './desk/agent-desk.service';
export * from './desk/handoff-script';
export * from './pacing/dial-pacing';
export * from './presence/presence';
export * from './routing/router';
export * from './store/desk.entities';
export * from './gateway/redis-io.adapter';
