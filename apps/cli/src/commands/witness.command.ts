import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { WitnessRejection, witnessCheckpoint, type WitnessRequest, type WitnessState } from '@renja/application/integrity/witness';

/** A verifier key given inline or as a file holding it. */
export function readKey(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.text();
}

/** Asks a Renja Ledger server for its latest checkpoint and the proof from the size this witness holds. */
async function requestFromServer(base: string, state: WitnessState | null): Promise<WitnessRequest> {
  const api = `${base.replace(/\/+$/, '')}/api/v1/ledger`;
  const checkpoint = await fetchText(`${api}/checkpoint`);
  const size = Number(checkpoint.split('\n')[1]);
  if (!state || !Number.isInteger(size) || size <= state.size) return { oldSize: state?.size ?? 0, proof: [], checkpoint };
  const proof = JSON.parse(await fetchText(`${api}/proofs/consistency?from=${state.size}&to=${size}`)) as { proof: string[] };
  return { oldSize: state.size, proof: proof.proof, checkpoint };
}

export function witnessCommand(): Command {
  return new Command('witness')
    .description(
      'keep a deployment honest: remember its last checkpoint in a file and accept a newer one only if it is\n' +
        'signed by its key and provably extends the one held (C2SP tlog-witness semantics)',
    )
    .requiredOption('--state <file>', 'where this witness keeps the last checkpoint it accepted (JSON)')
    .requiredOption('--key <key>', "the log's public key (verifier-key string, or a file holding it)")
    .option('--url <url>', 'fetch the latest checkpoint and the proof from a Renja Ledger server, e.g. http://localhost:3000')
    .option('--checkpoint <file>', 'offline: a signed checkpoint note')
    .option('--proof <file>', 'offline: the JSON of GET /api/v1/ledger/proofs/consistency from the held size')
    .action(async (options: { state: string; key: string; url?: string; checkpoint?: string; proof?: string }) => {
      if (!options.url === !options.checkpoint) throw new CliRefusal('WITNESS_SOURCE', msg('WITNESS_SOURCE'));
      const state: WitnessState | null = existsSync(options.state) ? JSON.parse(readFileSync(options.state, 'utf8')) : null;
      const request: WitnessRequest = options.url
        ? await requestFromServer(options.url, state)
        : {
            oldSize: state?.size ?? 0,
            proof: options.proof ? (JSON.parse(readFileSync(options.proof, 'utf8')) as { proof: string[] }).proof : [],
            checkpoint: readFileSync(options.checkpoint!, 'utf8'),
          };
      try {
        const next = witnessCheckpoint(state, request, readKey(options.key));
        writeFileSync(`${options.state}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
        renameSync(`${options.state}.tmp`, options.state);
        const how = state
          ? next.size === state.size
            ? 'tidak berubah'
            : `konsisten dengan ukuran ${state.size}`
          : 'checkpoint pertama, dipercaya pada penggunaan pertama';
        process.stdout.write(`checkpoint berukuran ${next.size} diterima, akar ${next.rootHash} (${how})\n`);
      } catch (error) {
        if (!(error instanceof WitnessRejection)) throw error;
        process.stderr.write(`DITOLAK (${error.kind}): ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
