export * from './core.js';
export * from './registrations.js';
export * from './learning.js';
