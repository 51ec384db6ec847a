export * from './core.js';
export * from './registrations.js';
