export * from './domain.js';
export * from './errors.js';
export * from './phone.js';
export * from './pipeline.js';
export * from './sync.js';
export * from './http.js';
export * from './contract.js';
export * from './permissions.js';
