// node check.mjs <dir>
// Every <kind>.<name>.json in <dir> is type-checked (tsc --strict, object literals so excess properties fail)
// against the @microsoft/teams.api type for its kind:
//   message -> IMessageActivityInput, typing -> ITypingActivityInput (each plus IActivity's `from`, which the
//   SDK fills in itself but a bot without the SDK sends), createConversation -> CreateConversationParams,
//   invokeResponse -> AdaptiveCardActionResponse, invokeError -> the error response with the documented
//   {code, message} value (teams.api's HttpError also demands its own innerHttpError, which is not on the wire).
// Prints tsc's diagnostics and exits 1 on any; exits 2 on bad usage.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
const types = {
  message: "IMessageActivityInput & Partial<Pick<IActivity, 'from'>>",
  typing: "ITypingActivityInput & Partial<Pick<IActivity, 'from'>>",
  createConversation: 'CreateConversationParams',
  invokeResponse: 'AdaptiveCardActionResponse',
  invokeError: "Omit<AdaptiveCardActionErrorResponse, 'value'> & { value: Pick<HttpError, 'code' | 'message'> }",
};
const imports = ['IActivity', 'IMessageActivityInput', 'ITypingActivityInput', 'CreateConversationParams',
  'AdaptiveCardActionResponse', 'AdaptiveCardActionErrorResponse', 'HttpError'];
if (!dir) {
  console.error('usage: node check.mjs <directory of <kind>.<name>.json files>');
  process.exit(2);
}

const files = readdirSync(dir).filter(f => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no .json files in ${dir}`);
  process.exit(2);
}

const lines = [`import type { ${imports.join(', ')} } from '@microsoft/teams.api';`];
files.forEach((file, i) => {
  const kind = file.split('.')[0];
  if (!types[kind]) {
    console.error(`${file}: unknown kind ${kind}`);
    process.exit(2);
  }
  const json = readFileSync(join(dir, file), 'utf8');
  lines.push(`// ${file}`, `export const payload${i}: ${types[kind]} = ${json.trim()};`);
});

const work = join(here, '.check');
rmSync(work, { recursive: true, force: true });
mkdirSync(work);
writeFileSync(join(work, 'payloads.ts'), lines.join('\n') + '\n');
const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--skipLibCheck', '--target', 'es2022',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', join(work, 'payloads.ts')], { cwd: here, encoding: 'utf8' });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exit(result.status === 0 ? 0 : 1);
