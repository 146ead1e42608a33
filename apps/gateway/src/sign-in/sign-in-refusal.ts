import type { FastifyReply } from 'fastify';

/** A refusal of a sign-in route, shaped as a GraphQL error is, so clients read one kind of error. */
export interface SignInRefusal {
  status: number;
  code: 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'NOT_FOUND';
  message: string;
  field?: string;
}

export async function refuse(reply: FastifyReply, refusal: SignInRefusal): Promise<void> {
  const extensions = refusal.field ? { code: refusal.code, field: refusal.field } : { code: refusal.code };
  await reply.code(refusal.status).send({ errors: [{ message: refusal.message, extensions }] });
}
