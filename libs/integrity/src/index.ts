/**
 * @renja/integrity — tamper evidence primitives, pure (node:crypto only, no I/O, no clock):
 * RFC 6962 / 9162 Merkle trees and proofs, C2SP signed notes (Ed25519) and tlog checkpoints.
 */
export * from './merkle';
export * from './proof-generation';
export * from './proof-verification';
export * from './note-error';
export * from './note-keys';
export * from './signed-note';
export * from './checkpoint';
