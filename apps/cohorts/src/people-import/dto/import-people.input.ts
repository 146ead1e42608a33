import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsString } from 'class-validator';

@InputType()
export class ImportPeopleInput {
  @Field({
    description:
      'The HRIS export as CSV text (UTF-8, at most 10 MiB and 60,000 rows), a header row first. Columns, in any order: ' +
      'email (required), name, role, timezone, locale, external_id, leader (an email or external id, of a row anywhere ' +
      'in the file or of someone already here), team, location, channels (IN_APP;EMAIL;WEBHOOK), webhook_bridge_id, ' +
      'status (active or inactive). A blank cell keeps what is stored.',
  })
  @IsString()
  csv!: string;

  @Field({ description: 'true: only report what would happen, row by row; nothing is written' })
  @IsBoolean()
  dryRun!: boolean;
}
