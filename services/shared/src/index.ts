export * from './errors.js';
export * from './config.js';
export * from './logger.js';
export * from './metrics.js';
export * from './health.js';
export * from './http-app.js';
export * from './lifecycle.js';
export * from './send-json.js';
