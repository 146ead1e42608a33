import { Logger } from '@nestjs/common';
import { formatGatewayError } from './format-gateway-error';

describe('errors at the public endpoint', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('keep the code, message and field a subgraph gave, and nothing about the hop', () => {
    const fromSubgraph = {
      message: 'input.minutes: a lesson takes 1 to 10 minutes',
      path: ['addLesson'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.minutes', serviceName: 'content', httpStatus: 400 },
    };
    expect(formatGatewayError(fromSubgraph)).toEqual({
      message: 'input.minutes: a lesson takes 1 to 10 minutes',
      path: ['addLesson'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'input.minutes' },
    });
  });

  it('keep the problems found in an uploaded file', () => {
    const problems = [{ file: 'track.json', line: 7, path: '$.lessons[1].minutes', message: 'must be <= 10' }];
    const refused = {
      message: 'input.json: the track file has a problem; nothing was imported',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.json', problems, serviceName: 'content' },
    };
    expect(formatGatewayError(refused).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.json', problems });
  });

  it('tell a rate-limited client how long to wait', () => {
    const limited = { message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 42 } };
    expect(formatGatewayError(limited).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 42 });
  });

  it('tell a client to come back when a part of Tend is not answering', () => {
    const unavailable = {
      message: 'Part of Tend is not answering',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
    };
    expect(formatGatewayError(unavailable).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
  });

  it('turn anything unexpected into a generic internal error', () => {
    const leaked = { message: 'connect ECONNREFUSED 127.0.0.1:4003', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } };
    expect(formatGatewayError(leaked)).toEqual({
      message: 'Internal server error',
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
