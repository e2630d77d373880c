#!/usr/bin/env node
// Writes schema/scenario.schema.json (`npm run schema`, after a build): the
// JSON Schema editors use for scenario files, generated from the scenario
// definition (src/scenario/schema.ts) with each field's description taken
// from docs/scenario-reference.md (src/scenario/editor-schema.ts).
// test/scenario/editor-schema.test.ts fails when the shipped file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { editorSchema } from '../dist/scenario/editor-schema.js';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const reference = readFileSync(join(root, 'docs', 'scenario-reference.md'), 'utf8');
const out = join(root, 'schema', 'scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(editorSchema(reference), null, 2)}\n`);
console.log(`wrote ${out.slice(root.length + 1)}`);
