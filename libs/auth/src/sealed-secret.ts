import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/**
 * Seals a secret a service keeps in Postgres (an LTI tool's private key) with AES-256-GCM,
 * bound to its organization: the organization id is the additional authenticated data, so a
 * sealed value copied to another organization's row does not open. The key is derived with
 * HKDF from the gateway signing secret, which every deployment keeps secret already, under a
 * label per use, so no two uses share a key and a database dump alone opens nothing.
 */
export class SealedSecrets {
  private readonly key: Buffer;

  constructor(gatewaySigningSecret: string, label: string) {
    this.key = Buffer.from(hkdfSync('sha256', gatewaySigningSecret, '', label, 32));
  }

  seal(organizationId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(organizationId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [FORMAT, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join('.');
  }

  /** Throws when the value was sealed for another organization or under another secret. */
  open(organizationId: string, stored: string): string {
    const [format, iv, tag, sealed] = stored.split('.');
    if (format !== FORMAT || !iv || !tag || sealed === undefined) throw new Error('unknown sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(organizationId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}
