/**
 * Test setup: fast-check runs with a fixed seed so that `npm test` (and CI) gives the same answer on every run.
 * To explore other inputs, set FC_SEED (a number, or `random`): `FC_SEED=random npx vitest run tests/properties.test.ts`.
 * A counterexample found that way becomes a regression test of its own (see the end of tests/properties.test.ts).
 */
import fc from 'fast-check';

const env = process.env.FC_SEED;
if (env !== 'random') fc.configureGlobal({ seed: env ? Number(env) : 20261129 });
