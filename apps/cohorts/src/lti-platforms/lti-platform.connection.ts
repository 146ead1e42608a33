import { Connection } from '@tend/graphql';
import { LtiPlatform } from './lti-platform.entity';

export const LtiPlatformConnection = Connection(LtiPlatform);
