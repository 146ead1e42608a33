import { All, Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ScimError, ScimErrors } from './scim-error';
import { ScimGroupsService } from './scim-groups.service';
import { ScimListQuery } from './scim-paging';
import { selectAttributes } from './scim-attributes';
import { listResponse } from './scim-paging';
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
  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
  ) {}

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

  @Get('Users')
  listUsers(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: ScimListQuery) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.users.list(organizationId, query),
    }));
  }

  @Post('Users')
  createUser(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    return answer(request, reply, async (organizationId) => {
      const user = await this.users.create(organizationId, parsed(body));
      return { status: 201, body: user, location: user.meta.location };
    });
  }

  @Get('Users/:id')
  getUser(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: ScimListQuery,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: selected(await this.users.get(organizationId, id), query),
    }));
  }

  @Put('Users/:id')
  replaceUser(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.users.replace(organizationId, id, parsed(body)),
    }));
  }

  @Patch('Users/:id')
  patchUser(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.users.patch(organizationId, id, parsed(body)),
    }));
  }

  @Delete('Users/:id')
  deleteUser(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return answer(request, reply, async (organizationId) => {
      await this.users.deactivate(organizationId, id);
      return { status: 204 };
    });
  }

  @Get('Groups')
  listGroups(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: ScimListQuery) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.groups.list(organizationId, query),
    }));
  }

  @Post('Groups')
  createGroup(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    return answer(request, reply, async (organizationId) => {
      const group = await this.groups.create(organizationId, parsed(body));
      return { status: 201, body: group, location: group.meta.location };
    });
  }

  @Get('Groups/:id')
  getGroup(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: ScimListQuery,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.groups.get(organizationId, id, query),
    }));
  }

  @Put('Groups/:id')
  replaceGroup(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.groups.replace(organizationId, id, parsed(body)),
    }));
  }

  @Patch('Groups/:id')
  patchGroup(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return answer(request, reply, async (organizationId) => ({
      status: 200,
      body: await this.groups.patch(organizationId, id, parsed(body)),
    }));
  }

  @Delete('Groups/:id')
  deleteGroup(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return answer(request, reply, async (organizationId) => {
      await this.groups.delete(organizationId, id);
      return { status: 204 };
    });
  }

  /** Anything else under /scim/v2 (Bulk, /Me, a method an endpoint does not take) is answered in SCIM's terms. */
  @All('*')
  unknown(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return answer(request, reply, async () => {
      throw new ScimError(404, `${request.method} ${request.url.split('?')[0]} is not a SCIM endpoint of Tend`);
    });
  }
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

function selected<T extends object>(resource: T, query: ScimListQuery): Record<string, unknown> {
  return selectAttributes(resource as Record<string, unknown>, query);
}

function listOf(resources: Record<string, unknown>[]) {
  return listResponse({ startIndex: 1, count: resources.length }, resources.length, resources);
}

function found(resources: Record<string, unknown>[], id: string, what: string): Record<string, unknown> {
  const resource = resources.find((candidate) => candidate.id === id);
  if (!resource) throw ScimErrors.notFound(what, id);
  return resource;
}
