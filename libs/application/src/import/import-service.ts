import { randomUUID } from 'node:crypto';
import { isLineStream, lineStreamId, officeStreamId, parsePlanCode, statedFigureStreamId } from '@renja/domain';
import type { EventStore, NewEvent, RecordedEvent, StreamAppend } from '@renja/event-store';
import { toNewEvent } from '@renja/event-store/event-mapping';
import type { CommandMetadata } from '../shared/command-metadata';
import { decide, type Action } from '../shared/authorization';
import { CORRECTED_KIND_WRITE, type WriteKind } from '../shared/command-roles';
import { shiftCounterpartCode } from '../shared/ledger-command';
import type { DomainEvent, LedgerPipeline } from '../shared/ledger-pipeline';
import { inScope, type Principal } from '../shared/principal';
import { IMPORT_RECORDED_EVENT_TYPE, importStreamId, type ImportRecordedData } from './import-record';
import { previewOf, type ImportPreview } from './import-preview';
import { lineOfStream } from './correction-rows';
import { operationsOf, type ImportOperation, type RowRef } from './import-rows';
import {
  DEFAULT_IMPORT_MAX_BYTES,
  DEFAULT_IMPORT_MAX_ROWS,
  Problems,
  type ImportLimits,
  type ImportProblem,
  type ImportSource,
  type ImportWarning,
  type ReadFile,
  type TableCounts,
} from './import-types';
import { windows1252Note, type CsvEncoding } from './csv-encoding';
import { eventUnknownMessage, officeUnknownMessage, OFFICE_UNKNOWN } from './office-scope';
import { OperationDecider } from './operation-decider';
import { readImportFiles } from './read-files';
import { TABLE_ORDER } from './tables';

export type ImportStage = 'reading' | 'validating' | 'writing';

export interface ImportRequest {
  sources: ImportSource[];
  /** The importing principal: the actor of every event, and whose roles and offices every row is checked against. */
  principal: Principal;
  dryRun?: boolean;
  /** Write although the import has warnings (implausible figures the user has looked at and confirms). */
  acceptWarnings?: boolean;
  /** List every row as read (`preview`) outside a dry run too (a dry run always lists them). */
  preview?: boolean;
  correlationId?: string;
  onProgress?: (stage: ImportStage, done: number, total: number) => void;
}

export interface ImportFileSummary {
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
  tables: string[];
  /** How a CSV's bytes were read; null for XLSX. */
  encoding: CsvEncoding | null;
  /** What the user should know about how the file was read (a CSV read as Windows-1252), in Indonesian. */
  note: string | null;
  /** Set when these exact bytes were imported before: the file is skipped. */
  alreadyImported: { recordedAt: string; actor: string; fileName: string } | null;
}

export interface ImportResult {
  /**
   * imported: events written; unchanged: every row already in the ledger; already_imported: every file was
   * imported before; warnings: nothing written, the warnings wait for the user's confirmation (acceptWarnings).
   */
  status: 'imported' | 'dry_run' | 'unchanged' | 'already_imported' | 'invalid' | 'warnings';
  message: string;
  correlationId: string;
  dryRun: boolean;
  files: ImportFileSummary[];
  tables: TableCounts;
  /** Events written (or, in a dry run, that would be written). */
  events: number;
  unchanged: number;
  /** Global position of the last event written. */
  position: number | null;
  problems: ImportProblem[];
  /** Implausible but possible figures (Indonesian); written only with acceptWarnings, and then kept in import.recorded. */
  warnings: ImportWarning[];
  /** Dry runs only: every row as read and understood, and what it would record (import-preview.ts). */
  preview?: ImportPreview;
}

/** Lost races with other writers before the import gives up with a conflict. */
const ATTEMPTS = 3;

export class ImportConflictError extends Error {
  constructor() {
    super(`the ledger kept changing while the import was being written (${ATTEMPTS} attempts); nothing was written — import again`);
    this.name = 'ImportConflictError';
  }
}

const emptyTables = (): TableCounts =>
  Object.fromEntries(TABLE_ORDER.map((t) => [t, { rows: 0, events: 0, unchanged: 0 }])) as ImportResult['tables'];

