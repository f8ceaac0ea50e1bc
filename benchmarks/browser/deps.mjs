// The page's dependencies, bundled for the browser by run.cjs (esbuild): ajv, and the Node
// package's generated fast path (a CommonJS module without other imports).
import Ajv from '../../bindings-node/node_modules/ajv/dist/ajv.js'
import fast from '../../bindings-node/fast.generated.js'

export { Ajv, fast }
