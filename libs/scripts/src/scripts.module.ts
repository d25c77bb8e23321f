import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Customer, CustomersModule } from '@app/customers';
import { ScriptPreviewService } from './preview/script-preview.service';
import { Script, ScriptVersion } from './scripts/script.entity';
import { ScriptsDemoLoader } from './scripts/scripts-demo.loader';
import { ScriptsController } from './scripts/scripts.controller';
import { ScriptsService } from './scripts/scripts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Script, ScriptVersion, Customer]), CustomersModule],
  controllers: [ScriptsController],
  providers: [ScriptsService, ScriptPreviewService, ScriptsDemoLoader],
  exports: [ScriptsService, ScriptPreviewService],
})
export class ScriptsModule {}
