export * from './consistency.report';
export * from './consistency.tables';
export * from './ledger-figures';
