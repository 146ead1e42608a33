export * from './queue-name';
export * from './redis-connection';
export * from './queue-root.module';
export * from './kept-job-scheduler';
export * from './queue-jobs';
