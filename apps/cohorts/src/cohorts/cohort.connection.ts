import { Connection } from '@tend/graphql';
import { Cohort } from './cohort.entity';

export const CohortConnection = Connection(Cohort);
