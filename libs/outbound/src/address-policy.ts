import { lookup as systemLookup, LookupAddress } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where Tend may send requests on someone's say-so (an identity provider's keys,
 * later webhooks): public unicast addresses only. Loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast,
 * reserved ranges and IPv6 forms that embed an IPv4 address are refused;
 * loopback only where a deployment allows it explicitly (tests, demos).
 */
export interface OutboundPolicy {
  allowLoopback: boolean;
}

export class RefusedDestination extends Error {
  override readonly name = 'RefusedDestination';
  readonly code = 'ENOTALLOWED';
}

export function isAllowedAddress(address: string, policy: OutboundPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' || (policy.allowLoopback && range === 'loopback');
}

/** Every address a host name resolves to must be allowed: one private answer spoils the name. */
export async function assertAllowedHost(host: string, policy: OutboundPolicy): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await resolveAll(bare)).map((entry) => entry.address);
  if (addresses.length === 0 || !addresses.every((address) => isAllowedAddress(address, policy))) {
    throw new RefusedDestination(`${host} is not a public address`);
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    systemLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * A DNS lookup for HTTP agents that checks the addresses a connection is about
 * to use, after resolution: a name that resolved to a public address when it
 * was registered and to a private one now (DNS rebinding) is still refused.
 */
export function policedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    systemLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => !isAllowedAddress(entry.address, policy));
      if (refused || addresses.length === 0) {
        return callback(new RefusedDestination(`${hostname} resolves to a refused address`), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** An agent for `url` that connects only where the policy allows; IP literals skip DNS, so they are checked here. */
export function policedAgent(url: string, policy: OutboundPolicy): HttpAgent | HttpsAgent {
  const { protocol, hostname } = new URL(url);
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) && !isAllowedAddress(bare, policy))
    throw new RefusedDestination(`${hostname} is not a public address`);
  const lookup = policedLookup(policy);
  return protocol === 'https:' ? new HttpsAgent({ lookup }) : new HttpAgent({ lookup });
}
