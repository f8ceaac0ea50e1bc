// Typings of sdk.mjs, the ES module entry of `orgkit/sdk`: the names of the CommonJS module
// (sdk.d.ts) as named exports, and the whole module as the default export.
import * as sdk from './sdk.js'

export * from './sdk.js'
export default sdk
