import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signedWebhookHeaders } from './webhook-signature';

describe('signedWebhookHeaders (Standard Webhooks)', () => {
  it('signs so that the reference implementation verifies the message', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'delivery.lesson', data: { title: 'Ünïcode ✓' } });
    const headers = signedWebhookHeaders(secret, 'msg_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('does not verify a changed body or a signature made with another secret', () => {
    const secret = newWebhookSecret();
    const headers = signedWebhookHeaders(secret, 'msg_2', new Date(), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });

  it('signs with each of two secrets during a rotation, so a receiver holding either verifies', () => {
    const [old, fresh] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedWebhookHeaders([fresh, old], 'msg_3', new Date(), '{"a":1}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(new Webhook(fresh).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });
});
