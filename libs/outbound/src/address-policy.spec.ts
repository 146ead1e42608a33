import { createServer, get, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { assertAllowedHost, isAllowedAddress, policedAgent, RefusedDestination } from './address-policy';

const STRICT = { allowLoopback: false };
const DEVELOPMENT = { allowLoopback: true };

describe('where Tend may send requests', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fc00::1', 'IPv6 unique-local'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['2002:a00:1::', '6to4 wrapping 10.0.0.1'],
    ['64:ff9b::a00:1', 'NAT64 wrapping 10.0.0.1'],
    ['not-an-address', 'garbage'],
  ])('refuses %s (%s)', (address) => {
    expect(isAllowedAddress(address, STRICT)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '203.0.114.7', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows public %s',
    (address) => {
      expect(isAllowedAddress(address, STRICT)).toBe(true);
    },
  );

  it('allows loopback only where the deployment says so, and never private ranges', () => {
    expect(isAllowedAddress('127.0.0.1', DEVELOPMENT)).toBe(true);
    expect(isAllowedAddress('::1', DEVELOPMENT)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', DEVELOPMENT)).toBe(false);
    expect(isAllowedAddress('169.254.169.254', DEVELOPMENT)).toBe(false);
  });

  it('checks what a host name resolves to', async () => {
    await expect(assertAllowedHost('localhost', STRICT)).rejects.toBeInstanceOf(RefusedDestination);
    await expect(assertAllowedHost('localhost', DEVELOPMENT)).resolves.toBeUndefined();
    await expect(assertAllowedHost('[::1]', STRICT)).rejects.toBeInstanceOf(RefusedDestination);
    await expect(assertAllowedHost('169.254.169.254', DEVELOPMENT)).rejects.toBeInstanceOf(RefusedDestination);
  });

  describe('when a request is sent', () => {
    let server: Server;
    let port: number;
    let served = 0;

    beforeAll(async () => {
      server = createServer((_, response) => {
        served += 1;
        response.end('{"keys":[]}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const fetchWith = (url: string, allowLoopback: boolean) =>
      new Promise<number>((resolve, reject) => {
        get(url, { agent: policedAgent(url, { allowLoopback }) }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject);
      });

    it('refuses a name that resolves to a refused address, after resolution, before connecting', async () => {
      await expect(fetchWith(`http://localhost:${port}/jwks`, false)).rejects.toMatchObject({ code: 'ENOTALLOWED' });
      expect(served).toBe(0);
    });

    it('refuses an address literal before connecting', () => {
      expect(() => policedAgent(`http://127.0.0.1:${port}/jwks`, STRICT)).toThrow(RefusedDestination);
      expect(() => policedAgent('https://169.254.169.254/latest/meta-data', DEVELOPMENT)).toThrow(RefusedDestination);
      expect(served).toBe(0);
    });

    it('connects where the policy allows', async () => {
      expect(await fetchWith(`http://localhost:${port}/jwks`, true)).toBe(200);
      expect(served).toBe(1);
    });
  });
});
