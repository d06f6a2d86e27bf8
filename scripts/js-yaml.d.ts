// Minimal types for js-yaml 4 (installed with electron-builder; @types/js-yaml is not installed).
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string; json?: boolean }): unknown;
}
