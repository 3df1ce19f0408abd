export * from './cell-parsers';
export * from './tables';
export * from './import-types';
export * from './import-record';
export * from './import-rows';
export * from './import-preview';
export * from './import-service';
export * from './import-sources';
