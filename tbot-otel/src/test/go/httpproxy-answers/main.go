// Command httpproxy-answers writes the proxy decisions of golang.org/x/net/http/httpproxy, as tbot
// makes them (httpproxy.FromEnvironment().ProxyFunc()(url)), for a fixed corpus of proxy settings,
// NO_PROXY lists and endpoints: the answers EnvProxySelectorGoAnswersTest holds tbot-otel's
// EnvProxySelector to. Regenerate (docs/testing.md):
//
//	cd tbot-otel/src/test/go/httpproxy-answers && GOTOOLCHAIN=local go run . > ../../resources/com/goteleport/tbot/otel/internal/export/go-httpproxy-answers.jsonl
//
// Output, one JSON object a line: first {"targets": [...]}; then per NO_PROXY entry
// {"no_proxy": E, "proxied": "PD..."}, P or D (direct) per target, with HTTPS_PROXY and HTTP_PROXY
// set; then per proxy setting {"proxy": V, "https": A, "http": A, "http_cgi": A}; then seeded
// random combinations {"env": {...}, "url": U, "go": A}. An answer A is {"kind": "direct"},
// {"kind": "ignored"} (direct because Go could not parse the setting), {"kind": "error"} (CGI), or
// {"kind": "proxy", "scheme", "host", "port", "auth", "usable"}: what net/http's Transport dials and
// sends, and whether it can (an http proxy with a host it can look up or an IP, and a port).
package main

import (
	"encoding/base64"
	"encoding/json"
	"math/rand"
	"net/netip"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/http/httpproxy"
	"golang.org/x/net/idna"
)

const via = "http://proxy.example.invalid:3128"

var targets = []string{
	"https://anonymous-analytics.teleport.sh/v1/logs", "https://ANONYMOUS-ANALYTICS.teleport.sh/v1/logs",
	"http://collector.example.com:4318/v1/logs", "https://collector.example.com:4318/v1/logs",
	"https://collector.example.com/v1/logs", "http://collector.example.com/v1/logs",
	"https://COLLECTOR.Example.COM/v1/logs", "http://collector.example.com.:4318/v1/logs",
	"http://collector.example.com:04318/v1/logs", "http://collector.example.com:80/v1/logs",
	"https://collector.example.com:443/v1/logs", "http://collector.example.com:/v1/logs",
	"http://example.com:4318/v1/logs", "http://notexample.com:4318/v1/logs", "http://otel-collector:4318/v1/logs",
	"http://10.1.2.3:4318/v1/logs", "https://10.1.2.3/v1/logs", "http://192.168.1.10:4318/v1/logs",
	"http://0.0.0.0:4318/v1/logs", "http://[2001:db8::1]:4318/v1/logs", "https://[2001:db8::1]/v1/logs",
	"http://[2001:DB8::1]:4318/v1/logs", "http://[2001:db8:0:0:0:0:0:1]:4318/v1/logs",
	"http://[::ffff:10.1.2.3]:4318/v1/logs", "http://[::]:4318/v1/logs", "http://[::10.1.2.3]:4318/v1/logs",
	"http://localhost:4318/v1/logs", "https://localhost/v1/logs", "http://LOCALHOST:4318/v1/logs",
	"http://a.localhost:4318/v1/logs", "http://localhost.:4318/v1/logs", "http://127.0.0.1:4318/v1/logs",
	"http://127.1.2.3:4318/v1/logs", "http://[::1]:4318/v1/logs", "http://[0:0:0:0:0:0:0:1]:4318/v1/logs",
	"http://[::ffff:127.0.0.1]:4318/v1/logs", "http://xn--bcher-kva.example:4318/v1/logs",
	"http://key.example:4318/v1/logs", "http://i.example:4318/v1/logs", "https://a.xn--mxa0b/v1/logs",
	"https://xn--80adxhks.example/v1/logs", "https://xn--strae-oqa.example/v1/logs", "https://strasse.example/v1/logs",
	"https://xn--i-9bb.example/v1/logs",
}

