export * from './construct-examples';
export * from './seed-pods';
export * from './workload-examples';
