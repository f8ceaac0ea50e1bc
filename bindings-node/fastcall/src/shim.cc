// The V8 side of orgkit's fast calls: functions whose optimized calls from JavaScript go straight
// to C (V8's fast API: no handles, no Node-API), with the string's bytes in place. Every answer
// comes from the Rust core (orgkit_fastcall_check in lib.rs); this file only moves arguments.
//
// Exports (see lib.rs for the contract):
//   check(code, value)  0 invalid, 1 valid, 2 undecided (the caller decides another way)
//   checks[code](value) the same for one code: a function per kind and edition, whose fast
//                       callback is compiled for that kind (no dispatch, one argument less)
//   checks4[code](a, b, c, d)  four values at once: bit i is set when value i is valid, bit
//                       4 + i when it is undecided
//   digest()            the core's fast_path_tables_digest
//   sourceDigest()      the core's SOURCE_DIGEST (the addon's must be the same)
//   slowCalls()         how many calls of check, checks and checks4 took the slow callback
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <node.h>

#include "v8_fast_api.h"

#include <type_traits>

// lib.rs passes the three handles of the module's entry point on as pointers.
static_assert(sizeof(v8::Local<v8::Object>) == sizeof(void*) &&
                  std::is_trivially_copyable<v8::Local<v8::Object>>::value,
              "a v8::Local is passed like a pointer");

extern "C" {
// Implemented in lib.rs. The fast callbacks: V8 calls them straight from optimized code (the
// receiver is a handle, passed like a pointer; the string by reference).
uint32_t orgkit_fastcall_fast_check(v8::Local<v8::Object> receiver, uint32_t code,
                                    const v8::FastOneByteString& value);
// The fast callback of one code for `values` (1 or 4) strings, `uint32_t (Local<Object>,
// const FastOneByteString&...)`; null past the last kind or edition.
const void* orgkit_fastcall_callback(uint32_t code, uint32_t values);
uint32_t orgkit_fastcall_check(uint32_t code, const uint8_t* bytes, size_t length);
size_t orgkit_fastcall_digest(uint32_t which, uint8_t* out, size_t capacity);
}

