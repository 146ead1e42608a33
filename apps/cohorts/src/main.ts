import 'reflect-metadata';
import { runService } from '@tend/graphql';
import { CohortsConfig } from './cohorts.config';
import { CohortsModule } from './cohorts.module';

runService(CohortsConfig, (config) => CohortsModule.register(config));
