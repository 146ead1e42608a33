import { Controller, HttpCode, Post } from '@nestjs/common';
import { DeliveryPlanner } from './delivery-planner';
import { runAcrossTenants } from '@tend/database';

/**
 * Runs one planner pass on request, for tests and demos that move the clock.
 * Mounted only when CLOCK_ADJUSTABLE is set, behind the gateway signature
 * like every route.
 */
@Controller('internal/planner')
export class PlannerController {
  constructor(private readonly planner: DeliveryPlanner) {}

  @Post('run')
  @HttpCode(200)
  async run(): Promise<{ planned: number }> {
    const { planned } = await runAcrossTenants('deliveries.plan', () => this.planner.runPass());
    return { planned };
  }
}
