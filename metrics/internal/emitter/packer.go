package emitter

import (
	"bytes"
	"io"
	"strconv"
)

// DefaultMTU is the packet size the line backends batch lines into by
// default: the largest UDP payload that fits an Ethernet frame's 1500-byte
// MTU with IPv6 and UDP headers, and some room for tunnels.
const DefaultMTU = 1432

// Packer batches newline-terminated lines into writes of at most mtu bytes.
// A line longer than mtu is written alone. With mtu <= 0 every line is its
// own write, as Go kit does. After the first failed write, Packer drops the
// remaining lines and reports that error. A Packer is not safe for
// concurrent use.
type Packer struct {
	w     io.Writer
	mtu   int
	buf   []byte
	line  []byte
	count int64
	lines int
	err   error
}

// NewPacker returns a Packer writing to w.
func NewPacker(w io.Writer, mtu int) *Packer {
	n := mtu
	if n <= 0 || n > 64<<10 {
		n = 512
	}
	return &Packer{w: w, mtu: mtu, buf: make([]byte, 0, n)}
}

// Line returns an empty scratch buffer to append one line to (without its
// newline), and End commits it. The pattern keeps the hot path free of
// allocations:
//
//	b := p.Line()
//	b = append(b, "name:1|c"...)
//	p.End(b)
func (p *Packer) Line() []byte { return p.line[:0] }

// End commits the line built in b (from Line), adding the newline.
func (p *Packer) End(b []byte) {
	b = append(b, '\n')
	p.line = b
	if p.err != nil {
		return
	}
	if p.mtu <= 0 {
		p.write(b)
		return
	}
	if len(p.buf) > 0 && len(p.buf)+len(b) > p.mtu {
		p.write(p.buf)
		p.buf = p.buf[:0]
	}
	if len(b) > p.mtu {
		p.write(b)
		return
	}
	p.buf = append(p.buf, b...)
}

func (p *Packer) write(b []byte) {
	if p.err != nil || p.w == nil {
		if p.w == nil && p.err == nil {
			p.err = errNilWriter
		}
		return
	}
	n, err := p.w.Write(b)
	n = min(max(n, 0), len(b))
	p.count += int64(n)
	p.lines += bytes.Count(b[:n], []byte{'\n'})
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	p.err = err
}

// Flush writes any pending lines and returns the bytes written in all and
// the first error.
func (p *Packer) Flush() (int64, error) {
	if len(p.buf) > 0 {
		p.write(p.buf)
		p.buf = p.buf[:0]
	}
	return p.count, p.err
}

// Lines returns the number of lines written in full so far (a line cut by a
// short write is not counted). Lines are written in the order of End, so
// the first Lines lines went out and the others did not.
func (p *Packer) Lines() int { return p.lines }

// AppendFloat appends v as Go kit's "%f" verb formats it.
func AppendFloat(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'f', 6, 64)
}
