// The API's answer shapes, shared by the server and the console: pure types, no imports.
export * from './roles';
export * from './page';
export * from './user';
export * from './customer';
export * from './import';
export * from './segment';
export * from './policy';
export * from './script';
export * from './campaign';
export * from './sms-length';
export * from './conversation';
export * from './agent-desk';
export * from './labels';
