import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Caller, RequestContext, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Lesson } from '../lessons/lesson.entity';
import { LessonService } from '../lessons/lesson.service';
import { CreateTrackInput } from './dto/create-track.input';
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
  track(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Track> {
    return this.trackService.get(principal.organizationId, id, principal.role);
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

  @ResolveField(() => [Lesson])
  lessons(@Parent() track: Track, @Context() context: RequestContext): Promise<Lesson[]> {
    return this.lessonService.loadersFor(context).lessonsByTrack.load(track.id);
  }

  /** Other subgraphs (an enrollment's track) point here; Apollo calls this as (reference, context). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Track | null> {
    return this.trackService.trackLoader(context).load(reference.id);
  }
}
