package conn_test

import (
	"bufio"
	"fmt"
	"net"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/util/conn"
)

func ExampleManager() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	received := make(chan string)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(received)
			return
		}
		defer c.Close()
		line, _ := bufio.NewReader(c).ReadString('\n')
		received <- line
	}()

	m := conn.NewDefaultManager("tcp", ln.Addr().String(), log.NewNopLogger())
	defer m.Close()
	n, err := m.Write([]byte("requests:1|c\n"))
	fmt.Println(n, err)
	fmt.Printf("%q\n", <-received)
	// Output:
	// 13 <nil>
	// "requests:1|c\n"
}
