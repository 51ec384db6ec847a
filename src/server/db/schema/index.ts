export * from './core.js';
export * from './registrations.js';
export * from './learning.js';
export * from './exams.js';
export * from './certificates.js';
export * from './auth.js';
export * from './privacy.js';
export * from './national.js';
