'use strict'
// Where the `orgkit` package looks for its V8 fast calls (bindings-node/fastcall), and how it
// loads them. The file is built for one V8 version and Node.js ABI (one Node.js major) and one
// platform, so its name says which; orgkit.js goes on without it when none fits.

/**
 * The fast calls' file name for a platform and CPU (`process.platform`, `process.arch` names) and
 * the running Node.js's V8 and ABI: `orgkit-fastcall.v8-<major.minor>.abi<ABI>.<platform>-<arch>.node`.
 * packaging/dist.py asks it for each platform package.
 */
function fastCallsFileName(platform = process.platform, arch = process.arch) {
  const v8Version = String(process.versions.v8 ?? '').split('.').slice(0, 2).join('.')
  return `orgkit-fastcall.v8-${v8Version}.abi${process.versions.modules}.${platform}-${arch}.node`
}

/** The fast calls' file name on this machine. */
const FAST_CALLS_FILE = fastCallsFileName()

/** The addon's per-platform packages (napi-rs's names) that may hold the file. */
const PLATFORM_PACKAGES = ['-gnu', '-musl', '-msvc', ''].map(
  (libc) => `orgkit-${process.platform}-${process.arch}${libc}`,
)

/**
 * The fast-call module to go with the addon `native`, or undefined: none fits this Node.js,
 * `ORGKIT_FAST_CALLS=0` is set, the addon is not the native one (napi-rs's loader stamps
 * `__napiBindingTarget`; under the WebAssembly fallback no native code loads), or the runtime
 * only presents itself as Node.js (Bun and Deno load Node addons with their own, partial, V8
 * API). Looked for next to this file (a local build), then in the platform packages.
 */
function loadFastCalls(native) {
  if (process.env.ORGKIT_FAST_CALLS === '0' || native?.__napiBindingTarget !== 'native' ||
      process.versions.bun !== undefined || process.versions.deno !== undefined) {
    return undefined
  }
  for (const where of [`./${FAST_CALLS_FILE}`, ...PLATFORM_PACKAGES.map((name) => `${name}/${FAST_CALLS_FILE}`)]) {
    try {
      return require(where)
    } catch {
      // Not there, or not loadable here: the next place, else none.
    }
  }
  return undefined
}

module.exports = { FAST_CALLS_FILE, fastCallsFileName, loadFastCalls }
