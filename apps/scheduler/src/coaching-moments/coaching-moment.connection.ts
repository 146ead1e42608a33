import { Connection } from '@tend/graphql';
import { CoachingMoment } from './coaching-moment.entity';

export const CoachingMomentConnection = Connection(CoachingMoment);
