import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum LrsVersion {
  V2_0_0 = '2.0.0',
  V1_0_3 = '1.0.3',
}
registerEnumType(LrsVersion, {
  name: 'LrsVersion',
  description: 'The xAPI version of an LRS: 2.0.0 (IEEE 9274.1.1) or 1.0.3',
  valuesMap: { V2_0_0: { description: 'xAPI 2.0.0' }, V1_0_3: { description: 'xAPI 1.0.3' } },
});

export enum LrsActorFormat {
  ACCOUNT = 'ACCOUNT',
  MBOX = 'MBOX',
}
registerEnumType(LrsActorFormat, {
  name: 'LrsActorFormat',
  description: 'How a statement names its person: an account (the person id) or, when opted in, a mailto: mbox',
});

/** What an admin sees of the organization's LRS: never its password. */
@ObjectType({ description: "The organization's learning record store and how sending to it goes" })
export class LrsStatus {
  @Field()
  endpoint!: string;

  @Field()
  username!: string;

  @Field(() => LrsVersion)
  version!: LrsVersion;

  @Field()
  homePage!: string;

  @Field(() => LrsActorFormat)
  actorFormat!: LrsActorFormat;

  @Field()
  sendReflections!: boolean;

  @Field({ description: 'False once turned off: no statements are kept or sent until it is configured again' })
  enabled!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the LRS last took a batch' })
  lastSuccessAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What went wrong last, kept after a later success too' })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastErrorAt!: Date | null;

  @Field(() => Int, { description: 'Statements waiting to be sent' })
  backlog!: number;
}
