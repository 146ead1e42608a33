import { acceptsJwksUrl } from './jwks-url';

describe('acceptsJwksUrl', () => {
  it('accepts https URLs', () => {
    expect(acceptsJwksUrl('https://idp.example/.well-known/jwks.json', false)).toBe(true);
  });

  it('refuses plain http, whatever the host', () => {
    expect(acceptsJwksUrl('http://idp.example/jwks', false)).toBe(false);
    expect(acceptsJwksUrl('http://idp.example/jwks', true)).toBe(false);
    expect(acceptsJwksUrl('http://10.0.0.1:8080/jwks', true)).toBe(false);
  });

  it('accepts a loopback address with a port only when the deployment allows it', () => {
    expect(acceptsJwksUrl('http://127.0.0.1:8080/jwks', false)).toBe(false);
    expect(acceptsJwksUrl('http://localhost:8080/jwks', false)).toBe(false);
    expect(acceptsJwksUrl('http://127.0.0.1:8080/jwks', true)).toBe(true);
    expect(acceptsJwksUrl('http://localhost:8080/jwks', true)).toBe(true);
    expect(acceptsJwksUrl('http://127.0.0.1/jwks', true)).toBe(false);
    expect(acceptsJwksUrl('http://127.0.0.1.nip.io:8080/jwks', true)).toBe(false);
  });

  it('refuses URLs with credentials and things that are not URLs', () => {
    expect(acceptsJwksUrl('https://user:secret@idp.example/jwks', false)).toBe(false);
    expect(acceptsJwksUrl('not a url', true)).toBe(false);
  });
});
