import { Connection } from '@tend/graphql';
import { Person } from './person.entity';

export const PersonConnection = Connection(Person);
