import { AppException, ErrorKind } from '@app/core';

export enum CustomersErrorCode {
  FeedEmpty = 'feed_empty',
  FeedBinary = 'feed_binary',
  FeedEncoding = 'feed_encoding',
  FeedNoHeader = 'feed_no_header',
  FeedMissingColumns = 'feed_missing_columns',
  FeedDuplicateColumns = 'feed_duplicate_columns',
  FeedSyntax = 'feed_syntax',
  FeedMissing = 'feed_missing',
  BadAsOf = 'bad_as_of',
  CustomerNotFound = 'customer_not_found',
  ImportNotFound = 'import_not_found',
  ContactRevealNotAllowed = 'contact_reveal_not_allowed',
}

const KINDS: Record<CustomersErrorCode, ErrorKind> = {
  [CustomersErrorCode.FeedEmpty]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedBinary]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedEncoding]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedNoHeader]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedMissingColumns]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedDuplicateColumns]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedSyntax]: ErrorKind.BadInput,
  [CustomersErrorCode.FeedMissing]: ErrorKind.BadInput,
  [CustomersErrorCode.BadAsOf]: ErrorKind.BadInput,
  [CustomersErrorCode.CustomerNotFound]: ErrorKind.NotFound,
  [CustomersErrorCode.ImportNotFound]: ErrorKind.NotFound,
  [CustomersErrorCode.ContactRevealNotAllowed]: ErrorKind.Forbidden,
};

export class CustomersException extends AppException {
  constructor(code: CustomersErrorCode, message: string, field?: string) {
    super(KINDS[code], code, message, field ? [{ field, message }] : []);
  }
}
