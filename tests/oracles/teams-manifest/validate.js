// Usage: node validate.js <manifest.json>
// Prints "OK" and exits 0 when the manifest matches the schema of its manifestVersion; else prints errors, exits 1.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8').replace(/^\uFEFF/, ''));
const schemaPath = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
if (!fs.existsSync(schemaPath)) {
  console.error(`no offline schema for manifestVersion ${manifest.manifestVersion}`);
  process.exit(1);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8').replace(/^\uFEFF/, ''));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(manifest)) {
  console.log('OK');
  process.exit(0);
}
console.error(JSON.stringify(validate.errors, null, 2));
process.exit(1);
