import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant. Its id is the `organization_id` every other row carries, so it has none of its own. */
@Entity({ schema: 'cohorts', name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** The `iss` of the tokens its identity provider signs; no two organizations share one. */
  @Column('text', { nullable: true, unique: true })
  identityProviderIssuer!: string | null;

  @Column('text', { nullable: true })
  identityProviderJwksUrl!: string | null;

  @Column('text', { nullable: true })
  identityProviderAudience!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
