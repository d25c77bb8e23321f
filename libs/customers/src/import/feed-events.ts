/** Emitted after the nightly job imported at least one feed; segments refresh on it. */
export const FEEDS_IMPORTED = 'customers.feeds-imported';

export class FeedsImportedEvent {
  readonly name = FEEDS_IMPORTED;
  constructor(
    readonly runIds: string[],
    readonly at: Date,
  ) {}
}