/**
 * Imports files through the same deciders as the API: every row becomes a command decided in sequence
 * against in-memory states loaded from the event store, every problem is collected, and only an import
 * without problems is appended — all events of all streams in one atomic append, or nothing.
 */
export class ImportService {
  constructor(
    private readonly store: EventStore,
    private readonly pipeline: LedgerPipeline,
    private readonly limits: ImportLimits = { maxBytes: DEFAULT_IMPORT_MAX_BYTES, maxRows: DEFAULT_IMPORT_MAX_ROWS },
  ) {}

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /** The metadata of the commands an import runs: the one place it is built. */
  private commandMetadata(principal: Principal, correlationId: string): CommandMetadata {
    return { principal, correlationId, causationId: null };
  }

  /** A domain event as stored: the usual metadata plus where in which file it comes from. */
  private toStored(event: DomainEvent, meta: CommandMetadata, at: RowRef): NewEvent {
    const stored = toNewEvent(event, { actor: meta.principal.name, correlationId: meta.correlationId, causationId: meta.causationId });
    const metadata = { ...stored.metadata, import: { fileSha256: at.sha256, fileName: at.file, table: at.table, row: at.row } };
    return { ...stored, metadata };
  }

  async run(request: ImportRequest): Promise<ImportResult> {
    const correlationId = request.correlationId ?? randomUUID();
    const meta = this.commandMetadata(request.principal, correlationId);
    const dryRun = request.dryRun === true;
    const problems = new Problems();
    const readWarnings = new Problems();
    const progress = request.onProgress ?? (() => undefined);
    progress('reading', 0, request.sources.length);
    if (request.sources.length === 0)
      problems.add({ rule: 'NO_FILES', message: 'the import has no files: give .csv or .xlsx files (or a directory holding them)' });
    const files = await readImportFiles(
      request.sources,
      this.limits,
      problems,
      (done, total) => progress('reading', done, total),
      readWarnings,
    );
    files.forEach((file, i) => {
      const first = files.findIndex((f) => f.sha256 === file.sha256 || f.name === file.name);
      if (first < i)
        problems.add({
          file: file.name,
          rule: 'DUPLICATE_FILE',
          message: `the import holds this file twice (same ${files[first].name === file.name ? 'name' : 'content'} as ${files[first].name})`,
        });
    });
    const summaries = await Promise.all(files.map((f) => this.summarise(f)));
    const skipped = new Set(summaries.filter((s) => s.alreadyImported).map((s) => s.name));
    const result = (status: ImportResult['status'], message: string, extra: Partial<ImportResult> = {}): ImportResult => ({
      status,
      message: withNotes(message, summaries),
      correlationId,
      dryRun,
      files: summaries,
      tables: emptyTables(),
      events: 0,
      unchanged: 0,
      position: null,
      problems: [],
      warnings: [],
      ...extra,
    });
    const live = files.filter((f) => !skipped.has(f.name));
    const listRows = dryRun || request.preview === true;
    const preview = (appends: StreamAppend[], list: ImportProblem[]) => (listRows ? { preview: previewOf(live, appends, list) } : {});
    const liveWarnings = (decided: ImportWarning[]) => [...readWarnings.list.filter((w) => !skipped.has(w.file ?? '')), ...decided];
    // Problems reading rows are listed with those deciding the rest; a file that could not be read at all stops here.
    const readProblems = problems.list.filter((p) => p.file === null || !skipped.has(p.file));
    if (readProblems.some((p) => p.row === null || p.row === 1 || p.rule === 'CSV_MALFORMED' || p.rule === 'TOO_MANY_ROWS')) {
      return result('invalid', this.invalidMessage(readProblems), { problems: readProblems, ...preview([], readProblems) });
    }
    if (files.length > 0 && live.length === 0) {
      const when = summaries.map(
        (s) =>
          `${s.name} was already imported on ${s.alreadyImported!.recordedAt} by ${s.alreadyImported!.actor}${s.alreadyImported!.fileName !== s.name ? ` (as ${s.alreadyImported!.fileName})` : ''}`,
      );
      return result('already_imported', `${when.join('; ')}: nothing written`);
    }
    // One write path: a lost race decides everything again on fresh state (LedgerPipeline.write).
    return this.pipeline.write<ImportResult>(async () => {
      const decideProblems = new Problems();
      const decideWarnings = new Problems();
      const decided = await this.decideAll(live, decideProblems, decideWarnings, progress, meta);
      const tables = decided.tables;
      const all = [...readProblems, ...decideProblems.list];
      const warnings = liveWarnings(decideWarnings.list);
      if (all.length > 0)
        return {
          answer: result('invalid', this.invalidMessage(all), { problems: all, warnings, tables, ...preview(decided.appends, all) }),
        };
      const events = decided.appends.reduce((n, a) => n + a.events.length, 0);
      const unchanged = Object.values(tables).reduce((n, t) => n + t.unchanged, 0);
      if (events === 0) {
        // Nothing to write may mean this very file was imported meanwhile (by someone else, after the check
        // above): say so, as a conflict on the append would, rather than depend on who was faster.
        const meanwhile = await this.importedMeanwhile(live, summaries);
        if (meanwhile) return { answer: result('already_imported', meanwhile.message, { files: meanwhile.files }) };
        return {
          answer: result('unchanged', `every row is already in the ledger (${unchanged} unchanged): nothing written`, {
            tables,
            unchanged,
            ...preview([], []),
          }),
        };
      }
      if (dryRun)
        return {
          answer: result(
            'dry_run',
            `dry run: would write ${events} events (${unchanged} rows unchanged); nothing written${warnings.length > 0 ? `; ${warningsMessage(warnings)}` : ''}`,
            { tables, events, unchanged, warnings, ...preview(decided.appends, []) },
          ),
        };
      if (warnings.length > 0 && request.acceptWarnings !== true)
        return {
          answer: result('warnings', `${warningsMessage(warnings)}; tidak ada yang ditulis`, {
            tables,
            events,
            unchanged,
            warnings,
            ...preview(decided.appends, []),
          }),
        };
      progress('writing', 0, events);
      return {
        appends: [...decided.appends, ...this.importRecords(live, decided, meta, warnings)],
        gaveUp: () => new ImportConflictError(),
        // Someone wrote meanwhile (perhaps this very file): that answer, or decide everything again on fresh state.
        lostRace: async () => {
          const meanwhile = await this.importedMeanwhile(live, summaries);
          return meanwhile ? result('already_imported', meanwhile.message, { files: meanwhile.files }) : undefined;
        },
        written: (append) => {
          progress('writing', events, events);
          return result(
            'imported',
            `imported ${live.map((f) => f.name).join(', ')}: ${events} events written, ${unchanged} rows unchanged`,
            {
              tables,
              events,
              unchanged,
              warnings,
              position: append.lastPosition,
              ...preview(decided.appends, []),
            },
          );
        },
      };
    });
  }

