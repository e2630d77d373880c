/**
 * seedrandom's generators side by side (uniform draws per second), the
 * measurement behind the choice of Alea in src/engine/random.ts.
 */
import { performance } from 'node:perf_hooks';
import seedrandom from 'seedrandom';

const GENERATORS = ['alea', 'xor128', 'tychei', 'xorwow', 'xorshift7', 'xor4096', 'arc4 (default)'];

export function measureGenerators(draws) {
  const results = {};
  for (const name of GENERATORS) {
    const next = name === 'arc4 (default)' ? seedrandom('bench') : seedrandom[name]('bench');
    let sum = 0;
    for (let i = 0; i < 1e5; i++) sum += next(); // warm up the JIT
    const start = performance.now();
    for (let i = 0; i < draws; i++) sum += next();
    const seconds = (performance.now() - start) / 1000;
    if (sum === 0) throw new Error('unreachable: keeps the loop alive');
    results[name] = draws / seconds;
  }
  return results;
}
