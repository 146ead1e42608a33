import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { default_w } from 'ts-fsrs';
import { DataSource } from 'typeorm';
import { SchedulerSettings } from '../reviews/scheduler-settings.entity';
import { MemoryModel } from './memory-model';
import { MemoryModelFit } from './memory-model-fit.entity';

@Injectable()
export class MemoryModelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The model of the organization whose settings these are: its parameters, the fit they came from, the latest attempt. */
  async of(settings: SchedulerSettings): Promise<MemoryModel> {
    const fits = this.dataSource.getRepository(MemoryModelFit);
    const [fittedBy, lastAttempt] = await Promise.all([
      settings.memoryModelFitId
        ? fits.findOneBy({ organizationId: settings.organizationId, id: settings.memoryModelFitId })
        : null,
      fits.findOne({ where: { organizationId: settings.organizationId }, order: { attemptedAt: 'DESC' } }),
    ]);
    return { parameters: settings.memoryParameters ?? [...default_w], fittedBy, lastAttempt };
  }
}
