import { Field, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '@tend/graphql';
import { Delivery } from '../deliveries/delivery.entity';

@ObjectType({ description: "The organization's streak repair, as it kept the caller's streak" })
export class StreakRepair {
  @Field(() => Int, { description: 'A streak survives one missed workday in this many lesson days' })
  oneIn!: number;

  @Field(() => [LocalDateScalar], {
    description: 'The missed workdays the current streak survived by it, newest first',
  })
  repairedDays!: string[];
}

@ObjectType({ description: "The caller's items for their local today" })
export class Today {
  @Field(() => LocalDateScalar, { description: "The caller's local date" })
  date!: string;

  @Field({ description: 'The IANA time zone the date is read in' })
  timezone!: string;

  @Field(() => [Delivery], { description: 'Lessons first, then reviews, then prompts; each by due time' })
  items!: Delivery[];

  @Field(() => Int, {
    description:
      "Workdays in a row, in the caller's own calendar, whose lessons were done that day; today counts once done",
  })
  streak!: number;

  @Field(() => StreakRepair, {
    nullable: true,
    description: "The organization's streak repair; null where any missed workday breaks a streak",
  })
  streakRepair!: StreakRepair | null;
}
