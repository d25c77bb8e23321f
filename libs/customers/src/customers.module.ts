import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { Customer } from './customers/customer.entity';
import { CustomersController } from './customers/customers.controller';
import { CustomersService } from './customers/customers.service';
import { DemoDataLoader } from './demo/demo-data.loader';
import { CustomerImportUseCase } from './import/customer-import.use-case';
import { ImportRejection, ImportRun } from './import/import-run.entity';
import { ImportRunsService } from './import/import-runs.service';
import { ImportsController } from './import/imports.controller';
import { NightlyImportJob } from './import/nightly-import.job';
import { ContactEvent } from './timeline/contact-event.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Customer, ContactEvent, ImportRun, ImportRejection]),
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ dest: join(tmpdir(), 'contact-center-uploads'), limits: { fileSize: config.IMPORT_MAX_UPLOAD_MB * 1024 * 1024, files: 1 } }),
    }),
  ],
  controllers: [ImportsController, CustomersController],
  providers: [CustomersService, CustomerImportUseCase, ImportRunsService, NightlyImportJob, DemoDataLoader],
  exports: [CustomersService, CustomerImportUseCase, ImportRunsService, NightlyImportJob, DemoDataLoader],
})
export class CustomersModule {}
