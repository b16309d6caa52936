package apicompat_test

// The API checks of sd/internal/instance (Go kit's internal instance cache)
// live in sd/internal/instance/apicompat_test.go: Go's internal-package rule
// keeps this package, outside sd/, from importing it.
