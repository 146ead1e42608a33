import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, Roles, Scopes } from '@tend/graphql';
import { RegisterWebhookEndpointInput } from './dto/register-webhook-endpoint.input';
import { WebhookEndpoint, WebhookEndpointSecret } from './webhook-endpoint.entity';
import { WebhookEndpointService } from './webhook-endpoint.service';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  @Query(() => WebhookEndpoint, { nullable: true, description: "The organization's webhook endpoint, if any" })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  webhookEndpoint(@CurrentPrincipal() principal: Caller): Promise<WebhookEndpoint | null> {
    return this.endpoints.current(principal.organizationId);
  }

  @Mutation(() => WebhookEndpointSecret, {
    description: "Sends the organization's deliveries to this URL, signed per Standard Webhooks, from now on",
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  registerWebhookEndpoint(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: RegisterWebhookEndpointInput,
  ): Promise<WebhookEndpointSecret> {
    return this.endpoints.register(principal.organizationId, input);
  }
}
