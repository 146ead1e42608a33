import { DataSourceOptions } from 'typeorm';
import { DatabaseTimeouts, serviceDataSourceOptions } from '@tend/database';
import { contentMigrations } from '@tend/content-migrations';
import { Lesson, Question, ReviewCard } from './lessons/lesson.entity';
import { Track } from './tracks/track.entity';
import { TrackVersion } from './drafts/track-version.entity';
import { LessonTranslation } from './lessons/lesson-translation.entity';

export const CONTENT_SCHEMA = 'content';

/** The content service's database, shared by the app and its migration command. */
export function contentDataSourceOptions(databaseUrl: string, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return serviceDataSourceOptions({
    url: databaseUrl,
    timeouts,
    schema: CONTENT_SCHEMA,
    entities: [Track, TrackVersion, Lesson, Question, ReviewCard, LessonTranslation],
    migrations: contentMigrations,
  });
}
