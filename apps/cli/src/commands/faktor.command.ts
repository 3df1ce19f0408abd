import { Command } from 'commander';
import { assertFiscalYear, parseOfficeCode } from '@renja/domain';
import { RecordEvaluationNoteCommand, RecordEvaluationNoteHandler } from '@renja/application';
import { printRefusal, requireToken, withActor } from '../refusal';

interface FaktorOptions {
  year: string;
  period: string;
  code?: string;
  pendorong?: string;
  penghambat?: string;
  tindakLanjut?: string;
  reason?: string;
  token?: string;
}

/**
 * `faktor <office> --year 2022 --period "TW IV" [--code 2.17.07] --pendorong … --penghambat … --tindak-lanjut …`:
 * the evaluation's notes for a quarter, recorded as an event through the API's own command handler
 * (planners, the same rules); printed after the evaluation table of every format.
 */
export function faktorCommand(): Command {
  return new Command('faktor')
    .description(
      'faktor pendorong / penghambat / tindak lanjut of a quarter, for the office or one line (printed after the evaluation); planners; recorded as an event',
    )
    .argument('<office>', 'office (perangkat daerah) code, e.g. DKUKM')
    .requiredOption('--year <year>', 'fiscal year, e.g. 2022')
    .requiredOption('--period <quarter>', 'the quarter: 2022-Q4, TW IV or Triwulan 4')
    .option('--code <code>', 'a program, kegiatan or sub kegiatan (default: the whole office)')
    .option('--pendorong <text>', 'faktor pendorong: what drove the results')
    .option('--penghambat <text>', 'faktor penghambat: what held them back')
    .option('--tindak-lanjut <text>', 'tindak lanjut: the follow-up')
    .option('--reason <text>', 'why the note is recorded (e.g. the evaluation meeting)')
    .option('--token <token>', 'API token of a planner (default: $RENJA_TOKEN); its holder is recorded as the actor')
    .action(async (office: string, o: FaktorOptions) => {
      const token = requireToken(o.token);
      try {
        const code = parseOfficeCode(office, 'office');
        const year = assertFiscalYear(Number(o.year), '--year');
        await withActor(token, async ({ pipeline, meta }) => {
          const body = {
            period: o.period,
            code: o.code,
            pendorong: o.pendorong,
            penghambat: o.penghambat,
            tindakLanjut: o.tindakLanjut,
            reason: o.reason,
          };
          const result = await new RecordEvaluationNoteHandler(pipeline).execute(new RecordEvaluationNoteCommand(year, code, body, meta));
          process.stdout.write(
            result.eventIds.length === 0
              ? `Catatan ${code} ${o.period} sudah tercatat dengan isi yang sama: tidak ada yang ditulis\n`
              : `Catatan evaluasi ${code} ${o.period}${o.code ? ` (${o.code})` : ''} dicatat: peristiwa ${result.eventIds.join(', ')} pada posisi ${result.position}\n`,
          );
        });
      } catch (error) {
        printRefusal(error);
      }
    });
}
