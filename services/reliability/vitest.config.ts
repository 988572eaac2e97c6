import { defineConfig } from 'vitest/config';
import { loadProfile } from './src/profile.js';

const profile = loadProfile();

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['src/test-global-setup.ts'],
    // The cases load the machine and measure latency: one at a time, never beside each other.
    fileParallelism: false,
    testTimeout: profile.testTimeoutMs,
    hookTimeout: 60_000,
  },
});
