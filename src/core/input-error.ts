/** Where in a user's input a problem was found. */
export interface InputLocation {
  readonly file?: string;
  /** 1-based line number. */
  readonly line?: number;
  /** Column or field name. */
  readonly column?: string;
}

/**
 * Bad input from a user: a malformed file, an unknown parameter, an invalid option.
 * The CLI prints its message (which names what and where) and exits non-zero, without
 * a stack trace. Everything else that is thrown is a bug.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly problem: string,
    readonly location: InputLocation = {},
  ) {
    super(formatLocation(location) + problem);
  }
}

function formatLocation({ file, line, column }: InputLocation): string {
  let where = file ?? '';
  if (line !== undefined) where += `${where ? ':' : 'line '}${line}`;
  if (column !== undefined) where += `${where ? ' ' : ''}(${column})`;
  return where ? `${where}: ` : '';
}
