import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Role } from '@tend/auth';
import { Lesson } from '../lessons/lesson.entity';
import { LessonService } from '../lessons/lesson.service';
import { Track } from '../tracks/track.entity';
import { TrackService } from '../tracks/track.service';
import { LessonTranslation } from '../lessons/lesson-translation.entity';
import { translationRow } from '../translations/translation.service';
import { ImportTrackInput } from './dto/import-track.input';
import { TrackFileExport } from './dto/track-file-export.type';
import { readJsonTrackFile, writeJsonTrackFile } from './json-form';
import { readMarkdownBundle, writeMarkdownBundle } from './markdown-form';
import { LessonInFile, TrackFile, TrackFileFormat } from './track-file';
import { checkTrackFile } from './track-file-check';
import { TrackFileErrors } from './track-file.errors';

@Injectable()
export class TrackFileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tracks: TrackService,
    private readonly lessons: LessonService,
  ) {}

  /**
   * A new draft track from a portable file. Everything is checked before the
   * first write, and everything is written in one transaction: a file with
   * any problem leaves no trace.
   */
  async import(organizationId: string, input: ImportTrackInput): Promise<Track> {
    const field = input.format === TrackFileFormat.JSON ? 'input.json' : 'input.files';
    const read = this.read(input);
    const plan = Array.isArray(read) ? read : checkTrackFile(read.data, read.locate);
    if (Array.isArray(plan)) throw TrackFileErrors.invalid(field, plan);

    return this.dataSource.transaction(async (manager) => {
      const track = await this.tracks.createIn(manager, organizationId, plan.track);
      const lessons = await this.lessons.insertIn(
        manager,
        organizationId,
        track.id,
        1,
        1,
        plan.lessons.map(({ lesson }) => lesson),
      );
      const translations = plan.lessons.flatMap(({ translations: inLocales }, index) =>
        inLocales.map(({ locale, translation }) =>
          translationRow(organizationId, lessons[index].id, locale, translation),
        ),
      );
      if (translations.length > 0) await manager.getRepository(LessonTranslation).insert(translations);
      return track;
    });
  }

  /** A version of a track (by default the one learners are served) as a file that `import` reads back unchanged. */
  async export(
    organizationId: string,
    id: string,
    format: TrackFileFormat,
    version?: number | null,
  ): Promise<TrackFileExport> {
    const file = await this.trackFile(organizationId, id, version);
    return format === TrackFileFormat.JSON
      ? { format, json: writeJsonTrackFile(file), files: null }
      : { format, json: null, files: writeMarkdownBundle(file) };
  }

  private read(input: ImportTrackInput) {
    if (input.json != null && input.files != null) throw TrackFileErrors.both();
    if (input.format === TrackFileFormat.JSON) {
      if (input.json == null) throw TrackFileErrors.missing('input.json', 'JSON');
      return readJsonTrackFile(input.json);
    }
    if (input.files == null) throw TrackFileErrors.missing('input.files', 'MARKDOWN_BUNDLE');
    return readMarkdownBundle(input.files);
  }

  private async trackFile(organizationId: string, id: string, version?: number | null): Promise<TrackFile> {
    const track = await this.tracks.get(organizationId, id, Role.ADMIN, version);
    const lessons = await this.dataSource.getRepository(Lesson).find({
      where: { organizationId, trackId: track.id, version: track.version },
      relations: { questions: true, reviewCards: true },
      order: { position: 'ASC', questions: { position: 'ASC' }, reviewCards: { position: 'ASC' } },
    });
    const translations = await this.dataSource.getRepository(LessonTranslation).find({
      where: { organizationId, lessonId: In(lessons.map((lesson) => lesson.id)) },
      order: { locale: 'ASC' },
    });
    return withoutEmpty({
      title: track.title,
      summary: track.summary,
      tags: track.tags,
      defaultLocale: track.defaultLocale,
      lessons: lessons.map((lesson) =>
        lessonInFile(
          lesson,
          translations.filter((translation) => translation.lessonId === lesson.id),
        ),
      ),
    });
  }
}

function lessonInFile(lesson: Lesson, translations: LessonTranslation[]): LessonInFile {
  return withoutEmpty({
    title: lesson.title,
    kind: lesson.kind,
    minutes: lesson.minutes,
    body: lesson.body,
    tags: lesson.tags,
    questions: (lesson.questions ?? []).map((question) =>
      withoutEmpty({
        prompt: question.prompt,
        choices: question.choices,
        correctIndex: question.correctIndex,
        explanation: question.explanation,
        choiceFeedback: question.choiceFeedback.map((choice) => withoutEmpty({ ...choice })),
      }),
    ),
    reviewCards: (lesson.reviewCards ?? []).map((card) => ({ front: card.front, back: card.back })),
    leaderPrompt: lesson.leaderPrompt,
    leaderListenFor: lesson.leaderListenFor,
    translations: translations.map((translation) =>
      withoutEmpty({
        locale: translation.locale,
        title: translation.title,
        body: translation.body,
        questions: translation.questions.map((question) =>
          withoutEmpty({
            prompt: question.prompt,
            choices: question.choices,
            choiceFeedback: question.choiceFeedback.map((choice) => withoutEmpty({ ...choice })),
          }),
        ),
        leaderPrompt: translation.leaderPrompt,
        leaderListenFor: translation.leaderListenFor,
      }),
    ),
  });
}

type WithoutEmpty<T> = { [K in keyof T]: Exclude<T[K], null> };

/** Leaves out what is null or an empty list, as an author would: the import reads both as absent. */
function withoutEmpty<T extends object>(value: T): WithoutEmpty<T> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, item]) => item !== null && item !== undefined && !(Array.isArray(item) && item.length === 0),
    ),
  ) as WithoutEmpty<T>;
}
