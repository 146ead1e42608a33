import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** What the gateway reports about one change, as it posts it to /internal/audit. */
export class AuditRecord {
  @IsUUID()
  organizationId!: string;

  @IsIn(['person', 'api-client'])
  actorKind!: 'person' | 'api-client';

  @IsUUID()
  actorId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  actorRole?: string | null;

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, { each: true })
  operations!: string[];

  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  targetIds!: string[];

  @IsString()
  @MaxLength(40)
  outcome!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  clientAddress?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  requestId?: string | null;

  @Type(() => Date)
  occurredAt!: Date;
}
