/** Why a string is not a valid identifier of some kind. */
export interface IdentifierError {
  readonly kind: string;
  readonly input: string;
  readonly reason: string;
}
