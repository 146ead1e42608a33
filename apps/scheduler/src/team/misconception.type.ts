import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { LessonReference } from '../deliveries/federated-references';

@ObjectType({
  description: 'A question a team often gets wrong, with the wrong answer they give most; never who gave it',
})
export class Misconception {
  @Field(() => LessonReference)
  lesson!: LessonReference;

  @Field(() => String, {
    nullable: true,
    description: 'The question; null for tracks published before questions were named',
  })
  question!: string | null;

  @Field(() => Int)
  answered!: number;

  @Field(() => Int)
  missed!: number;

  @Field(() => Float, { description: 'missed / answered' })
  share!: number;

  @Field(() => String, { nullable: true, description: 'The wrong choice picked most often' })
  commonWrongAnswer!: string | null;
}
