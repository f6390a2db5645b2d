/**
 * The strictest compiler options a user's project may set (issue 11), which generated code must compile
 * under: the fresh-project test writes them into its tsconfig.json, the generated-code test compiles
 * generated/** with them.
 */
export const STRICTEST_OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
} as const;
