package jsonrpc

// Error codes defined by the JSON-RPC 2.0 specification. Codes from -32099
// to -32000 are reserved for implementation-defined server errors; services
// should use codes outside -32768..-32000 for their own errors.
const (
	// ParseError: the body is not valid JSON.
	ParseError int = -32700

	// InvalidRequestError: the JSON is not a valid request object (for
	// example a wrong "jsonrpc" version, a missing method, an empty batch).
	InvalidRequestError int = -32600

	// MethodNotFoundError: no EndpointCodec is registered for the method.
	MethodNotFoundError int = -32601

	// InvalidParamsError: the method's params are not valid. The Server
	// answers it when a DecodeRequestFunc fails with an encoding/json syntax
	// or type error, and a DecodeRequestFunc may return an ErrorCoder with
	// this code for other invalid params.
	InvalidParamsError int = -32602

	// InternalError: any other failure, the default for endpoint errors.
	InternalError int = -32603
)

// ErrorCoder is implemented by errors that choose their JSON-RPC error
// code. DefaultErrorEncoder looks for it through the error's wrap chain and
// uses InternalError when none is found.
type ErrorCoder interface {
	ErrorCode() int
}

// Error is a JSON-RPC error object, as sent in the "error" member of a
// response. It is also the error value the Client returns (through
// DefaultResponseDecoder) when the server answers with an error, so callers
// can use errors.As to read its code and data.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

// Error implements error. It returns e.Message, or the standard message for
// e.Code when Message is empty.
func (e Error) Error() string {
	if e.Message != "" {
		return e.Message
	}
	return ErrorMessage(e.Code)
}

// ErrorCode implements ErrorCoder.
func (e Error) ErrorCode() int { return e.Code }

// ErrorMessage returns the description of one of the five standard error
// codes (ParseError, InvalidRequestError, MethodNotFoundError,
// InvalidParamsError, InternalError), with Go kit's wording, or "" for any
// other code, including the -32099..-32000 server error range.
func ErrorMessage(code int) string {
	switch code {
	case ParseError:
		return "An error occurred on the server while parsing the JSON text."
	case InvalidRequestError:
		return "The JSON sent is not a valid Request object."
	case MethodNotFoundError:
		return "The method does not exist / is not available."
	case InvalidParamsError:
		return "Invalid method parameter(s)."
	case InternalError:
		return "Internal JSON-RPC error."
	}
	return ""
}
