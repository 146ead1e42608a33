import { Args, Field, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, Roles, Scopes } from '@tend/graphql';
import { Lesson } from '../lessons/lesson.entity';
import { Track } from '../tracks/track.entity';
import { TranslateLessonInput } from './dto/translate-lesson.input';
import { TranslationService } from './translation.service';

@ObjectType({ description: 'A locale some lessons are translated to, and the lessons still missing in it' })
export class TranslationGap {
  @Field()
  locale!: string;

  @Field(() => [ID])
  lessonIds!: string[];
}

@Resolver(() => Track)
export class TranslationResolver {
  constructor(private readonly translations: TranslationService) {}

  @Mutation(() => Lesson, { description: 'The lesson, as it reads in the new locale' })
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  translateLesson(@CurrentPrincipal() principal: Caller, @Args('input') input: TranslateLessonInput): Promise<Lesson> {
    return this.translations.translate(principal.organizationId, input);
  }

  @ResolveField(() => [TranslationGap], {
    description: 'Translations that miss lessons of the version shown; check before publishing',
  })
  translationGaps(@CurrentPrincipal() principal: Caller, @Parent() track: Track): Promise<TranslationGap[]> {
    return this.translations.gaps(principal.organizationId, track.id, track.version);
  }

  @ResolveField(() => String, { description: 'The locale the lessons are shown in' })
  locale(@Parent() track: Track): string {
    return track.viewLocale ?? track.defaultLocale;
  }
}
