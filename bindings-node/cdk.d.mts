// Typings of cdk.mjs, the ES module entry of `orgkit/cdk`: the names of the CommonJS module
// (cdk.d.ts) as named exports, and the whole module as the default export.
import * as cdk from './cdk.js'

export * from './cdk.js'
export default cdk
