/// <reference types="multer" />
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsOptional, IsString } from 'class-validator';
import { CurrentUser, PageQuery, Roles, type Principal } from '@app/core';
import { CustomersErrorCode, CustomersException } from '../customers.exception';
import { CustomerImportUseCase } from './customer-import.use-case';
import { fileSource } from './feed-reader';
import { ImportRunsService } from './import-runs.service';

export class ImportQuery {
  @IsOptional() @IsString()
  asOf?: string;
}

const CSV_BODY_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'application/vnd.ms-excel'];

@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager')
@Controller()
export class ImportsController {
  constructor(
    private readonly importer: CustomerImportUseCase,
    private readonly runs: ImportRunsService,
  ) {}

  @Post('customers/import')
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'asOf', required: false, description: 'feed date YYYY-MM-DD (default: today)' })
  @UseInterceptors(FileInterceptor('file'))
  async import(@UploadedFile() file: Express.Multer.File | undefined, @Req() req: Request, @Query() query: ImportQuery, @CurrentUser() user: Principal) {
    if (file) {
      try {
        return await this.importer.execute({ source: fileSource(file.path), fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'), origin: 'upload', asOf: query.asOf, createdBy: user.username });
      } finally {
        await unlink(file.path).catch(() => undefined);
      }
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_BODY_TYPES.includes(type)) {
      throw new CustomersException(CustomersErrorCode.FeedMissing, 'send the feed as multipart/form-data with the field "file", or as a text/csv body', 'file');
    }
    const name = typeof req.headers['x-file-name'] === 'string' ? decodeURIComponent(req.headers['x-file-name']) : 'upload.csv';
    return this.importer.execute({ source: req as Readable, fileName: name, origin: 'upload', asOf: query.asOf, createdBy: user.username });
  }

  @Get('imports')
  list(@Query() page: PageQuery) {
    return this.runs.list(page);
  }

  @Get('imports/:id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.get(id);
  }

  @Get('imports/:id/rejections.csv')
  async rejections(@Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response) {
    const lines = this.runs.rejectionsCsv(id);
    const first = await lines.next(); // throws 404 before any header is sent
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="rejections-${id}.csv"`);
    res.write(first.value ?? '');
    for await (const chunk of lines) res.write(chunk);
    res.end();
  }
}
