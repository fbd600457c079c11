/**
 * A stored journal record that cannot be read back: unparsable payload, unknown kind, a value
 * tag this build does not know, or a missing field. Corrupt data fails fast (ARCHITECTURE.md),
 * and the error names the sequence number so the operator can find the row.
 */
export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';

  constructor(
    /** Sequence number of the bad record. */
    readonly seq: number,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(`journal record seq ${seq}: ${problem}`);
  }
}
