import { BadRequestException, Body, Controller, DynamicModule, Get, Module, Put } from '@nestjs/common';
import { AdjustableClock, Clock, SystemClock } from './clock';

@Controller('internal/clock')
class ClockController {
  constructor(private readonly clock: Clock) {}

  @Get()
  read(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Put()
  set(@Body() body: { now?: unknown }): { now: string } {
    const instant = typeof body?.now === 'string' ? new Date(body.now) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) {
      throw new BadRequestException('send {"now": "<ISO 8601 instant>"}');
    }
    (this.clock as AdjustableClock).setNow(instant);
    return { now: this.clock.now().toISOString() };
  }
}

/**
 * Provides the `Clock`. The adjustable one, and its endpoint, exist only when
 * the service is configured for tests or demos; the endpoint sits behind the
 * same gateway signature as every other route.
 */
@Module({})
export class ClockModule {
  static forRoot(adjustable: boolean): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      controllers: adjustable ? [ClockController] : [],
      providers: [{ provide: Clock, useValue: adjustable ? new AdjustableClock() : new SystemClock() }],
      exports: [Clock],
    };
  }
}
