import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import { SealedSecrets } from '@tend/auth';
import { runAcrossTenants } from '@tend/database';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortsConfig } from '../cohorts.config';

/** LTI 1.3 has tools sign with RS256 (IMS Security Framework §6.1). */
export const LTI_TOOL_ALGORITHM = 'RS256';

export interface LtiToolSigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
}

/**
 * The organization's key pair as an LTI tool, kept in Postgres so that every replica signs with
 * the same key and a restart changes nothing platforms have cached. The private half is sealed
 * for its organization (`SealedSecrets`) and opened only to sign here; the public half is
 * published at /lti/jwks.
 */
@Injectable()
export class LtiToolKeyService {
  private readonly seals: SealedSecrets;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: CohortsConfig,
  ) {
    this.seals = new SealedSecrets(config.GATEWAY_SIGNING_SECRET, 'tend.lti-tool-keys');
  }

  /** Creates the organization's key pair unless it has one; two at once keep the first. */
  async ensure(manager: EntityManager, organizationId: string): Promise<void> {
    const existing: unknown[] = await manager.query(
      `SELECT 1 FROM "${COHORTS_SCHEMA}".lti_tool_keys WHERE organization_id = $1`,
      [organizationId],
    );
    if (existing.length > 0) return;
    const { publicKey, privateKey } = await generateKeyPair(LTI_TOOL_ALGORITHM, {
      modulusLength: 2048,
      extractable: true,
    });
    await manager.query(
      `INSERT INTO "${COHORTS_SCHEMA}".lti_tool_keys (organization_id, public_jwk, private_jwk_sealed)
       VALUES ($1, $2, $3) ON CONFLICT (organization_id) DO NOTHING`,
      [
        organizationId,
        await exportJWK(publicKey),
        this.seals.seal(organizationId, JSON.stringify(await exportJWK(privateKey))),
      ],
    );
  }

  /** Every organization's public key, each named by its kid: one URL for every platform to configure. */
  async publicKeySet(): Promise<{ keys: JWK[] }> {
    const rows: { id: string; public_jwk: JWK }[] = await runAcrossTenants('LTI tool keys at /lti/jwks', () =>
      this.dataSource.query(`SELECT id, public_jwk FROM "${COHORTS_SCHEMA}".lti_tool_keys ORDER BY created_at, id`),
    );
    return { keys: rows.map((row) => ({ ...row.public_jwk, kid: row.id, alg: LTI_TOOL_ALGORITHM, use: 'sig' })) };
  }

  async signingKey(organizationId: string): Promise<LtiToolSigningKey> {
    const read = (): Promise<{ id: string; private_jwk_sealed: string }[]> =>
      this.dataSource.query(
        `SELECT id, private_jwk_sealed FROM "${COHORTS_SCHEMA}".lti_tool_keys WHERE organization_id = $1`,
        [organizationId],
      );
    let [row] = await read();
    // An operator removes keys sealed under a retired gateway secret (README "LTI 1.3 Advantage"): a new one is made.
    if (!row) {
      await this.ensure(this.dataSource.manager, organizationId);
      [row] = await read();
    }
    return {
      kid: row.id,
      privateKey: await importJWK(
        JSON.parse(this.seals.open(organizationId, row.private_jwk_sealed)) as JWK,
        LTI_TOOL_ALGORITHM,
      ),
    };
  }
}
