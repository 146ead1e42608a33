import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** An authorization the provider handed out: whom it signs in, and the PKCE challenge it must meet. */
interface IssuedCode {
  email: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
}

export interface OidcProvider {
  /** Its issuer, which is also where its discovery document lives. */
  issuer: string;
  jwksUrl: string;
  clientId: string;
  /** The person the provider says is signed in there, as its login page would after a password. */
  signInAs(email: string): void;
  /** Codes traded at the token endpoint, and those refused there. */
  exchanges(): { granted: number; refused: number };
  close(): Promise<void>;
}

/**
 * A real OpenID provider on 127.0.0.1, as small as the authorization code flow with PKCE needs:
 * discovery, an authorization endpoint that sends the browser back with a code at once (for the
 * person `signInAs` names), a token endpoint that checks the code's S256 challenge against the
 * verifier, and its keys.
 */
export async function startOidcProvider(clientId = 'tend-web'): Promise<OidcProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(6).toString('hex');
  const codes = new Map<string, IssuedCode>();
  let signedIn: string | undefined;
  let granted = 0;
  let refused = 0;
  let issuer = '';

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') {
      return json(200, {
        keys: [{ ...createPublicKey(privateKey).export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
      });
    }
    if (url.pathname === '/authorize') {
      const query = url.searchParams;
      const redirectUri = query.get('redirect_uri') ?? '';
      if (!signedIn || query.get('code_challenge_method') !== 'S256' || query.get('client_id') !== clientId) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, { email: signedIn, clientId, redirectUri, codeChallenge: query.get('code_challenge') ?? '' });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.get('state') ?? '');
      return response.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(request));
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (
        !issued ||
        form.get('grant_type') !== 'authorization_code' ||
        form.get('client_id') !== issued.clientId ||
        form.get('redirect_uri') !== issued.redirectUri ||
        challenge !== issued.codeChallenge
      ) {
        refused += 1;
        return json(400, { error: 'invalid_grant' });
      }
      granted += 1;
      const idToken = jwt.sign({ email: issued.email, email_verified: true }, privateKey, {
        algorithm: 'RS256',
        keyid: kid,
        issuer,
        audience: issued.clientId,
        subject: issued.email,
        expiresIn: 300,
      });
      return json(200, { id_token: idToken, token_type: 'Bearer', expires_in: 300 });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    signInAs: (email) => {
      signedIn = email;
    },
    exchanges: () => ({ granted, refused }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
