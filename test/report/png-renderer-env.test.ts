/** APIGW_SIM_NO_CANVAS is heard whenever it is set, not only before the first chart of the process. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pngRenderer } from '../../src/report/charts/png-renderer.js';

describe('pngRenderer and APIGW_SIM_NO_CANVAS', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('turns PNGs off when set after the renderer was first asked for, and back on when cleared', async () => {
    vi.stubEnv('APIGW_SIM_NO_CANVAS', '');
    const first = await pngRenderer(); // the renderer, or why there is none on this machine
    vi.stubEnv('APIGW_SIM_NO_CANVAS', '1');
    const off = await pngRenderer();
    expect(off).toEqual({ unavailable: expect.stringMatching(/^no PNG charts \(APIGW_SIM_NO_CANVAS=1\)/) });
    vi.stubEnv('APIGW_SIM_NO_CANVAS', '');
    expect(await pngRenderer()).toBe(first);
  });
});
