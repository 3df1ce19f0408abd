/** COPY FROM STDIN through `pg` lives in the event store (its bulk append uses it); the floors reuse it. */
export { CopyFromBuffer, copyField, copyIn } from '@renja/event-store/postgres/copy-from';
