/**
 * Every test's temporary folders under one root, removed when the run ends:
 * the test workers, and the CLIs they spawn, inherit TMPDIR, which
 * os.tmpdir() reads. A test that does not clean up after itself (or is
 * killed) leaves nothing in /tmp but, at worst, this one folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'apigw-sim-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