var noProxy = []string{
	"*", " * ", "example.com", ".example.com", "*.example.com", "EXAMPLE.COM", "example.com.", ".example.com.",
	"collector.example.com", "collector.example.com:4318", "collector.example.com:443", "collector.example.com:80",
	"collector.example.com:04318", "example.com:4318", "10.1.2.3", "10.1.2.3:4318", "10.1.2.3:80", "10.1.2.3:",
	"10.0.0.0/8", "10.1.2.3/32", "10.1.2.0/24", "0.0.0.0/0", "::/0", "2001:db8::/32", "2001:db8::1", "2001:DB8::1",
	"[2001:db8::1]", "[2001:db8::1]:4318", "[2001:db8::1]:443", "[2001:db8::1]:", "::ffff:10.0.0.0/104",
	"::ffff:0.0.0.0/96", "::ffff:10.1.2.3", "::ffff:0.0.0.0/80", "2001:db8::1/128", "[2001:db8::]/32", "10.0.0.0/33",
	"10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/ 8", "010.1.2.3", "10.1.2.3/8", "::10.1.2.3", "::/0:443",
	"localhost", "127.0.0.1", "otel-collector", "teleport.sh", ".teleport.sh", "anonymous-analytics.teleport.sh",
	"ANONYMOUS-ANALYTICS.TELEPORT.SH:443", "*.teleport.sh:443", "bücher.example", "BÜCHER.example", ".bücher.example",
	"xn--bcher-kva.example", "\u212aey.example", "\u0130.example", "ΑΣ", "МОСКВА.example", "straße.example",
	"ｅｘａｍｐｌｅ.com", "example。com", "exam\u00adple.com", "example.com\u200b", "*.", ".", "*:4318", ":4318",
	"example.com:abc", "exa mple.com", "\texample.com", "example.com\u00a0", "\u00a0example.com", "\u2003example.com",
	"\x01example.com", "example.com\x1f", "\u0085example.com", "com", ".com", "*.com", "**.example.com",
	"*example.com", "1.2.3", "1.2.3.0/24", "0.0.0.0", "::", "[::]", "[::]:4318", "2001:db8:0:0:0:0:0:1",
	"[2001:db8::1]:4318:1", "[2001:db8::1]x", "[2001:db8::1", "2001:db8::1]", "fe80::1%eth0", "10.1.2.3:4318:1",
	"10.1.2.3:04318", "localhost:4318", "192.168.0.0/16", "192.168.1.10/255.255.0.0", "example.com/24",
	"10.1.2.3/32/1", "::ffff:010.0.0.0/104", "::ffff:0:0/96", "0:0:0:0:0:ffff:10.0.0.0/104", "::FFFF:10.0.0.0/104",
	"10.1.2.3/032", "::ffff:10.0.0.0/0104", "::ffff:010.1.2.3", "::ffff:10.1.2.3/96", "::ffff:10.1.2.3/100",
	"::ffff:a01:203", "::ffff:10.1.2.3:4318", "[::ffff:10.1.2.3]:4318", "::10.1.2.3/128", "2001:db8::/129",
	"2001:db8::/00000000000000000032", "10.0.0.0/99999999999", "1::2::3", "::1.2.3", "00000::1", "10.1.2.3.",
	"0x0a.1.2.3", "foo.com, example.com", ",,,", "foo;example.com", "foo example.com",
}

