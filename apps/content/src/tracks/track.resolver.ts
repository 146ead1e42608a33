import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Caller, RequestContext, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Lesson } from '../lessons/lesson.entity';
import { LessonService, trackVersionKey, translationKey } from '../lessons/lesson.service';
import { inLocale } from '../lessons/locale';
import { CreateTrackInput } from './dto/create-track.input';
import { DuplicateTrackInput } from './dto/duplicate-track.input';
import { MigrateEnrollmentsInput } from './dto/migrate-enrollments.input';
import { MoveLessonInput } from '../lessons/dto/move-lesson.input';
import { TracksArgs } from './dto/tracks.args';
import { TrackConnection } from './track.connection';
import { Track } from './track.entity';
import { TrackService } from './track.service';

@Resolver(() => Track)
export class TrackResolver {
  constructor(
    private readonly trackService: TrackService,
    private readonly lessonService: LessonService,
  ) {}

  @Query(() => Track, { nullable: true })
  @Scopes('content:read')
  track(
    @CurrentPrincipal() principal: Caller,
    @IdArg('id') id: string,
    @Args('version', {
      type: () => Int,
      nullable: true,
      description: 'Another version than the one learners are served; drafts are for admins only',
    })
    version?: number | null,
    @Args('locale', {
      type: () => String,
      nullable: true,
      description: 'The reader’s BCP 47 locale: lessons come in it, or in the nearest the track has, else the default',
    })
    locale?: string | null,
  ): Promise<Track> {
    return this.trackService.get(principal.organizationId, id, principal.role, version, locale);
  }

  @Query(() => TrackConnection)
  @Scopes('content:read')
  tracks(@CurrentPrincipal() principal: Caller, @Args() args: TracksArgs): Promise<ConnectionShape<Track>> {
    return this.trackService.list(principal.organizationId, args, principal.role);
  }

  @Mutation(() => Track)
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  createTrack(@CurrentPrincipal() principal: Caller, @Args('input') input: CreateTrackInput): Promise<Track> {
    return this.trackService.create(principal.organizationId, input);
  }

  @Mutation(() => Track)
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  publishTrack(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Track> {
    return this.trackService.publish(principal.organizationId, id);
  }

  @Mutation(() => Track, {
    description: 'Opens a new draft version of a published track; learners are served the published one meanwhile',
  })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  reviseTrack(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Track> {
    return this.trackService.revise(principal.organizationId, id);
  }

  @Mutation(() => Track, { description: 'No cohort can enroll in an archived track; learners keep what they have' })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  archiveTrack(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Track> {
    return this.trackService.archive(principal.organizationId, id);
  }

  @Mutation(() => Track, {
    description: 'Moves the enrollments on one published version to another; the track is shown at the new version',
  })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  migrateEnrollments(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: MigrateEnrollmentsInput,
  ): Promise<Track> {
    return this.trackService.migrateEnrollments(principal.organizationId, input);
  }

  @Mutation(() => Track, { description: 'Moves a lesson of the draft version; the track is shown at that version' })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  moveLesson(@CurrentPrincipal() principal: Caller, @Args('input') input: MoveLessonInput): Promise<Track> {
    return this.trackService.moveLesson(principal.organizationId, input);
  }

  @Mutation(() => Track, { description: 'A new draft track with the same lessons' })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  duplicateTrack(@CurrentPrincipal() principal: Caller, @Args('input') input: DuplicateTrackInput): Promise<Track> {
    return this.trackService.duplicate(principal.organizationId, input);
  }

  @ResolveField(() => [Lesson])
  async lessons(@Parent() track: Track, @Context() context: RequestContext): Promise<Lesson[]> {
    const loaders = this.lessonService.loadersFor(context);
    const lessons = await loaders.lessonsByTrackVersion.load(trackVersionKey(track.id, track.version));
    const locale = track.viewLocale;
    if (!locale) return lessons;
    const translations = await Promise.all(
      lessons.map((lesson) => loaders.translationByLesson.load(translationKey(lesson.id, locale))),
    );
    return lessons.map((lesson, index) => {
      const translation = translations[index];
      return translation ? inLocale(lesson, translation) : lesson;
    });
  }

  /** Other subgraphs (an enrollment's track) point here; Apollo calls this as (reference, context). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Track | null> {
    return this.trackService.trackLoader(context).load(reference.id);
  }
}
