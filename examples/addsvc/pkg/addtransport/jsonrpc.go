package addtransport

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport/http/jsonrpc"
)

// NewJSONRPCHandler serves the endpoints as JSON-RPC 2.0 methods "sum" and
// "concat" (params {"a": ..., "b": ...}). Undecodable params and business
// errors answer with code -32602 (invalid params).
//
// opts are added after addsvc's own.
func NewJSONRPCHandler(endpoints addendpoint.Set, logger log.Logger, opts ...jsonrpc.ServerOption) *jsonrpc.Server {
	return jsonrpc.NewServer(jsonrpc.EndpointCodecMap{
		"sum":    {Endpoint: endpoints.SumEndpoint, Decode: decodeJSONRPCParams[addendpoint.SumRequest], Encode: encodeJSONRPCResult},
		"concat": {Endpoint: endpoints.ConcatEndpoint, Decode: decodeJSONRPCParams[addendpoint.ConcatRequest], Encode: encodeJSONRPCResult},
	}, append([]jsonrpc.ServerOption{jsonrpc.ServerErrorLogger(logger)}, opts...)...)
}

// NewJSONRPCClient returns a Service backed by an addsvc JSON-RPC server at
// instance ("host:port" or a URL).
func NewJSONRPCClient(instance string, client *http.Client) (addservice.Service, error) {
	if !strings.Contains(instance, "://") {
		instance = "http://" + instance
	}
	u, err := url.Parse(instance)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = http.DefaultClient
	}
	return addendpoint.Set{
		SumEndpoint: jsonrpc.NewClient(u, "sum", jsonrpc.SetClient(client),
			jsonrpc.ClientResponseDecoder(decodeJSONRPCResult[addendpoint.SumResponse])).Endpoint(),
		ConcatEndpoint: jsonrpc.NewClient(u, "concat", jsonrpc.SetClient(client),
			jsonrpc.ClientResponseDecoder(decodeJSONRPCResult[addendpoint.ConcatResponse])).Endpoint(),
	}, nil
}

func decodeJSONRPCParams[Req any](_ context.Context, params json.RawMessage) (any, error) {
	var req Req
	if err := json.Unmarshal(params, &req); err != nil {
		return nil, jsonrpc.Error{Code: jsonrpc.InvalidParamsError, Message: fmt.Sprintf("invalid params: %v", err)}
	}
	return req, nil
}

func encodeJSONRPCResult(_ context.Context, response any) (json.RawMessage, error) {
	if f, ok := response.(endpoint.Failer); ok && f.Failed() != nil {
		return nil, jsonrpc.Error{Code: jsonrpc.InvalidParamsError, Message: f.Failed().Error()}
	}
	return json.Marshal(response)
}

func decodeJSONRPCResult[Resp any](_ context.Context, res jsonrpc.Response) (any, error) {
	if res.Error != nil {
		err := errorFromMessage(res.Error.Message)
		if addservice.IsBusinessError(err) {
			return withErr[Resp](err), nil
		}
		return nil, *res.Error
	}
	var resp Resp
	if err := json.Unmarshal(res.Result, &resp); err != nil {
		return nil, fmt.Errorf("addsvc: decoding result: %w", err)
	}
	return resp, nil
}
