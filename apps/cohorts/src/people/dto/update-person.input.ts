import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Role } from '@tend/auth';
import { Trim, TrimLowerCase } from '@tend/graphql';
import { IsIanaTimeZone } from '../../time-zones/is-iana-time-zone.validator';
import { Channel } from '../channel';
import { IsBcp47Locale } from '../locale';

/** Given: must hold a value (null is refused). Left out: stays as it is. */
const Given = () => ValidateIf((_object, value) => value !== undefined);

/**
 * What changes; a field left out stays as it is. The optional attributes
 * (leader, team, location, HRIS id, bridge id) are cleared with an explicit null.
 */
@InputType()
export class UpdatePersonInput {
  @Field(() => String, { nullable: true })
  @TrimLowerCase()
  @Given()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @Given()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field(() => Role, { nullable: true })
  @Given()
  @IsEnum(Role)
  role?: Role;

  @Field(() => String, { nullable: true })
  @Trim()
  @Given()
  @IsIanaTimeZone()
  timezone?: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @Given()
  @IsBcp47Locale()
  locale?: string;

  @Field(() => [Channel], { nullable: true, description: 'IN_APP is always included' })
  @Given()
  @ArrayMaxSize(Object.keys(Channel).length)
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @Field(() => ID, { nullable: true, description: 'A LEADER or ADMIN who does not report to this person; null: none' })
  @TrimLowerCase()
  @IsOptional()
  @IsUUID('all', { message: 'is not a Tend id' })
  leaderId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Created if the organization has no team by this name; null: none',
  })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  teamName?: string | null;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  location?: string | null;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  webhookBridgeId?: string | null;

  /** SCIM's enterprise employeeNumber. Not in the GraphQL schema: only SCIM provisioning sets it. */
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  employeeNumber?: string | null;
}
