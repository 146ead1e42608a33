import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Role } from '@tend/auth';
import { TrimLowerCase } from '@tend/graphql';

const MAX_VALUES = 50;

/**
 * Who belongs to a cohort by rule: everyone who matches every criterion
 * given (any of the listed teams, any of the listed locations, any of the
 * roles, the leader and everyone below them).
 */
@ObjectType('CohortRule')
@InputType('CohortRuleInput')
export class CohortRule {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VALUES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  teamNames?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VALUES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  locations?: string[] | null;

  @Field(() => [Role], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsEnum(Role, { each: true })
  roles?: Role[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The leader whose whole reporting line, the leader included, belongs',
  })
  @TrimLowerCase()
  @IsOptional()
  @IsUUID('all', { message: 'is not a Tend id' })
  subtreeOfLeaderId?: string | null;
}

/** A rule with no criterion would take in the whole organization by accident. */
export function hasCriterion(rule: CohortRule): boolean {
  return !!(rule.teamNames?.length || rule.locations?.length || rule.roles?.length || rule.subtreeOfLeaderId);
}
