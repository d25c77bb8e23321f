/** A request the desk refuses: the field at fault (when one is) and why, in the agent's words. */
export class DeskProblem extends Error {
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}
