import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ScriptPreview } from '@app/contracts';
import { AuditService, branchScopeOf, branchWhere, type Principal, WriteGate } from '@app/core';
import { Customer } from '@app/customers';
import { ScriptsErrorCode, ScriptsException } from '../scripts.exception';
import type { PreviewScriptDto } from '../scripts/script.dto';
import { ScriptsService } from '../scripts/scripts.service';
import { renderScript } from '../text/script-render';
import { DEFAULT_CONTEXT_VALUES, scriptContext } from '../text/script-variables';

/**
 * A script rendered for a real customer, as the customer or the agent would see it. Only the
 * masked phone ever reaches a template; the view is still one of the customer's data, so it is
 * audited like one. A customer of another branch than the viewer's is not found.
 */
@Injectable()
export class ScriptPreviewService {
  constructor(
    private readonly scripts: ScriptsService,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly audit: AuditService,
    private readonly writes: WriteGate,
  ) {}

  async preview(scriptId: string, dto: PreviewScriptDto, viewer: Principal): Promise<ScriptPreview> {
    const script = await this.scripts.find(scriptId);
    const found = await this.scripts.findVersion(script.id, dto.version);
    if (!found) throw new ScriptsException(ScriptsErrorCode.VersionNotFound, `script ${scriptId} has no version ${dto.version}`);
    const customer = await this.customers.findOneBy({ id: dto.customerId, ...branchWhere(branchScopeOf(viewer)) });
    if (!customer) throw new ScriptsException(ScriptsErrorCode.CustomerNotFound, `customer ${dto.customerId} not found`, [{ field: 'customerId', message: 'no such customer' }]);
    const context = scriptContext(customer, { agentName: viewer.username, ...DEFAULT_CONTEXT_VALUES });
    const rendered = renderScript(script.kind, found.version.body, context, customer.timeZone);
    // through the gate: see ScriptsService.record
    await this.writes.run(() => this.audit.record({
      actorId: viewer.userId,
      actorName: viewer.username,
      action: 'script.preview',
      targetType: 'customer',
      targetId: String(customer.id),
      detail: { customerNo: customer.customerNo, scriptId: script.id, version: found.version.version, variables: found.version.variables },
    }));
    return { scriptId: script.id, version: found.version.version, customerId: customer.id, ...rendered };
  }
}