namespace {

using v8::CFunction;
using v8::CFunctionInfo;
using v8::CTypeInfo;
using v8::FastOneByteString;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Object;
using v8::Value;

constexpr uint32_t kUndecided = 2;
// Longer strings on the slow path are left to the caller rather than copied here.
constexpr int kSlowPathMaxLength = 4096;

std::atomic<uint64_t> slow_calls{0};

// The slow path's answer for one argument: a flat read of a one-byte string, else undecided.
uint32_t SlowCheck(v8::Isolate* isolate, uint32_t code, Local<Value> value) {
  if (!value->IsString()) return kUndecided;
  Local<v8::String> text = value.As<v8::String>();
  int length = text->Length();
  if (!text->IsOneByte() || length > kSlowPathMaxLength) return kUndecided;
  uint8_t bytes[kSlowPathMaxLength];
  text->WriteOneByte(isolate, bytes, 0, length, v8::String::NO_NULL_TERMINATION);
  return orgkit_fastcall_check(code, bytes, static_cast<size_t>(length));
}

// The code argument on the slow path: a uint32 number, read without calling into JavaScript.
bool SlowCode(const FunctionCallbackInfo<Value>& info, uint32_t* code) {
  if (info.Length() < 1 || !info[0]->IsUint32()) return false;
  *code = info[0].As<v8::Uint32>()->Value();
  return true;
}

void SlowCheckOne(const FunctionCallbackInfo<Value>& info) {
  slow_calls.fetch_add(1, std::memory_order_relaxed);
  uint32_t code;
  uint32_t answer = kUndecided;
  if (SlowCode(info, &code) && info.Length() >= 2) answer = SlowCheck(info.GetIsolate(), code, info[1]);
  info.GetReturnValue().Set(answer);
}

// The slow callback of checks[code]: the code is the function's data.
void SlowCheckCode(const FunctionCallbackInfo<Value>& info) {
  slow_calls.fetch_add(1, std::memory_order_relaxed);
  uint32_t answer = kUndecided;
  if (info.Data()->IsUint32() && info.Length() >= 1) {
    answer = SlowCheck(info.GetIsolate(), info.Data().As<v8::Uint32>()->Value(), info[0]);
  }
  info.GetReturnValue().Set(answer);
}

// The slow callback of checks4[code]: each value as checks[code] reads it, packed.
void SlowCheckCode4(const FunctionCallbackInfo<Value>& info) {
  slow_calls.fetch_add(1, std::memory_order_relaxed);
  bool known = info.Data()->IsUint32();
  uint32_t packed = 0;
  for (int index = 0; index < 4; index++) {
    uint32_t answer = known && info.Length() > index
                          ? SlowCheck(info.GetIsolate(), info.Data().As<v8::Uint32>()->Value(), info[index])
                          : kUndecided;
    packed |= answer == kUndecided ? (0x10u << index) : (answer << index);
  }
  info.GetReturnValue().Set(packed);
}

// digest() and sourceDigest(): the function's data says which.
void Digest(const FunctionCallbackInfo<Value>& info) {
  uint32_t which = info.Data()->IsUint32() ? info.Data().As<v8::Uint32>()->Value() : 0;
  uint8_t text[64];
  size_t length = orgkit_fastcall_digest(which, text, sizeof text);
  v8::Local<v8::String> digest;
  if (v8::String::NewFromOneByte(info.GetIsolate(), text, v8::NewStringType::kNormal,
                                 static_cast<int>(length))
          .ToLocal(&digest)) {
    info.GetReturnValue().Set(digest);
  }
}

void SlowCalls(const FunctionCallbackInfo<Value>& info) {
  info.GetReturnValue().Set(static_cast<double>(slow_calls.load(std::memory_order_relaxed)));
}

const CTypeInfo kReceiver(CTypeInfo::Type::kV8Value);
const CTypeInfo kUint32(CTypeInfo::Type::kUint32);
const CTypeInfo kString(CTypeInfo::Type::kSeqOneByteString);
const CTypeInfo kCheckArguments[] = {kReceiver, kUint32, kString};

const CFunction* CheckFunction() {
  static const CFunctionInfo info(kUint32, 3, kCheckArguments);
  static const CFunction function(reinterpret_cast<const void*>(&orgkit_fastcall_fast_check), &info);
  return &function;
}

const CTypeInfo kCodeCheckArguments[] = {kReceiver, kString};
const CTypeInfo kCodeCheck4Arguments[] = {kReceiver, kString, kString, kString, kString};

// The codes lib.rs has fast callbacks for (an edition in the high byte, a kind in the low one).
constexpr uint32_t kEditions = 4;
constexpr uint32_t kKinds = 32;

// The CFunction of every code for one value (`four` false) or four (null where there is none),
// made once for the process: every context and worker thread that loads the module shares them.
const CFunction* CodeFunction(uint32_t edition, uint32_t kind, bool four) {
  static const CFunctionInfo info(kUint32, 2, kCodeCheckArguments);
  static const CFunctionInfo info4(kUint32, 5, kCodeCheck4Arguments);
  static const CFunction* const* const functions = [] {
    auto* table = new const CFunction*[2 * kEditions * kKinds];
    for (uint32_t e = 0; e < kEditions; e++) {
      for (uint32_t k = 0; k < kKinds; k++) {
        const void* one = orgkit_fastcall_callback(e << 8 | k, 1);
        const void* four = orgkit_fastcall_callback(e << 8 | k, 4);
        table[e * kKinds + k] = one == nullptr ? nullptr : new CFunction(one, &info);
        table[(kEditions + e) * kKinds + k] = four == nullptr ? nullptr : new CFunction(four, &info4);
      }
    }
    return table;
  }();
  return functions[((four ? kEditions : 0) + edition) * kKinds + kind];
}

Local<v8::Function> NewFunction(Local<v8::Context> context, v8::FunctionCallback slow,
                                Local<Value> data, int length, const CFunction* fast) {
  Local<v8::FunctionTemplate> tmpl = v8::FunctionTemplate::New(
      context->GetIsolate(), slow, data, Local<v8::Signature>(), length,
      v8::ConstructorBehavior::kThrow, v8::SideEffectType::kHasNoSideEffect, fast);
  Local<v8::Function> function;
  return tmpl->GetFunction(context).ToLocal(&function) ? function : Local<v8::Function>();
}

bool Define(Local<v8::Context> context, Local<Object> exports, const char* name,
            v8::FunctionCallback slow, int length, const CFunction* fast,
            Local<Value> data = Local<Value>()) {
  Local<v8::Function> function = NewFunction(context, slow, data, length, fast);
  Local<v8::String> key;
  return !function.IsEmpty() &&
         v8::String::NewFromUtf8(context->GetIsolate(), name).ToLocal(&key) &&
         exports->Set(context, key, function).FromMaybe(false);
}

// exports[name]: an object with a function per code, for one value or four.
bool DefineChecks(Local<v8::Context> context, Local<Object> exports, const char* name, bool four) {
  v8::Isolate* isolate = context->GetIsolate();
  Local<Object> checks = Object::New(isolate);
  for (uint32_t edition = 0; edition < kEditions; edition++) {
    for (uint32_t kind = 0; kind < kKinds; kind++) {
      const CFunction* fast = CodeFunction(edition, kind, four);
      if (fast == nullptr) continue;
      uint32_t code = edition << 8 | kind;
      Local<v8::Function> function =
          NewFunction(context, four ? SlowCheckCode4 : SlowCheckCode,
                      v8::Integer::NewFromUnsigned(isolate, code), four ? 4 : 1, fast);
      if (function.IsEmpty() || !checks->Set(context, code, function).FromMaybe(false)) return false;
    }
  }
  Local<v8::String> key;
  return v8::String::NewFromUtf8(isolate, name).ToLocal(&key) &&
         exports->Set(context, key, checks).FromMaybe(false);
}

}  // namespace

// Called by lib.rs's node_register_module_v<ABI> (the module's entry point).
extern "C" void orgkit_fastcall_register(Local<Object> exports, Local<Value> /* module */,
                                         Local<v8::Context> context) {
  Define(context, exports, "check", SlowCheckOne, 2, CheckFunction()) &&
      DefineChecks(context, exports, "checks", false) &&
      DefineChecks(context, exports, "checks4", true) &&
      Define(context, exports, "digest", Digest, 0, nullptr,
             v8::Integer::NewFromUnsigned(context->GetIsolate(), 0)) &&
      Define(context, exports, "sourceDigest", Digest, 0, nullptr,
             v8::Integer::NewFromUnsigned(context->GetIsolate(), 1)) &&
      Define(context, exports, "slowCalls", SlowCalls, 0, nullptr);
}
