import { Connection } from '@tend/graphql';
import { WebhookDelivery } from './webhook-subscription.entity';

export const WebhookDeliveryConnection = Connection(WebhookDelivery);
