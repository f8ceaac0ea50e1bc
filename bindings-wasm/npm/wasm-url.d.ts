// The type of `import wasmUrl from 'orgkit-wasm/form.wasm'` (or `/emulator.wasm`) in a bundle
// whose bundler gives a .wasm file's URL for its import (esbuild: `--loader:.wasm=file`;
// `new URL(wasmUrl, import.meta.url)` makes it absolute for `init`).
declare const wasmUrl: string
export default wasmUrl
