// k9s's own main, unchanged in effect: klog quiet, client-go auth plugins linked in.
package main

import (
	"flag"

	"github.com/derailed/k9s/cmd"
	_ "k8s.io/client-go/plugin/pkg/client/auth"
	"k8s.io/klog/v2"
)

func init() {
	klog.InitFlags(nil)
	for name, value := range map[string]string{"logtostderr": "false", "alsologtostderr": "false", "stderrthreshold": "fatal", "v": "0"} {
		if err := flag.Set(name, value); err != nil {
			panic(err)
		}
	}
}

func main() {
	cmd.Execute()
}