  private invalidMessage(list: ImportProblem[]): string {
    return `the import is invalid: ${list.length} problem(s); nothing was written`;
  }

  /** When every file still to write has been imported since this import looked: the answer to give instead. */
  private async importedMeanwhile(
    live: ReadFile[],
    summaries: ImportFileSummary[],
  ): Promise<{ message: string; files: ImportFileSummary[] } | null> {
    const again = await Promise.all(live.map((f) => this.summarise(f)));
    if (!again.every((s) => s.alreadyImported)) return null;
    return {
      message: `${live.map((f) => f.name).join(', ')} was imported meanwhile by ${again[0].alreadyImported!.actor}: nothing written`,
      files: summaries.map((s) => again.find((a) => a.name === s.name) ?? s),
    };
  }

  private async summarise(file: ReadFile): Promise<ImportFileSummary> {
    const [record] = await this.store.readStream(importStreamId(file.sha256), { limit: 1 });
    return {
      name: file.name,
      sha256: file.sha256,
      bytes: file.bytes,
      rows: file.rows.length,
      tables: file.tables,
      encoding: file.encoding,
      note: file.encoding === 'windows-1252' ? windows1252Note(file.name) : null,
      alreadyImported: record
        ? { recordedAt: record.recordedAt, actor: record.metadata.actor, fileName: String(record.data.fileName) }
        : null,
    };
  }

