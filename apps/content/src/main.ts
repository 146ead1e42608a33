// First: tracing patches pg, ioredis and http as they load (docs/ARCHITECTURE.md#traces).
import './tracing';
import 'reflect-metadata';
import { runService, startSubgraph } from '@tend/graphql';
import { ContentConfig } from './content.config';
import { ContentModule } from './content.module';

/** The gateway lets `importTrack` carry up to 12 MiB (a whole track file); the rest it keeps at 256 KiB. */
const BULK_IMPORT_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

runService(
  ContentConfig,
  (config) => ContentModule.register(config),
  (appModule, config) => startSubgraph(appModule, config, { bodyLimitBytes: BULK_IMPORT_BODY_LIMIT_BYTES }),
);
