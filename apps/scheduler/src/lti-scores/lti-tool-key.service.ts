import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import { SealedSecrets } from '@tend/auth';
import { runAcrossTenants } from '@tend/database';
import { SchedulerConfig } from '../scheduler.config';

/** LTI 1.3 has tools sign with RS256 (IMS Security Framework §6.1). */
export const LTI_TOOL_ALGORITHM = 'RS256';

/**
 * The scheduler's key pair as the organization's LTI tool: it signs the client assertions of
 * the grade services. Cohorts keeps the key of launches and deep links in its own schema, and
 * the gateway publishes both at /lti/jwks (docs/ARCHITECTURE.md#standard-doors-scim-and-lti).
 * Kept in Postgres, so every replica and restart signs with the same key; the private half
 * sealed for its organization (`SealedSecrets`).
 */
@Injectable()
export class LtiToolKeyService {
  private readonly seals: SealedSecrets;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: SchedulerConfig,
  ) {
    this.seals = new SealedSecrets(config.GATEWAY_SIGNING_SECRET, 'tend.lti-tool-keys');
  }

  async ensure(manager: EntityManager, organizationId: string): Promise<void> {
    const existing: unknown[] = await manager.query(
      `SELECT 1 FROM scheduler.lti_tool_keys WHERE organization_id = $1`,
      [organizationId],
    );
    if (existing.length > 0) return;
    const { publicKey, privateKey } = await generateKeyPair(LTI_TOOL_ALGORITHM, {
      modulusLength: 2048,
      extractable: true,
    });
    await manager.query(
      `INSERT INTO scheduler.lti_tool_keys (organization_id, public_jwk, private_jwk_sealed)
       VALUES ($1, $2, $3) ON CONFLICT (organization_id) DO NOTHING`,
      [
        organizationId,
        await exportJWK(publicKey),
        this.seals.seal(organizationId, JSON.stringify(await exportJWK(privateKey))),
      ],
    );
  }

  async publicKeySet(): Promise<{ keys: JWK[] }> {
    const rows: { id: string; public_jwk: JWK }[] = await runAcrossTenants('LTI tool keys at /lti/jwks', () =>
      this.dataSource.query(`SELECT id, public_jwk FROM scheduler.lti_tool_keys ORDER BY created_at, id`),
    );
    return { keys: rows.map((row) => ({ ...row.public_jwk, kid: row.id, alg: LTI_TOOL_ALGORITHM, use: 'sig' })) };
  }

  async signingKey(organizationId: string): Promise<{ kid: string; privateKey: KeyLike | Uint8Array }> {
    const read = (): Promise<{ id: string; private_jwk_sealed: string }[]> =>
      this.dataSource.query(`SELECT id, private_jwk_sealed FROM scheduler.lti_tool_keys WHERE organization_id = $1`, [
        organizationId,
      ]);
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
