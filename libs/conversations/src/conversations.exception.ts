import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum ConversationsErrorCode {
  /** No such attempt in that campaign. */
  AttemptNotFound = 'attempt_not_found',
  /** The attempt exists but no AI call was held on it (not answered, not an AI call, or still planned). */
  ConversationNotFound = 'conversation_not_found',
}

const KINDS: Record<ConversationsErrorCode, ErrorKind> = {
  [ConversationsErrorCode.AttemptNotFound]: ErrorKind.NotFound,
  [ConversationsErrorCode.ConversationNotFound]: ErrorKind.NotFound,
};

export class ConversationsException extends AppException {
  constructor(code: ConversationsErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }
}
