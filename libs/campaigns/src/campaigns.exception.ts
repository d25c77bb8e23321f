import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum CampaignsErrorCode {
  InvalidCampaign = 'invalid_campaign',
  InvalidInput = 'invalid_input',
  InvalidPolicy = 'invalid_contact_policy',
  CampaignNotFound = 'campaign_not_found',
  CustomerNotFound = 'customer_not_found',
  EntryNotFound = 'do_not_contact_not_found',
  CalendarEntryNotFound = 'calendar_entry_not_found',
  DuplicateName = 'campaign_duplicate_name',
  IllegalTransition = 'campaign_illegal_transition',
  NotEditable = 'campaign_not_editable',
}

const KINDS: Record<CampaignsErrorCode, ErrorKind> = {
  [CampaignsErrorCode.InvalidCampaign]: ErrorKind.BadInput,
  [CampaignsErrorCode.InvalidInput]: ErrorKind.BadInput,
  [CampaignsErrorCode.InvalidPolicy]: ErrorKind.BadInput,
  [CampaignsErrorCode.CampaignNotFound]: ErrorKind.NotFound,
  [CampaignsErrorCode.CustomerNotFound]: ErrorKind.BadInput,
  [CampaignsErrorCode.EntryNotFound]: ErrorKind.NotFound,
  [CampaignsErrorCode.CalendarEntryNotFound]: ErrorKind.NotFound,
  [CampaignsErrorCode.DuplicateName]: ErrorKind.Conflict,
  [CampaignsErrorCode.IllegalTransition]: ErrorKind.Conflict,
  [CampaignsErrorCode.NotEditable]: ErrorKind.Conflict,
};

export class CampaignsException extends AppException {
  constructor(code: CampaignsErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }

  static invalid(code: CampaignsErrorCode.InvalidCampaign | CampaignsErrorCode.InvalidPolicy | CampaignsErrorCode.InvalidInput, fields: FieldError[]): CampaignsException {
    return new CampaignsException(code, fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }

  static notFound(code: CampaignsErrorCode, what: string): CampaignsException {
    return new CampaignsException(code, `${what} not found`);
  }
}
