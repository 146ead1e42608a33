export * from './domain-events';
export * from './outbox-writer';
export * from './outbox-relay';
export * from './event-inbox';
export * from './event-consumer-metrics';
export * from './outbox.module';
export * from './quiet-hours';
