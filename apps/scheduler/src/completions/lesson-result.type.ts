import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Delivery } from '../deliveries/delivery.entity';

@ObjectType({ description: 'A completed lesson or question review, graded' })
export class LessonResult {
  @Field(() => Delivery)
  delivery!: Delivery;

  @Field(() => Int)
  correct!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => [String], { description: 'One line per question: whether it was right, and why' })
  feedback!: string[];
}
