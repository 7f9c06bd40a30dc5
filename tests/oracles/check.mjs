// Checks golden card files with the platforms' own code.
//   node check.mjs adaptive <dir>  -> every *.json is an Adaptive Card: parsed by Microsoft's `adaptivecards`
//                                      (schema 1.5, validateProperties) with zero events, and type-checked
//                                      against IAdaptiveCard from @microsoft/teams.cards with tsc --strict.
//   node check.mjs slack <dir>     -> every *.json is {"text", "blocks"}: blocks type-checked against
//                                      KnownBlock[] from @slack/types with tsc --strict.
// Prints one line per problem and exits 1 when there is any; exits 2 on bad usage.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const [mode, dir] = process.argv.slice(2);
if (!['adaptive', 'slack'].includes(mode) || !dir) {
  console.error('usage: node check.mjs adaptive|slack <directory of golden .json files>');
  process.exit(2);
}

const files = readdirSync(dir).filter(f => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no .json files in ${dir}`);
  process.exit(2);
}

const problems = [];
const docs = files.map(f => ({ name: basename(f, '.json'), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));

if (mode === 'adaptive') {
  const AC = require('adaptivecards/dist/adaptivecards.min.js');
  for (const { name, json } of docs) {
    const logged = [];
    const { warn, error } = console;
    console.warn = (...a) => logged.push(a.join(' '));
    console.error = (...a) => logged.push(a.join(' '));
    try {
      const card = new AC.AdaptiveCard();
      const context = new AC.SerializationContext(AC.Versions.v1_5);
      card.parse(json, context);
      for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        problems.push(`${name}: parse ${AC.ValidationEvent[e.event]}: ${e.message}`);
      }
      for (const e of card.validateProperties().validationEvents) {
        problems.push(`${name}: validate ${AC.ValidationEvent[e.event]}: ${e.message}`);
      }
      if (card.version?.toString() !== '1.5') {
        problems.push(`${name}: version is ${card.version} instead of 1.5`);
      }
    } catch (e) {
      problems.push(`${name}: threw ${e}`);
    } finally {
      console.warn = warn;
      console.error = error;
    }
    for (const line of logged) problems.push(`${name}: logged ${line}`);
  }
}

const generated = join(here, '.generated', `${mode}-${process.pid}`);
mkdirSync(generated, { recursive: true });
try {
  for (const { name, json } of docs) {
    const source = mode === 'adaptive'
      ? `import type { IAdaptiveCard } from '@microsoft/teams.cards';\nexport const card = ${JSON.stringify(json, null, 2)} satisfies IAdaptiveCard;\n`
      : `import type { KnownBlock } from '@slack/types';\nexport const text: string = ${JSON.stringify(json.text)};\nexport const blocks = ${JSON.stringify(json.blocks, null, 2)} satisfies KnownBlock[];\n`;
    writeFileSync(join(generated, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.ts`), source);
  }
  const tsc = spawnSync(process.execPath, [
    require.resolve('typescript/bin/tsc'),
    '--strict', '--noEmit', '--skipLibCheck',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    ...readdirSync(generated).map(f => join(generated, f)),
  ], { cwd: here, encoding: 'utf8' });
  if (tsc.status !== 0) {
    for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n').filter(l => l.trim())) {
      problems.push(`tsc: ${line.replace(generated, '')}`);
    }
  }
} finally {
  rmSync(generated, { recursive: true, force: true });
}

for (const p of problems) console.log(p);
console.log(problems.length === 0 ? `OK ${files.length} ${mode} file(s)` : `FAILED ${problems.length} problem(s) in ${files.length} ${mode} file(s)`);
process.exit(problems.length === 0 ? 0 : 1);
