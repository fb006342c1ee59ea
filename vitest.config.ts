import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One mock (Prism's library in the mock's server, in the vitest process) for the whole run; tests get its URL with inject("mockUrl").
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Type tests (*.test-d.ts): tsc checks them, and every `@ts-expect-error` must meet an error.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});
