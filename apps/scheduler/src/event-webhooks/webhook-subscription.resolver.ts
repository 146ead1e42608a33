import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, PageArgs, Roles, Scopes } from '@tend/graphql';
import {
  CreateWebhookSubscriptionInput,
  ReplayWebhookEventsInput,
  UpdateWebhookSubscriptionInput,
  WebhookSubscriptionIdInput,
} from './dto/webhook-subscription.inputs';
import { WebhookDeliveryConnection } from './webhook-subscription.connection';
import {
  WebhookDelivery,
  WebhookReplay,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './webhook-subscription.entity';
import { WebhookSubscriptionService } from './webhook-subscription.service';

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @Query(() => [WebhookSubscription], { description: "The organization's event webhook subscriptions (at most 20)" })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  webhookSubscriptions(@CurrentPrincipal() principal: Caller): Promise<WebhookSubscription[]> {
    return this.subscriptions.list(principal.organizationId);
  }

  @Query(() => WebhookDeliveryConnection, { description: "A subscription's delivery attempts, newest first" })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  webhookDeliveries(
    @CurrentPrincipal() principal: Caller,
    @Args('subscriptionId', { type: () => ID }) subscriptionId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    return this.subscriptions.deliveries(principal.organizationId, subscriptionId, page);
  }

  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'Subscribes an https endpoint to event types, signed per Standard Webhooks; the secret is shown once',
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  createWebhookSubscription(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: CreateWebhookSubscriptionInput,
  ): Promise<WebhookSubscriptionWithSecret> {
    return this.subscriptions.create(principal.organizationId, input);
  }

  @Mutation(() => WebhookSubscription, { description: 'Changes the URL or the event types, or enables it again' })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  updateWebhookSubscription(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: UpdateWebhookSubscriptionInput,
  ): Promise<WebhookSubscription> {
    return this.subscriptions.update(principal.organizationId, input);
  }

  @Mutation(() => ID, { description: 'Deletes the subscription with its messages and attempts; returns its id' })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  deleteWebhookSubscription(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: WebhookSubscriptionIdInput,
  ): Promise<string> {
    return this.subscriptions.delete(principal.organizationId, input.id);
  }

  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'A new signing secret, shown once; the old one keeps signing beside it for 24 hours',
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  rotateWebhookSecret(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: WebhookSubscriptionIdInput,
  ): Promise<WebhookSubscriptionWithSecret> {
    return this.subscriptions.rotate(principal.organizationId, input.id);
  }

  @Mutation(() => WebhookReplay, {
    description: 'Sends events to the subscription again, by id or since an instant, each with its original webhook-id',
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  replayWebhookEvents(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: ReplayWebhookEventsInput,
  ): Promise<WebhookReplay> {
    return this.subscriptions.replay(principal.organizationId, input);
  }
}
