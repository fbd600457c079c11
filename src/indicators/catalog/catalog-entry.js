/** Shorthand for a parameter spec. */
export function param(name, defaultValue, description, integer = true) {
  return { name, default: defaultValue, integer, description };
}
//# sourceMappingURL=catalog-entry.js.map
