import { Connection } from '@tend/graphql';
import { ScimToken } from './scim-token.entity';

export const ScimTokenConnection = Connection(ScimToken);
