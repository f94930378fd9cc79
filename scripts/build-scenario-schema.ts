// Writes docs/scenario.schema.json from the zod schema of scenario files (src/scenario/schema.ts).
// Run after changing the schema: npx tsx scripts/build-scenario-schema.ts
// test/scenario/json-schema.test.ts fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'scenario.schema.json');
writeFileSync(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
