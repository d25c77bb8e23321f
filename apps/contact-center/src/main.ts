import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import dotenv from 'dotenv';
import { useRedisForSockets } from '@app/agent-desk';
import { AppConfig, ConfigValidationError, loadConfig, PinoLogger } from '@app/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    throw error;
  }
  const logger = new PinoLogger(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bufferLogs: true });
  configureApp(app);
  // several instances: the agent desk's socket.io rooms go through Redis
  await useRedisForSockets(app, config.REDIS_URL);
  app.enableShutdownHooks();
  await app.listen(config.PORT);
  logger.log(`Console: http://localhost:${config.PORT}/   API docs: http://localhost:${config.PORT}/api/docs   database: ${config.databaseKind}`, 'Bootstrap');
}

void bootstrap();
