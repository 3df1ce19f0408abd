import { Command } from 'commander';
import { parseOfficeCode } from '@renja/domain';
import { SetOfficeSignatoryCommand, SetOfficeSignatoryHandler } from '@renja/application';
import { printRefusal, requireToken, withActor } from '../refusal';

interface SignatoryOptions {
  place: string;
  title: string;
  name: string;
  nip: string;
  token?: string;
}

/**
 * `signatory <office> --place … --title … --name … --nip …`: who signs the office's papers, recorded as an
 * event on the office's stream through the API's own command handler (admins only, the same rules).
 */
export function signatoryCommand(): Command {
  return new Command('signatory')
    .description("who signs the office's papers (printed in the signature block of every PDF); admins; recorded as an event")
    .argument('<office>', 'office (perangkat daerah) code, e.g. DKUKM')
    .requiredOption('--place <place>', 'place before the date, e.g. Pangkalpinang')
    .requiredOption('--title <title>', 'e.g. "Kepala Dinas Koperasi, Usaha Kecil dan Menengah"')
    .requiredOption('--name <name>', 'name as printed, with degrees')
    .requiredOption('--nip <nip>', 'NIP: 18 digits, spaces allowed ("19700101 199003 1 001")')
    .option('--token <token>', 'API token of an admin (default: $RENJA_TOKEN); its holder is recorded as the actor')
    .action(async (office: string, o: SignatoryOptions) => {
      const token = requireToken(o.token);
      try {
        const code = parseOfficeCode(office, 'office');
        await withActor(token, async ({ pipeline, meta }) => {
          const body = { place: o.place, title: o.title, name: o.name, nip: o.nip };
          const result = await new SetOfficeSignatoryHandler(pipeline).execute(new SetOfficeSignatoryCommand(code, body, meta));
          process.stdout.write(
            `Penanda tangan ${code} dicatat: ${o.name} (${o.title}), peristiwa ${result.eventIds.join(', ')} pada posisi ${result.position}\n`,
          );
        });
      } catch (error) {
        printRefusal(error);
      }
    });
}
