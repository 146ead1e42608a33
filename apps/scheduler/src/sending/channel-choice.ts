import type { DeliveryChannelName } from '@tend/events';
import { DeliveryChannel } from '../deliveries/delivery.entity';

/** Email when the person asked for it and it is set up; else the organization's webhook; always in-app too. */
export function channelFor(
  emailEnabled: boolean,
  channels: DeliveryChannelName[],
  hasWebhook: boolean,
): DeliveryChannel {
  if (emailEnabled && channels.includes('EMAIL')) return DeliveryChannel.EMAIL;
  return hasWebhook ? DeliveryChannel.WEBHOOK : DeliveryChannel.IN_APP;
}