var proxies = []string{
	"http://proxy.example.com:3128", "proxy.example.com:3128", "proxy.example.com", "http://proxy.example.com",
	"https://proxy.example.com:3128", "socks5://proxy:1080", "socks5h://proxy:1080", "socks5://user:pass@proxy",
	"HTTP://PROXY.EXAMPLE.COM:3128", "Http://proxy:3128", "http://user:pass@proxy:3128", "user:pass@proxy:3128",
	"user@proxy:3128", "http://user@proxy:3128", "http://user:p%40ss@proxy:3128", "http://us%3Aer:pa+ss@proxy:3128",
	"http://:pass@proxy:3128", "http://@proxy:3128", "http://user:@proxy:3128", "http://proxy:3128/",
	"http://proxy:3128/path", "http://proxy:3128?x=1", "http://proxy:3128#f", "http://10.0.0.1:3128", "10.0.0.1:3128",
	"10.0.0.1", "http://[2001:db8::2]:3128", "[2001:db8::2]:3128", "[2001:db8::2]", "2001:db8::2",
	"http://[fe80::1%25eth0]:3128", "http://[fe80::1%eth0]:3128", "http://[fe80::1%25]:3128",
	"http://[fe80::1%25en%301]:3128", "http://squid_proxy:3128", "squid_proxy:3128", "squid_proxy",
	"http://user:pw@squid_proxy:3128", "http://proxy:0", "http://proxy:65535", "http://proxy:65536", "http://proxy:",
	"proxy:", "http://", "://proxy", "//proxy:3128", "ftp://proxy:21", "file:///tmp/x", "http://proxy:3128 ",
	" http://proxy:3128", "http://pro xy:3128", "http://proxy\t:3128", "http://user:pa/ss@proxy:3128",
	"http://user:pa?ss@proxy:3128", "http://user:pa#ss@proxy:3128", "http://user:p@ss/x@proxy:3128",
	"localhost:3128", "127.0.0.1:3128", "http://LOCALHOST:3128", "http://proxy.example.com:03128",
	"http://bücher.example:3128", "proxy:3128/x://y", "http:proxy:3128", "http:///proxy", "http://[::1]",
	"http://u:p@[2001:db8::2]:3128", "http://proxy:abc", "http://pro%78y:3128", "http://proxy:3128:1",
	"http://user:pass@", "http://a@b@proxy:3128", "http://alice:p@ss@1@proxy:3128", "alice:p@ss@proxy:3128",
	"http://a@b@squid_proxy:3128", "http://@@proxy:3128", "http://user%zz@proxy:3128", "http://user:pä@proxy:3128",
	"http://üser:pw@proxy:3128", "http://%C3%A4lice:pw@proxy:3128", "http://alice:s3cr3t\u00a0@proxy:3128",
	"http://-proxy:3128", "http://1.2.3:3128", "http://010.0.0.1:3128", "http://[::ffff:10.0.0.1]:3128",
	"http://[::ffff:010.0.0.1]:3128", "http://[00000::1]:3128", "http://[::ffff:010.0.0.1%25eth0]:3128", "*",
	"http://*:3128", "http://proxy:+3128", "http://proxy:-1", "http://proxy:3128\\", "http://proxy.example.com.:3128",
	" ",
}

var vars = []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD"}

type answer struct {
	Kind   string `json:"kind"`
	Scheme string `json:"scheme,omitempty"`
	Host   string `json:"host,omitempty"`
	Port   string `json:"port,omitempty"`
	Auth   string `json:"auth,omitempty"`
	Usable bool   `json:"usable,omitempty"`
}

