/** `motcua forms list [--json]`: the form catalogue in force today; each entry names its code and legal basis. */
import { parseArgs, UsageError } from './args';
import { listForms } from '../forms/catalogue';

export async function formsCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, { json: { type: 'boolean' } });
  if (positionals[0] !== 'list' || positionals.length > 1) throw new UsageError('usage: motcua forms list [--json]');
  // "code": the official code (Mẫu CT01), or the catalogue id where the instrument gives the form none.
  const forms = listForms().map((f) => ({
    id: f.id, code: f.code ?? f.id, title: f.title, version: f.version, effectiveFrom: f.effectiveFrom, legalBasis: f.legalBasis,
  }));
  if (options.json) process.stdout.write(JSON.stringify(forms) + '\n');
  else for (const f of forms) process.stdout.write(`${f.id.padEnd(18)} ${f.version.padEnd(12)} ${f.effectiveFrom}  ${f.title} (${f.legalBasis})\n`);
  return 0;
}
