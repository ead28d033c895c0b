import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects, which `vitest run` (`npm test`) runs together and `--project` runs apart:
 * - fast: the unit, template, local-runtime-part and core tests, without `npm start` or a browser, under a
 *   minute here (`npm run test:fast`);
 * - e2e: the real local runtime driven over HTTP, the 5,000-agency directive, and the real `npx cdk synth` CLI, which bundles every function
 *   with esbuild and alone takes a minute: it proves the deployer's command, not the code (`npm run test:e2e`);
 * - browser: the same runtime in Chromium (`npm run test:browser`).
 *
 * The global setup (one synthesis of the app, one dynalite) is the root's alone: vitest runs the root's global
 * setup once per run whichever projects run, and every project reads what it provides. Were it repeated in
 * each project, a full run would synthesize three times.
 */
const shared = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  setupFiles: ['test/setup.ts'],
};

const tests = (...folders: string[]) => folders.map((folder) => `test/${folder}/**/*.test.{ts,tsx}`);
const CDK_CLI = 'test/infra/cdk-cli.test.ts';
/** A unit test at a province's scale (5,000 agencies written to dynalite): it alone takes 20 s, so it runs with e2e. */
const AT_SCALE = 'test/unit/directive-size.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'fast',
          include: tests('unit', 'infra', 'local', 'core'),
          exclude: [...configDefaults.exclude, CDK_CLI, AT_SCALE],
          // Each file is mostly one thread of imports and in-process work: two at a time use both cores. Worker
          // threads start and import faster than forked processes (71 s → 57 s here), and each has its own
          // process.env, which is all the per-file isolation these tests need.
          pool: 'threads',
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      // One runtime at a time: each takes more than a core when busy, and their timings are what they test.
      {
        test: {
          ...shared,
          name: 'e2e',
          include: [...tests('e2e'), CDK_CLI, AT_SCALE],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      { test: { ...shared, name: 'browser', include: tests('browser'), maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
