// Typings of orgkit.mjs, the ES module entry point: the same names as the CommonJS entry
// (orgkit.d.ts), as named exports, and the whole module as the default export.
import * as orgkit from './orgkit.js'

export * from './orgkit.js'
export default orgkit
