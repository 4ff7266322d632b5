#!/usr/bin/env node
// Writes the rule ids of the registry (with their descriptions and default levels) into the config schema's
// "rules" properties, for editor completion. Run after adding or renaming a rule: `npm run build && node scripts/schema-rules.mjs`.
// Ids not listed still validate (additionalProperties), and ocrtidy checks every id against the registry itself.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dist/rules/index.js';
import { PSEUDO_RULES } from '../dist/config.js';

const file = fileURLToPath(new URL('../schema/ocrtidy.config.schema.json', import.meta.url));
const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
const levels = { enum: ['off', 'fix', 'suggest'] };
const props = {};
for (const r of RULES) props[r.id] = { description: `${r.description} (default: ${r.defaultLevel})`, ...levels };
for (const id of PSEUDO_RULES) {
  if (!props[id]) props[id] = { description: 'Duplicate OCR passes of a page: keep the better one (default: fix).', ...levels };
}
schema.properties.rules.properties = props;
fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
console.log(`${file}: ${Object.keys(props).length} rule ids`);
