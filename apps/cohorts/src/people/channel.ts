import { registerEnumType } from '@nestjs/graphql';

/** Where a person's deliveries go besides the app. */
export enum Channel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  /** Through the organization's webhook bridge to chat or SMS, addressed by the person's `webhookBridgeId`. */
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(Channel, { name: 'Channel' });

const CHANNEL_ORDER = [Channel.IN_APP, Channel.EMAIL, Channel.WEBHOOK];

/**
 * The channels to store: in-app is always one of them (docs/ARCHITECTURE.md#scheduling), each channel once,
 * in a fixed order.
 */
export function deliveryChannels(requested: readonly Channel[] | null | undefined): Channel[] {
  return CHANNEL_ORDER.filter((channel) => channel === Channel.IN_APP || (requested ?? []).includes(channel));
}
