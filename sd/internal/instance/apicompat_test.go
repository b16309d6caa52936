package instance_test

import (
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
)

// Compile-time checks of the API listed for Go kit's sd/internal/instance
// (they cannot live in internal/apicompat, which may not import this
// package).
var (
	_ func() *instance.Cache                 = instance.NewCache
	_ func(*instance.Cache, chan<- sd.Event) = (*instance.Cache).Deregister
	_ func(*instance.Cache, chan<- sd.Event) = (*instance.Cache).Register
	_ func(*instance.Cache) sd.Event         = (*instance.Cache).State
	_ func(*instance.Cache)                  = (*instance.Cache).Stop
	_ func(*instance.Cache, sd.Event)        = (*instance.Cache).Update
	_ sd.Instancer                           = (*instance.Cache)(nil)
)
