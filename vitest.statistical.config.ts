import { defineConfig } from 'vitest/config';

/**
 * The long statistical suites (tests/statistical): many-sample distribution tests and the stochastic DP tester.
 * Excluded from `npm test` (see vitest.config.ts); run with `npm run test:statistical`.
 */
export default defineConfig({
  test: {
    include: ['tests/statistical/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
