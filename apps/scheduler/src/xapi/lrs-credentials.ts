import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/**
 * Seals an LRS password for storage with AES-256-GCM, bound to its organization (the
 * organization id is the additional authenticated data, so a sealed password copied to
 * another organization's row does not open).
 */
export class LrsCredentials {
  private readonly key: Buffer;

  /**
   * `LRS_CREDENTIALS_KEY` (base64 of 32 bytes) when set; otherwise a key derived with HKDF
   * from the gateway signing secret, which every deployment already keeps secret, under a
   * label of its own so the two keys never meet.
   */
  constructor(configuredKey: string, gatewaySigningSecret: string) {
    this.key = configuredKey
      ? Buffer.from(configuredKey, 'base64')
      : Buffer.from(hkdfSync('sha256', gatewaySigningSecret, '', 'tend.lrs-credentials', 32));
    if (this.key.length !== 32) throw new Error('LRS_CREDENTIALS_KEY must be the base64 of 32 bytes');
  }

  seal(organizationId: string, password: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(organizationId));
    const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
    return [FORMAT, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join('.');
  }

  open(organizationId: string, stored: string): string {
    const [format, iv, tag, sealed] = stored.split('.');
    if (format !== FORMAT) throw new Error('unknown sealed password format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(organizationId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}