  private importRecords(files: ReadFile[], decided: Decided, meta: CommandMetadata, warnings: ImportWarning[]): StreamAppend[] {
    return files.map((file) => {
      const accepted = warnings.filter((w) => w.file === file.name);
      const data: ImportRecordedData = {
        fileName: file.name,
        sha256: file.sha256,
        bytes: file.bytes,
        tables: file.tables,
        rows: file.rows.length,
        events: decided.eventsByFile.get(file.name) ?? 0,
        ...(file.encoding === 'windows-1252' && { encoding: file.encoding }),
        ...(accepted.length > 0 && {
          acceptedWarnings: accepted.map(({ table, row, column, value, rule, message }) => ({ table, row, column, value, rule, message })),
        }),
      };
      const event: NewEvent = {
        id: randomUUID(),
        type: IMPORT_RECORDED_EVENT_TYPE,
        schemaVersion: 1,
        data: data as unknown as Record<string, unknown>,
        metadata: { actor: meta.principal.name, correlationId: meta.correlationId, causationId: null },
      };
      return { streamId: importStreamId(file.sha256), expectedVersion: 0, events: [event] };
    });
  }

  private async decideAll(
    files: ReadFile[],
    problems: Problems,
    warnings: Problems,
    progress: NonNullable<ImportRequest['onProgress']>,
    meta: CommandMetadata,
  ): Promise<Decided> {
    // A row about an office outside the principal's scope is refused before it is decided, so neither its
    // outcome (unchanged or not) nor a domain problem quoting that office's records can reveal them.
    const read = operationsOf(files, problems);
    await this.findCorrected(read);
    const ops = read.filter((op) => {
      const office = op.kind === 'office' ? op.code : op.kind === 'correction' ? op.line?.office : op.office;
      // A correction naming an unknown event has no office: the decider reports it (EVENT_NOT_FOUND).
      if (office === undefined || inScope(meta.principal.offices, office)) return true;
      // Roles first: a role that may not record the row at all learns nothing about offices.
      const byRole = decide({ ...meta.principal, offices: '*' }, operationAction(op));
      const at = { file: op.at.file, table: op.at.table, row: op.at.row };
      if (!byRole.allowed) problems.add({ ...at, rule: 'FORBIDDEN', message: byRole.reason });
      else if (op.kind === 'correction' && op.eventId !== null)
        problems.add({
          ...at,
          column: 'ID Peristiwa',
          value: op.eventId,
          rule: 'EVENT_NOT_FOUND',
          message: eventUnknownMessage(op.eventId),
        });
      else {
        const column = op.kind === 'office' ? 'Kode Perangkat Daerah' : 'Perangkat Daerah';
        const value = op.at.cells.get(column)?.text.trim() ?? office;
        problems.add({ ...at, column, value, rule: OFFICE_UNKNOWN, message: officeUnknownMessage(value) });
      }
      return false;
    });
    const tables = emptyTables();
    for (const file of files) for (const row of file.rows) tables[row.table].rows++;
    const batch = await this.pipeline.load<RowRef>(meta.principal, streamsOf(ops));
    const decider = new OperationDecider(batch, problems, tables, warnings);
    ops.forEach((op, i) => {
      decider.apply(op);
      if (i % 200 === 0) progress('validating', i, ops.length);
    });
    progress('validating', ops.length, ops.length);
    const eventsByFile = new Map<string, number>();
    const appends = batch.appends((event, at) => {
      eventsByFile.set(at.file, (eventsByFile.get(at.file) ?? 0) + 1);
      return this.toStored(event, meta, at);
    });
    return { tables, appends, eventsByFile };
  }

