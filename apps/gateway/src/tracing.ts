import { startTracing } from '@tend/observability/tracing';

startTracing('gateway');
