import 'reflect-metadata';
import { runService } from '@tend/graphql';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerModule } from './scheduler.module';

runService(SchedulerConfig, (config) => SchedulerModule.register(config));
