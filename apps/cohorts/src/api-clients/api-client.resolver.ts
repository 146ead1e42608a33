import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, IdArg, PageArgs, Roles } from '@tend/graphql';
import { ApiClientConnection } from './api-client.connection';
import { ApiClient, ApiClientSecret } from './api-client.entity';
import { ApiClientService } from './api-client.service';
import { CreateApiClientInput } from './dto/create-api-client.input';
import { SetApiClientOperationsInput } from './dto/set-api-client-operations.input';

/** Keys are managed by the organization's HR admins in person; no API client can mint or revoke one. */
@Resolver(() => ApiClient)
@Roles(Role.ADMIN)
export class ApiClientResolver {
  constructor(private readonly apiClientService: ApiClientService) {}

  @Mutation(() => ApiClientSecret, { description: 'The key is in this response and nowhere else' })
  createApiClient(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: CreateApiClientInput,
  ): Promise<ApiClientSecret> {
    return this.apiClientService.create(principal.organizationId, principal.personId, input);
  }

  @Mutation(() => ApiClient, { description: 'Its key is refused from the next request on' })
  revokeApiClient(@CurrentPerson() principal: PersonPrincipal, @IdArg('id') id: string): Promise<ApiClient> {
    return this.apiClientService.revoke(principal.organizationId, id);
  }

  @Mutation(() => ApiClient, {
    description: 'Restricts the client to these operations (persisted queries), or lifts it',
  })
  setApiClientOperations(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: SetApiClientOperationsInput,
  ): Promise<ApiClient> {
    return this.apiClientService.setOperations(principal.organizationId, input);
  }

  @Query(() => ApiClientConnection, { description: 'Oldest first, revoked ones included' })
  apiClients(@CurrentPerson() principal: PersonPrincipal, @Args() args: PageArgs): Promise<ConnectionShape<ApiClient>> {
    return this.apiClientService.list(principal.organizationId, args);
  }
}
