import 'reflect-metadata';
import { runService } from '@tend/graphql';
import { ContentConfig } from './content.config';
import { ContentModule } from './content.module';

runService(ContentConfig, (config) => ContentModule.register(config));
