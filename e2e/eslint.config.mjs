// ESLint for the page's modules, the workers and the browser tests (run by the first stage
// of `cargo xtask test` from the repository root: `eslint -c e2e/eslint.config.mjs`).
// Small on purpose: the recommended rules catch real mistakes (undefined names, unused
// variables, unreachable code); style is left to review.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['www/vendor/**', 'dist/**', 'target/**', 'e2e/node_modules/**', 'e2e/test-results/**', 'fuzz/**'] },
  js.configs.recommended,
  {
    files: ['www/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }] },
  },
  {
    // Classic worker scripts: run after the wasm-bindgen glue or pdf.js in one scope.
    files: ['www/worker.js', 'www/pdf-worker.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.worker } },
  },
  {
    files: ['e2e/**/*.mjs', 'www/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }] },
  },
];
