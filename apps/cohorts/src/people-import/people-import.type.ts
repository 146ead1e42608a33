import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PeopleImportAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DEACTIVATE = 'DEACTIVATE',
  REACTIVATE = 'REACTIVATE',
  UNCHANGED = 'UNCHANGED',
  REFUSE = 'REFUSE',
}
registerEnumType(PeopleImportAction, { name: 'PeopleImportAction' });

@ObjectType({ description: 'What the import does with one row of the file' })
export class PeopleImportRow {
  @Field(() => Int, { description: 'The line of the file the row ends on (the header is line 1)' })
  line!: number;

  @Field(() => PeopleImportAction)
  action!: PeopleImportAction;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: 'The column at fault, when refused' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the row is refused' })
  reason!: string | null;
}

@ObjectType({
  description: 'The outcome of an import: counts, and the rows (every row in a dry run, the refused ones otherwise)',
})
export class PeopleImportReport {
  @Field()
  dryRun!: boolean;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  deactivated!: number;

  @Field(() => Int)
  reactivated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => [PeopleImportRow])
  rows!: PeopleImportRow[];
}
