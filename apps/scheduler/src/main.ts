// First: tracing patches pg, ioredis and http as they load (docs/ARCHITECTURE.md#traces).
import './tracing';
import 'reflect-metadata';
import { runService } from '@tend/graphql';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerModule } from './scheduler.module';

runService(SchedulerConfig, (config) => SchedulerModule.register(config));
