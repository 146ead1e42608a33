import { ServiceConfig } from '@tend/config';

export class ContentConfig extends ServiceConfig {
  override PORT = 4001;
}
