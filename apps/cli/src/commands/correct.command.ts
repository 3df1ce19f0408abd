import { Command } from 'commander';
import {
  CellError,
  CorrectEventCommand,
  CorrectEventHandler,
  CorrectionInputError,
  correctionReplacement,
  type CorrectionFields,
  parseImportDate,
  parseIndonesianNumber,
} from '@renja/application';
import { formatDecimal, rawMessage } from '@renja/domain';
import { CliRefusal, printRefusal, requireToken, withActor } from '../refusal';

interface CorrectOptions {
  reason: string;
  legalBasis?: string;
  amount?: string;
  delta?: string;
  phase?: string;
  fundingSource?: string;
  effectiveDate?: string;
  period?: string;
  value?: string;
  reverse?: boolean;
  token?: string;
  json?: boolean;
}

/** A refusal of an option, already said in Bahasa Indonesia: printed as "RULE (field): message", exit code 2. */
class Refused extends CliRefusal {
  constructor(rule: string, message: string, field?: string) {
    super(rule, rawMessage(message), field);
  }
}

/** A typed amount or value, read the importer's way (1.653.027.794,00, Rp 1.653.027.794, 1653027794.00). */
function decimalOption(option: string, text: string, options: Parameters<typeof parseIndonesianNumber>[1] = {}): string {
  try {
    return parseIndonesianNumber({ text }, options);
  } catch (error) {
    if (error instanceof CellError) throw new Refused(error.rule, `--${option}: ${error.messageIn('id')}`, option);
    throw error;
  }
}

/** "Perda|10 Tahun 2021|2021-12-30" → {kind, number, date} (the date in any form the importer reads). */
export function parseLegalBasisOption(text: string): { kind: string; number: string; date: string } {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === ''))
    throw new Refused(
      'LEGAL_BASIS_FORMAT',
      `--legal-basis: "${text}" bukan "jenis|nomor|tanggal", misalnya "Perda|10 Tahun 2021|2021-12-30"`,
    );
  try {
    return { kind: parts[0], number: parts[1], date: parseImportDate({ text: parts[2] }) };
  } catch (error) {
    if (error instanceof CellError) throw new Refused(error.rule, `--legal-basis: ${error.messageIn('id')}`, 'legalBasis.date');
    throw error;
  }
}

/** The request body of a correction from the options: the same fields as POST /events/{id}/corrections. */
export function correctionBody(o: CorrectOptions): Record<string, unknown> {
  const replacement: CorrectionFields = {
    amount: o.amount !== undefined ? decimalOption('amount', o.amount) : undefined,
    delta: o.delta !== undefined ? decimalOption('delta', o.delta, { signed: true }) : undefined,
    value: o.value !== undefined ? decimalOption('value', o.value, { maxDecimals: 6 }) : undefined,
    phase: o.phase,
    fundingSource: o.fundingSource,
    effectiveDate: o.effectiveDate !== undefined ? parseLegalDate('effective-date', o.effectiveDate) : undefined,
    period: o.period,
  };
  // The same mapping as the import's koreksi rows: a reversal asked for explicitly, never with fields.
  let fields: Record<string, string>;
  try {
    fields = correctionReplacement(replacement, Boolean(o.reverse));
  } catch (error) {
    if (error instanceof CorrectionInputError) throw new Refused(error.rule, error.message);
    throw error;
  }
  return { reason: o.reason, ...(o.legalBasis !== undefined && { legalBasis: parseLegalBasisOption(o.legalBasis) }), ...fields };
}

function parseLegalDate(option: string, text: string): string {
  try {
    return parseImportDate({ text });
  } catch (error) {
    if (error instanceof CellError) throw new Refused(error.rule, `--${option}: ${error.messageIn('id')}`, option);
    throw error;
  }
}

export function correctCommand(): Command {
  return new Command('correct')
    .description(
      'correct (replace the fields given) or reverse (--reverse) a recorded change with a new event that references it; the same rules and roles as POST /api/v1/events/{eventId}/corrections (a shift: both legs)',
    )
    .argument('<eventId>', 'the event to correct (its id in the line history); it must be the latest version')
    .requiredOption('--reason <text>', 'why: recorded with the correction')
    .option('--legal-basis <kind|number|date>', 'dasar hukum, e.g. "Perda|10 Tahun 2021|2021-12-30" (required for pagu and shifts)')
    .option('--amount <amount>', 'replacement amount (pagu set, shift, realisation), e.g. 1.653.027.794,00')
    .option('--delta <amount>', 'replacement change of a pagu addition (signed), e.g. -50.000.000,00')
    .option('--phase <phase>', 'replacement pagu phase (RKPD … PRAKIRAAN_MAJU)')
    .option('--funding-source <code>', 'replacement funding source (DAU, DID, …)')
    .option('--effective-date <date>', 'replacement effective date')
    .option('--period <period>', 'replacement realisation period (2022-11, 2022-Q4)')
    .option('--value <number>', 'replacement target value')
    .option('--reverse', 'reverse the entry: it no longer counts (no field to replace)')
    .option('--token <token>', 'API token of the correcting user (default: $RENJA_TOKEN); its holder is recorded as the actor')
    .option('--json', 'print the result as JSON')
    .action(async (eventId: string, o: CorrectOptions) => {
      const token = requireToken(o.token);
      try {
        const body = correctionBody(o);
        // The API's command handler itself: the same authorization, rules and append as POST …/corrections.
        await withActor(token, async ({ pipeline, store, meta }) => {
          const result = await new CorrectEventHandler(pipeline, store).execute(new CorrectEventCommand(eventId, body, meta));
          if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else {
            const what = body.amount ?? body.delta ?? body.value;
            process.stdout.write(
              `Peristiwa ${eventId.toLowerCase()} ${o.reverse ? 'dibatalkan' : 'dikoreksi'}${what !== undefined ? ` (kini ${formatDecimal(String(what), 'id')})` : ''}\n` +
                `  dicatat sebagai peristiwa ${result.eventIds.join(', ')} pada posisi ${result.position}\n` +
                Object.entries(result.streamVersions)
                  .map(([stream, version]) => `  ${stream} versi ${version}\n`)
                  .join(''),
            );
          }
        });
      } catch (error) {
        printRefusal(error);
      }
    });
}
