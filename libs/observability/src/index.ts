export * from './logging.module';
export * from './health.module';
export * from './metrics';
export { TracingModule } from './tracing/tracing.module';
