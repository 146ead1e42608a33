import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CreatePersonInput } from '../../people/dto/create-person.input';
import { Trim } from '@tend/graphql';

/** What an operator gives `tend org create`: the organization and its first HR admin. */
export class CreateOrganizationInput {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  name!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => CreatePersonInput)
  admin!: CreatePersonInput;
}
