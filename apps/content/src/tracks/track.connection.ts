import { Connection } from '@tend/graphql';
import { Track } from './track.entity';

export const TrackConnection = Connection(Track);