func main() {
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	must(out.Encode(map[string]any{"targets": targets}))
	for _, e := range noProxy {
		var b strings.Builder
		for _, t := range targets {
			a := decide(map[string]string{"HTTPS_PROXY": via, "HTTP_PROXY": via, "NO_PROXY": e}, t)
			switch a.Kind {
			case "direct":
				b.WriteByte('D')
			case "proxy":
				b.WriteByte('P')
			default:
				panic(a.Kind)
			}
		}
		must(out.Encode(map[string]any{"no_proxy": e, "proxied": b.String()}))
	}
	for _, p := range proxies {
		env := map[string]string{"HTTPS_PROXY": p, "HTTP_PROXY": p}
		cgi := map[string]string{"HTTP_PROXY": p, "REQUEST_METHOD": "GET"}
		must(out.Encode(map[string]any{"proxy": p,
			"https":    decide(env, "https://anonymous-analytics.teleport.sh/v1/logs"),
			"http":     decide(env, "http://collector.example.com:4318/v1/logs"),
			"http_cgi": decide(cgi, "http://collector.example.com:4318/v1/logs")}))
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		env := map[string]string{}
		for _, v := range vars {
			x := r.Float64()
			switch {
			case v == "REQUEST_METHOD":
				if x < 0.1 {
					env[v] = []string{"GET", "", " "}[r.Intn(3)]
				}
			case x < 0.45:
			case x < 0.55:
				env[v] = ""
			case strings.EqualFold(v, "NO_PROXY"):
				var parts []string
				for k := r.Intn(4) + 1; k > 0; k-- {
					parts = append(parts, mixCase(r, noProxy[r.Intn(len(noProxy))]))
				}
				env[v] = strings.Join(parts, []string{",", ", ", " ,", ",,"}[r.Intn(4)])
			case x < 0.8:
				env[v] = proxies[r.Intn(12)]
			default:
				env[v] = proxies[r.Intn(len(proxies))]
			}
		}
		t := targets[r.Intn(len(targets))]
		must(out.Encode(map[string]any{"env": env, "url": t, "go": decide(env, t)}))
	}
}

func mixCase(r *rand.Rand, s string) string {
	if r.Float64() >= 0.15 {
		return s
	}
	b := []rune(s)
	for i := range b {
		if r.Intn(2) == 0 {
			b[i] = []rune(strings.ToUpper(string(b[i])))[0]
		}
	}
	return string(b)
}

// decide is tbot's choice for target under env, and what Go's Transport makes of it.
func decide(env map[string]string, target string) answer {
	for _, v := range vars {
		must(os.Unsetenv(v))
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		must(os.Setenv(k, env[k]))
	}
	u, err := url.Parse(target)
	must(err)
	p, err := httpproxy.FromEnvironment().ProxyFunc()(u)
	if err != nil {
		return answer{Kind: "error"}
	}
	if p == nil {
		set := os.Getenv("HTTPS_PROXY") + os.Getenv("https_proxy")
		if u.Scheme == "http" {
			set = os.Getenv("HTTP_PROXY") + os.Getenv("http_proxy")
		}
		os.Unsetenv("NO_PROXY")
		os.Unsetenv("no_proxy")
		alone, _ := httpproxy.FromEnvironment().ProxyFunc()(&url.URL{Scheme: u.Scheme, Host: "x.example"})
		if set != "" && alone == nil {
			return answer{Kind: "ignored"}
		}
		return answer{Kind: "direct"}
	}
	a := answer{Kind: "proxy", Scheme: p.Scheme, Host: p.Hostname(), Port: p.Port()}
	if v, err := idna.Lookup.ToASCII(a.Host); err == nil {
		a.Host = v // as the Transport dials it
	}
	if a.Port == "" {
		a.Port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[p.Scheme]
	}
	if p.User != nil {
		pw, _ := p.User.Password()
		a.Auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(p.User.Username()+":"+pw))
	}
	port, err := strconv.Atoi(a.Port)
	// The setting Go retried with "http://" in front, when it had a scheme of its own, names a
	// proxy after that scheme ("http://http://..."): nothing the Transport can reach.
	misread := false
	for _, scheme := range []string{"http", "https", "socks5", "socks5h", "file"} {
		misread = misread || strings.HasPrefix(p.String(), "http://"+scheme+":")
	}
	a.Usable = p.Scheme == "http" && err == nil && port >= 1 && port <= 65535 && !misread && dialable(a.Host)
	return a
}

// dialable: an IP (a zone allowed) or a name Go's resolver takes (its net.isDomainName).
func dialable(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	if h == "" || len(h) > 254 {
		return false
	}
	nonNumeric := false
	for _, l := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '-':
				nonNumeric = true
			case c >= '0' && c <= '9':
			default:
				return false
			}
		}
	}
	return nonNumeric
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
