export * from './construct-examples';
export * from './seed-pods';
