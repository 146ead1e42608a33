import { Args, Context, Directive, Mutation, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Caller, RequestContext, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, readableLocale, Roles, Scopes } from '@tend/graphql';
import { AddLessonInput } from './dto/add-lesson.input';
import { Lesson, Question, ReviewCard } from './lesson.entity';
import { LessonService, translationKey } from './lesson.service';
import { lessonWarnings } from './lesson-rules';
import { inLocale } from './locale';

@Resolver(() => Lesson)
export class LessonResolver {
  constructor(private readonly lessons: LessonService) {}

  @Mutation(() => Lesson)
  @Roles(Role.ADMIN)
  @Scopes('content:write')
  addLesson(
    @CurrentPrincipal() principal: Caller,
    @IdArg('trackId') trackId: string,
    @Args('input') input: AddLessonInput,
  ): Promise<Lesson> {
    return this.lessons.add(principal.organizationId, trackId, input);
  }

  @ResolveField(() => [Question])
  @Directive('@shareable')
  async questions(@Parent() lesson: Lesson, @Context() context: RequestContext): Promise<Question[]> {
    const loaders = this.lessons.loadersFor(context);
    const questions = await loaders.questionsByLesson.load(lesson.id);
    if (!lesson.viewLocale) return questions;
    const translated = (await loaders.translationByLesson.load(translationKey(lesson.id, lesson.viewLocale)))
      ?.questions;
    return questions.map((question, index) =>
      Object.assign(new Question(), question, {
        prompt: translated?.[index]?.prompt ?? question.prompt,
        choices: translated?.[index]?.choices ?? question.choices,
      }),
    );
  }

  @ResolveField(() => [String], {
    description: 'What to look at before publishing (reading time, nothing to review); none of it blocks',
  })
  async warnings(@Parent() lesson: Lesson, @Context() context: RequestContext): Promise<string[]> {
    const loaders = this.lessons.loadersFor(context);
    const reviewCards = await loaders.reviewCardsByLesson.load(lesson.id);
    return lessonWarnings({ ...lesson, questions: await this.questions(lesson, context), reviewCards });
  }

  @ResolveField(() => [ReviewCard])
  reviewCards(@Parent() lesson: Lesson, @Context() context: RequestContext): Promise<ReviewCard[]> {
    return this.lessons.loadersFor(context).reviewCardsByLesson.load(lesson.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The locale of the translation the text is in; null: the track's default locale",
  })
  locale(@Parent() lesson: Lesson): string | null {
    return lesson.viewLocale ?? null;
  }

  /**
   * Other subgraphs (a delivery's lesson) point here; Apollo calls this as
   * (reference, context). A reference that names its reader's locale gets the
   * nearest translation of the lesson, else the track's default text.
   */
  @ResolveReference()
  async resolveReference(
    reference: { id: string; readerLocale?: string | null },
    context: RequestContext,
  ): Promise<Lesson | null> {
    const loaders = this.lessons.loadersFor(context);
    const lesson = await loaders.lessonById.load(reference.id);
    if (!lesson || !reference.readerLocale) return lesson ?? null;
    const translations = await loaders.translationsOfLesson.load(lesson.id);
    const served = readableLocale(
      reference.readerLocale,
      translations.map((translation) => translation.locale),
    );
    const translation = translations.find((each) => each.locale === served);
    return Object.assign(translation ? inLocale(lesson, translation) : Object.assign(new Lesson(), lesson), {
      readerLocale: reference.readerLocale,
    });
  }
}
