// Writes media/plan.schema.json, the JSON schema VS Code validates capacity plans with,
// from the zod schema the product parses them with (one source of truth; a unit test
// fails when the file is stale). Run: npm run schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planJsonSchema } from '../src/core/sources/planSchema';

const file = path.resolve(__dirname, '..', '..', 'media', 'plan.schema.json');
fs.writeFileSync(file, JSON.stringify(planJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), file)}`);
