import { Channel, deliveryChannels } from './channel';

describe('deliveryChannels', () => {
  it('is in-app alone by default', () => {
    expect(deliveryChannels(undefined)).toEqual([Channel.IN_APP]);
    expect(deliveryChannels(null)).toEqual([Channel.IN_APP]);
    expect(deliveryChannels([])).toEqual([Channel.IN_APP]);
  });

  it('always keeps in-app, once, first', () => {
    expect(deliveryChannels([Channel.EMAIL])).toEqual([Channel.IN_APP, Channel.EMAIL]);
    expect(deliveryChannels([Channel.EMAIL, Channel.IN_APP, Channel.EMAIL])).toEqual([Channel.IN_APP, Channel.EMAIL]);
  });
});
