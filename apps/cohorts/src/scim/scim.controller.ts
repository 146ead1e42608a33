import { All, Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { selectAttributes } from './scim-attributes';
import { ScimError, ScimErrors } from './scim-error';
import { ScimGroupsService } from './scim-groups.service';
import { listResponse, ScimListQuery, ScimResources } from './scim-paging';
import { resourceTypes, schemaDefinitions, SCIM_BASE_PATH, serviceProviderConfig } from './scim-schemas';
import { ScimUsersService } from './scim-users.service';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

type Answer = { status: number; body?: unknown; location?: string };

/**
 * SCIM 2.0 (RFC 7644) for identity providers, reached only through the gateway's /scim/v2, which
 * checks the organization's SCIM token and signs it as a `scim-token` principal. Bodies arrive as
 * text, so that JSON which does not parse is a SCIM error (invalidSyntax) like every other refusal.
 */
@Controller(SCIM_BASE_PATH.slice(1))
export class ScimController {
  private readonly resources: Readonly<Record<string, ScimResources>>;

  constructor(users: ScimUsersService, groups: ScimGroupsService) {
    this.resources = { Users: users, Groups: groups };
  }

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return answer(request, reply, async () => ({ status: 200, body: serviceProviderConfig() }));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return answer(request, reply, async () => ({ status: 200, body: listOf(resourceTypes()) }));
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return answer(request, reply, async () => ({ status: 200, body: found(resourceTypes(), id, 'ResourceType') }));
  }

  @Get('Schemas')
  schemas(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return answer(request, reply, async () => ({ status: 200, body: listOf(schemaDefinitions()) }));
  }

  @Get('Schemas/:id')
  schema(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return answer(request, reply, async () => ({ status: 200, body: found(schemaDefinitions(), id, 'Schema') }));
  }

  @Get(':resource')
  list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Query() query: ScimListQuery,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.endpoint(resource).list(organizationId, query),
    }));
  }

  @Post(':resource')
  create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => {
      const created = await this.endpoint(resource).create(organizationId, parsed(body));
      return { status: 201, body: created, location: created.meta.location };
    });
  }

  @Get(':resource/:id')
  get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Query() query: ScimListQuery,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: selectAttributes(
        (await this.endpoint(resource).get(organizationId, id, query)) as Record<string, unknown>,
        query,
      ),
    }));
  }

  @Put(':resource/:id')
  replace(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.endpoint(resource).replace(organizationId, id, parsed(body)),
    }));
  }

  @Patch(':resource/:id')
  patch(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.endpoint(resource).patch(organizationId, id, parsed(body)),
    }));
  }

  @Delete(':resource/:id')
  delete(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('resource') resource: string,
    @Param('id') id: string,
  ) {
    return answer(request, reply, async (organizationId) => {
      await this.endpoint(resource).delete(organizationId, id);
      return { status: 204 };
    });
  }

  /** Anything else under /scim/v2 (Bulk, /Me, a method an endpoint does not take) is answered in SCIM's terms. */
  @All('*')
  unknown(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return answer(request, reply, async () => {
      throw notAnEndpoint(request.url);
    });
  }

  private endpoint(resource: string): ScimResources {
    const endpoint = this.resources[resource];
    if (!endpoint) throw notAnEndpoint(`${SCIM_BASE_PATH}/${resource}`);
    return endpoint;
  }
}

function notAnEndpoint(url: string): ScimError {
  return new ScimError(404, `${url.split('?')[0]} is not a SCIM endpoint of Tend`);
}

async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (organizationId: string) => Promise<Answer>,
): Promise<void> {
  let result: Answer;
  const principal = request.principal;
  try {
    if (principal?.kind !== 'scim-token') throw new ScimError(401, 'Send an organization SCIM token');
    result = await work(principal.organizationId);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    result = { status: error.status, body: error.body() };
  }
  reply.code(result.status).header('content-type', SCIM_CONTENT_TYPE);
  if (result.location) reply.header('location', result.location);
  await reply.send(result.body === undefined ? undefined : JSON.stringify(result.body));
}

/** The gateway forwards bodies as text (see the class comment). */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    throw ScimErrors.invalidSyntax('The body is not JSON');
  }
}

function listOf(resources: Record<string, unknown>[]) {
  return listResponse({ startIndex: 1, count: resources.length }, resources.length, resources);
}

function found(resources: Record<string, unknown>[], id: string, what: string): Record<string, unknown> {
  const resource = resources.find((candidate) => candidate.id === id);
  if (!resource) throw ScimErrors.notFound(what, id);
  return resource;
}
