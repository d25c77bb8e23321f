import { type Disposition, DISPOSITION_ZH } from '@app/contracts';

/** A disposition as the timeline and the desk's messages say it (the console's own labels match). */
export function dispositionLabel(d: Disposition): string {
  return DISPOSITION_ZH[d] ?? d;
}
