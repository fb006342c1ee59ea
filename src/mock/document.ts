import { fileURLToPath } from 'node:url';

/**
 * The combined bundle of all the operations. The same relative path works from `src/mock/`
 * (repository, tsx, vitest) and from `dist/mock/` (the published package, which ships
 * `generated/openapi.json`).
 */
export const DEFAULT_DOCUMENT = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));
