// The guard around the glue wasm-bindgen generates: `wrap.cjs` inlines this file into each
// package's entry point (`pkg/*/orgkit_wasm.js`), which re-exports every export of the glue
// (`orgkit_wasm_glue.js`) through it. Plain script, no imports: it is inlined into both an ES
// module (pkg/web, pkg/web-emulator) and a CommonJS module (pkg/node).
//
// The release build aborts on a panic (wasm32 has no unwinding), so a panic — an orgkit bug —
// is a `WebAssembly.RuntimeError` trap in the middle of a call. A trap skips the epilogues of
// the Rust frames it interrupts, which would leave the shadow stack pointer (the exported
// `__stack_pointer` global) where they had moved it: after enough traps every call would fail.
// So each call notes the pointer on entry and, if the call throws anything, puts it back; a
// trap is then thrown as an `OrgkitInternalError` (code `INTERNAL_ERROR`) with the message the
// panic hook recorded. Objects whose method was interrupted answer with `INTERNAL_ERROR`
// themselves (see `src/emulator.rs`, `src/paginate.rs`).

// eslint-disable-next-line no-unused-vars
function guardOrgkit(glue, instanceExports) {
  'use strict'
  // The wasm instance's exports: known at load time under Node, after `init` in a page.
  let instance = instanceExports

  // What wasm-bindgen throws when `free()` finds the object still borrowed: after a trap
  // interrupted one of its methods, or when `free()` runs inside one (from a getter the method
  // reads). JS has given the object up either way; it is released when the borrow ends (never,
  // after a trap: its memory stays allocated).
  const STILL_BORROWED = 'attempted to take ownership of Rust value while it was borrowed'

  function restore(stackPointer, entry) {
    if (stackPointer !== undefined && stackPointer.value !== entry) stackPointer.value = entry
  }

  /** The message the panic hook recorded, if the trap was a panic. */
  function panicMessage() {
    const stackPointer = instance && instance.__stack_pointer
    const entry = stackPointer === undefined ? undefined : stackPointer.value
    try {
      const message = glue.__orgkitTakePanic()
      return typeof message === 'string' ? message : undefined
    } catch {
      restore(stackPointer, entry)
      return undefined
    }
  }

  function internalError(trap) {
    const message =
      panicMessage() ?? `orgkit failed internally (a bug; please report it): ${trap.message}`
    const error = new Error(message, { cause: trap })
    error.name = 'OrgkitInternalError'
    error.code = 'INTERNAL_ERROR'
    return error
  }

  /** Runs one call into the module, putting the stack pointer back if it throws. */
  function guarded(run) {
    const stackPointer = instance && instance.__stack_pointer
    const entry = stackPointer === undefined ? undefined : stackPointer.value
    try {
      return run()
    } catch (error) {
      restore(stackPointer, entry)
      if (error instanceof WebAssembly.RuntimeError) throw internalError(error)
      throw error
    }
  }

  function named(name, fn) {
    Object.defineProperty(fn, 'name', { value: name })
    return fn
  }

  function guardFunction(name, fn) {
    return named(name, function (...args) {
      return guarded(() => Reflect.apply(fn, this, args))
    })
  }

  function guardFree(name, fn) {
    return named(name, function (...args) {
      try {
        return guarded(() => Reflect.apply(fn, this, args))
      } catch (error) {
        if (error instanceof Error && error.message === STILL_BORROWED) return undefined
        throw error
      }
    })
  }

  /** Guards a class's methods and accessors in place (instances the glue makes share them)
   * and its constructor through a Proxy. */
  function guardClass(name, cls) {
    const prototype = cls.prototype
    for (const key of Reflect.ownKeys(prototype)) {
      if (key === 'constructor') continue
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key)
      const label = typeof key === 'symbol' ? key.description : key
      if (typeof descriptor.value === 'function') {
        const guard = key === 'free' || key === Symbol.dispose ? guardFree : guardFunction
        descriptor.value = guard(label, descriptor.value)
      }
      if (descriptor.get) descriptor.get = guardFunction(label, descriptor.get)
      if (descriptor.set) descriptor.set = guardFunction(label, descriptor.set)
      Object.defineProperty(prototype, key, descriptor)
    }
    return new Proxy(cls, {
      construct(target, args, newTarget) {
        return guarded(() => Reflect.construct(target, args, newTarget))
      },
    })
  }

  function isClass(fn) {
    return /^class\b/.test(Function.prototype.toString.call(fn))
  }

  const guardedExports = {}
  for (const name of Object.keys(glue)) {
    const value = glue[name]
    if (name === '__wasm') continue
    if (name === 'default' || name === 'initSync') {
      // The page's loaders: they answer the instance's exports, which hold the stack pointer.
      guardedExports[name] = named(name, function (...args) {
        const loaded = guarded(() => Reflect.apply(value, this, args))
        if (loaded && typeof loaded.then === 'function') {
          return loaded.then((exports) => {
            instance = exports
            return exports
          })
        }
        instance = loaded
        return loaded
      })
    } else if (typeof value === 'function') {
      guardedExports[name] = isClass(value) ? guardClass(name, value) : guardFunction(name, value)
    } else {
      guardedExports[name] = value
    }
  }
  return guardedExports
}
