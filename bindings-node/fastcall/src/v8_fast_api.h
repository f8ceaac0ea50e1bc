// orgkit's declarations of the part of V8's fast API call interface it uses.
//
// Node.js installs V8's headers under include/node but not v8-fast-api-calls.h, so the types a
// fast call needs are declared here: the same names, members and layout as V8 11.2 to 11.4
// (Node.js 20 runs V8 11.3), checked against V8's own header of 11.2 and 11.4 (identical in
// these parts). build.rs compiles this file only against those V8 versions; the constructors are
// V8's own, exported by the node executable.
#ifndef ORGKIT_V8_FAST_API_H_
#define ORGKIT_V8_FAST_API_H_

#include <cstdint>

#include <v8.h>

#if V8_MAJOR_VERSION != 11 || V8_MINOR_VERSION < 2 || V8_MINOR_VERSION > 4
#error "orgkit's fast API declarations are checked against V8 11.2 to 11.4 only"
#endif

namespace v8 {

/// The type of one argument or of the result of a fast call.
class CTypeInfo {
 public:
  /// The order of V8's enumeration: the values are what V8 reads.
  enum class Type : uint8_t {
    kVoid,
    kBool,
    kUint8,
    kInt32,
    kUint32,
    kInt64,
    kUint64,
    kFloat32,
    kFloat64,
    kPointer,
    kV8Value,
    kSeqOneByteString,
  };
  enum class SequenceType : uint8_t { kScalar };
  enum class Flags : uint8_t { kNone = 0 };

  explicit constexpr CTypeInfo(Type type)
      : type_(type), sequence_type_(SequenceType::kScalar), flags_(Flags::kNone) {}

  constexpr Type GetType() const { return type_; }
  constexpr SequenceType GetSequenceType() const { return sequence_type_; }
  constexpr Flags GetFlags() const { return flags_; }

 private:
  Type type_;
  SequenceType sequence_type_;
  Flags flags_;
};

/// A flat one-byte (Latin-1) string argument: its characters, one byte each, and their number.
struct FastOneByteString {
  const char* data;
  uint32_t length;
};

/// The signature of a fast call (V8's constructor fills it in).
class V8_EXPORT CFunctionInfo {
 public:
  CFunctionInfo(const CTypeInfo& return_info, unsigned int arg_count, const CTypeInfo* arg_info);

 private:
  const CTypeInfo return_info_;
  const unsigned int arg_count_;
  const CTypeInfo* arg_info_;
};

/// A C function and its signature, given to FunctionTemplate::New.
class V8_EXPORT CFunction {
 public:
  CFunction(const void* address, const CFunctionInfo* type_info);

 private:
  const void* address_;
  const CFunctionInfo* type_info_;
};

static_assert(sizeof(CTypeInfo) == 3, "CTypeInfo is three bytes in V8 11");
static_assert(sizeof(void*) != 8 || sizeof(CFunctionInfo) == 16,
              "CFunctionInfo is a CTypeInfo, a count and a pointer in V8 11");
static_assert(sizeof(CFunction) == 2 * sizeof(void*), "CFunction is two pointers in V8 11");

}  // namespace v8

#endif  // ORGKIT_V8_FAST_API_H_
