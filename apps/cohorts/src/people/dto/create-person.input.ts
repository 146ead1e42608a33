import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role } from '@tend/auth';
import { IsIanaTimeZone } from '../../time-zones/is-iana-time-zone.validator';
import { Channel } from '../channel';
import { IsBcp47Locale } from '../locale';
import { Trim, TrimLowerCase } from '@tend/graphql';

@InputType()
export class CreatePersonInput {
  @Field({ description: 'Unique in the organization, compared without regard to case' })
  @TrimLowerCase()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  name!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field({ description: 'IANA time zone, e.g. America/Chicago' })
  @Trim()
  @IsIanaTimeZone()
  timezone!: string;

  @Field(() => ID, { nullable: true, description: 'A LEADER or ADMIN of the organization' })
  @TrimLowerCase()
  @IsOptional()
  @IsUUID('all', { message: 'is not a Tend id' })
  leaderId?: string | null;

  @Field(() => String, { nullable: true, description: 'The team is created if the organization has none by this name' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  teamName?: string | null;

  @Field(() => [Channel], { nullable: true, description: 'IN_APP is always included (the default)' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(Channel).length)
  @IsEnum(Channel, { each: true })
  channels?: Channel[] | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag; en-US when not given' })
  @Trim()
  @IsOptional()
  @IsBcp47Locale()
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'The id of this person in the HRIS; unique in the organization' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the person works, e.g. a store or a site' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed for the WEBHOOK channel: the chat user or phone number' })
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
