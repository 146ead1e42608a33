import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '@tend/auth';
import { Roles } from '@tend/graphql';
import { SchedulerSettings } from '../reviews/scheduler-settings.entity';
import { MemoryModel } from './memory-model';
import { MemoryModelService } from './memory-model.service';

@Resolver(() => SchedulerSettings)
export class MemoryModelResolver {
  constructor(private readonly memoryModels: MemoryModelService) {}

  @ResolveField(() => MemoryModel, {
    description:
      "The FSRS model reviews are scheduled with: its parameters, the weekly fit they came from (none: FSRS's defaults) and the latest attempt",
  })
  @Roles(Role.ADMIN)
  memoryModel(@Parent() settings: SchedulerSettings): Promise<MemoryModel> {
    return this.memoryModels.of(settings);
  }
}
