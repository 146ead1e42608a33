import { Connection } from '@tend/graphql';
import { Delivery } from './delivery.entity';

export const DeliveryConnection = Connection(Delivery);
