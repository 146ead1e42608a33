import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Track } from '../tracks/track.entity';
import { ImportTrackInput } from './dto/import-track.input';
import { TrackFileExport } from './dto/track-file-export.type';
import { TrackFileFormat } from './track-file';
import { TrackFileService } from './track-file.service';

@Resolver()
export class TrackFileResolver {
  constructor(private readonly trackFiles: TrackFileService) {}

  @Mutation(() => Track, {
    description:
      'Creates a DRAFT track from a portable file. A file with any problem writes nothing; the error lists ' +
      'every problem in extensions.problems (file, line, path, message)',
  })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  importTrack(@CurrentPrincipal() principal: Caller, @Args('input') input: ImportTrackInput): Promise<Track> {
    return this.trackFiles.import(principal.organizationId, input);
  }

  @Query(() => TrackFileExport, { description: 'A track as a portable file, answer keys included; for admins' })
  @Roles(Role.ADMIN)
  @Scopes('content:read')
  exportTrack(
    @CurrentPrincipal() principal: Caller,
    @IdArg('id') id: string,
    @Args('format', { type: () => TrackFileFormat }) format: TrackFileFormat,
    @Args('version', {
      type: () => Int,
      nullable: true,
      description: 'Another version than the one learners are served, such as the open draft',
    })
    version?: number | null,
  ): Promise<TrackFileExport> {
    return this.trackFiles.export(principal.organizationId, id, format, version);
  }
}
