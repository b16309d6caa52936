// The addsvc service as a Thrift IDL. The Go code in gen-go/ is generated
// from this file by gen.sh; regenerate after editing it.

namespace go addsvc

// The business errors of addservice, by code, so that clients map them back
// to the same sentinel errors.
enum ErrorCode {
  TWO_ZEROES = 1,
  INT_OVERFLOW = 2,
  MAX_SIZE_EXCEEDED = 3,
}

exception AddError {
  1: ErrorCode code,
  2: string message,
}

service AddService {
  i64 Sum(1: i64 a, 2: i64 b) throws (1: AddError err),
  string Concat(1: string a, 2: string b) throws (1: AddError err),
}
