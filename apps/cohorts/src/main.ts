// First: tracing patches pg, ioredis and http as they load (docs/ARCHITECTURE.md#traces).
import './tracing';
import 'reflect-metadata';
import { runService, startSubgraph } from '@tend/graphql';
import { CohortsConfig } from './cohorts.config';
import { CohortsModule } from './cohorts.module';
import { SCIM_CONTENT_TYPE } from './scim/scim.controller';

/** The gateway lets `importPeople` carry up to 12 MiB (an HRIS export); the rest it keeps at 256 KiB. */
const BULK_IMPORT_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

runService(
  CohortsConfig,
  (config) => CohortsModule.register(config),
  (appModule, config) =>
    startSubgraph(appModule, config, {
      bodyLimitBytes: BULK_IMPORT_BODY_LIMIT_BYTES,
      textContentTypes: [SCIM_CONTENT_TYPE],
    }),
);
