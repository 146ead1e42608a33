import { ServiceConfig } from '@tend/config';

export class CohortsConfig extends ServiceConfig {
  override PORT = 4002;
}