  /** A koreksi row naming an event by id: the line it is on (its stream), looked up once per id. */
  private async findCorrected(ops: ImportOperation[]): Promise<void> {
    const byId = new Map<string, Promise<RecordedEvent | null>>();
    for (const op of ops) {
      if (op.kind !== 'correction' || op.eventId === null) continue;
      if (!byId.has(op.eventId)) byId.set(op.eventId, this.store.findEvent(op.eventId));
      const event = await byId.get(op.eventId)!;
      op.found = event && { type: event.type };
      op.line = event && isLineStream(event.streamId) ? lineOfStream(event.streamId) : null;
      const other = event && op.line ? shiftCounterpartCode(event) : null;
      op.counterpart = other ? lineStreamId(op.line!.year, op.line!.office, other) : null;
    }
  }
}

/** Every stream the operations touch (offices, lines and their parents, stated figures): read in one call. */
function streamsOf(ops: ImportOperation[]): Set<string> {
  const ids = new Set<string>();
  // Codes repeat (a line has many rows): each parsed once.
  const parents = new Map<string, string | null>();
  const parentOf = (code: string) => {
    let parent = parents.get(code);
    if (parent === undefined) {
      parent = parsePlanCode(code).parentCode;
      parents.set(code, parent);
    }
    return parent;
  };
  for (const op of ops) {
    if (op.kind === 'office') {
      ids.add(officeStreamId(op.code));
      continue;
    }
    if (op.kind === 'correction') {
      if (op.line) ids.add(op.line.streamId);
      // A shift is corrected on both legs: the other leg's line is decided in the same append.
      if (op.counterpart) ids.add(op.counterpart);
      continue;
    }
    ids.add(officeStreamId(op.office));
    const codes = op.kind === 'shift' ? [op.fromCode, op.toCode] : op.kind === 'stated' ? [] : [op.code];
    for (const code of codes) {
      ids.add(lineStreamId(op.year, op.office, code));
      const parent = parentOf(code);
      if (parent) ids.add(lineStreamId(op.year, op.office, parent));
    }
    if (op.kind === 'stated') ids.add(statedFigureStreamId(op.office, op.year));
  }
  return ids;
}

/** The answer's message says how files were read when that is not plain UTF-8. */
function withNotes(message: string, files: ImportFileSummary[]): string {
  const notes = files.filter((f) => f.encoding === 'windows-1252').map((f) => `${f.name} dibaca sebagai Windows-1252`);
  return notes.length > 0 ? `${message} (${notes.join('; ')})` : message;
}

function warningsMessage(warnings: ImportWarning[]): string {
  return `${warnings.length} peringatan: angka yang mungkin tetapi tidak wajar; periksa setiap baris yang disebut, lalu konfirmasi (--accept-warnings, acceptWarnings=true, atau kotak centang di halaman Impor)`;
}

interface Decided {
  tables: ImportResult['tables'];
  appends: StreamAppend[];
  eventsByFile: Map<string, number>;
}

/** The kind of write each kind of row records: COMMAND_ROLES says who may. */
const OPERATION_WRITE: Record<Exclude<ImportOperation['kind'], 'correction'>, WriteKind> = {
  office: 'register-office',
  line: 'register-line',
  indicator: 'define-indicator',
  target: 'revise-target',
  pagu: 'change-pagu',
  shift: 'shift-budget',
  realisation: 'record-realisation',
  stated: 'record-stated-figure',
  renstra: 'record-renstra',
};

/** The authorization action a row asks for (the role check before the office scope is looked at). */
function operationAction(op: ImportOperation): Action {
  if (op.kind === 'correction') {
    const office = op.line?.office ?? '*';
    const write = CORRECTED_KIND_WRITE[op.entryKind ?? (op.counterpart !== null ? 'shift' : 'realisation')];
    return write === 'change-pagu' ? { kind: write, office, phase: op.phase } : { kind: write, office };
  }
  const office = op.kind === 'office' ? op.code : op.office;
  const write = OPERATION_WRITE[op.kind];
  return write === 'change-pagu' && op.kind === 'pagu'
    ? { kind: write, office, phase: op.phase }
    : { kind: write as Exclude<WriteKind, 'change-pagu'>, office };
}
