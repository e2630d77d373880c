/**
 * Property tests draw from one fixed seed, so `npm test` gives the same result
 * on every run and a CI failure can be replayed. FC_SEED=<n> explores another
 * part of the input space locally (fast-check prints the seed of a failure).
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20_261_201);
fc.configureGlobal({ seed: Number.isFinite(seed) ? seed : 20_261_201 });
