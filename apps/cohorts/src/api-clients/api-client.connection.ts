import { Connection } from '@tend/graphql';
import { ApiClient } from './api-client.entity';

export const ApiClientConnection = Connection(ApiClient);
