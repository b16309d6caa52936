// Package apicompat_test proves, at compile time, that kit exports the API of
// Go kit v0.13.0 and github.com/go-kit/log v0.2.1 with exactly the listed
// signatures, as recorded in the project's Go kit API listing (gokit-api.md).
//
// The idea is that a program written against Go kit must compile against kit
// after only rewriting import paths, so every check is a declaration that
// only compiles when the identifier exists with the listed shape:
//
//   - functions and methods are assigned to variables of the exact func type
//     (method expressions for methods, so the receiver kind is checked too);
//   - defined func types are converted to and from their underlying type, and
//     a type switch with both as cases proves the type is a defined type and
//     not an alias (duplicate cases do not compile);
//   - interfaces are assigned to and from an anonymous interface with the
//     listed methods, which proves the method sets are equal;
//   - structs whose fields are all exported are converted from an anonymous
//     struct with the listed fields, which proves names, types and order;
//   - variables are checked through pointers (&pkg.Var), so their type must
//     be identical, not merely assignable.
//
// Values documented in the listing are checked by ordinary tests. Checks of
// packages that are still being written live in files with the build tag
// apicompat_pending, so that this package always compiles.
package apicompat_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
