import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The bad-input cases run the CLI as child processes, two at a time (the machine has two cores).
    maxConcurrency: 2,
  },
});
