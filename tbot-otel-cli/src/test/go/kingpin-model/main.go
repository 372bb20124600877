// Command kingpin-model parses tbot command lines with kingpin, as tbot does, for tbot-otel's
// differential test (TbotCommandKingpinTest). It models the command tree and flags of the newest
// tbot (Teleport's tool/tbot/main.go, lib/tbot/cli/*.go and the tbot.mdx generated from them, as
// in 19.x and late 18.x; an older tbot lacks some KINDs and flags: docs/testing.md), with
// github.com/alecthomas/kingpin/v2 v2.4.0 standing in for Teleport's fork of it
// (gravitational/kingpin), which the module proxy does not serve. Where the fork parses
// differently, the model follows the fork: every flag may be repeated, the last value winning
// (the fork's AllRepeatable). A lone '-' is read differently by the two (see docs/testing.md) and
// is not generated.
//
// Input: one command line per stdin line, as a JSON array of strings (the arguments after the
// program). Output: one JSON object per line, in order. Exit status 0 unless stdin cannot be read.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/alecthomas/kingpin/v2"
)

// result is what one command line parses to.
type result struct {
	OK            bool   `json:"ok"`
	Command       string `json:"command"`
	Exit          string `json:"exit,omitempty"` // "help" or "completion": kingpin printed and exited 0
	Err           string `json:"err,omitempty"`
	Oneshot       bool   `json:"oneshot"`
	OneshotSet    bool   `json:"oneshotSet"`
	Config        string `json:"config"`
	ConfigSet     bool   `json:"configSet"`
	JoinMethod    string `json:"joinMethod"`
	JoinMethodSet bool   `json:"joinMethodSet"`
	JoinURISet    bool   `json:"joinUriSet"`
	Destination   bool   `json:"destination"`
}

// stringValue is a string flag whose last value wins; cumulative, so that kingpin lets it repeat
// as the fork's AllRepeatable does.
type stringValue struct {
	v   *string
	set *bool
	// enum, if not nil: the values kingpin's EnumVar takes
	enum []string
	// duration: the value must parse as one (DurationVar)
	duration bool
}

func (s *stringValue) Set(v string) error {
	if s.enum != nil {
		ok := false
		for _, e := range s.enum {
			ok = ok || e == v
		}
		if !ok {
			return fmt.Errorf("enum value must be one of %s, got '%s'", strings.Join(s.enum, ","), v)
		}
	}
	if s.duration {
		if _, err := time.ParseDuration(v); err != nil {
			return err
		}
	}
	*s.v = v
	if s.set != nil {
		*s.set = true
	}
	return nil
}
func (s *stringValue) String() string     { return *s.v }
func (s *stringValue) IsCumulative() bool { return true }

// boolValue is a bool flag (kingpin's --[no-]NAME), repeatable as in the fork.
type boolValue struct {
	v   *bool
	set *bool
}

func (b *boolValue) Set(v string) error {
	*b.v = v == "true"
	if b.set != nil {
		*b.set = true
	}
	return nil
}
func (b *boolValue) String() string     { return fmt.Sprint(*b.v) }
func (b *boolValue) IsBoolFlag() bool   { return true }
func (b *boolValue) IsCumulative() bool { return true }

type clause interface {
	Flag(name, help string) *kingpin.FlagClause
}

// model holds one parse's values.
type model struct {
	r       *result
	scratch string
	sbool   bool
}

func (m *model) str(c clause, name string) *kingpin.FlagClause {
	f := c.Flag(name, name)
	f.SetValue(&stringValue{v: new(string)})
	return f
}

func (m *model) enum(c clause, name string, values ...string) {
	c.Flag(name, name).SetValue(&stringValue{v: new(string), enum: values})
}

func (m *model) dur(c clause, name string) {
	c.Flag(name, name).SetValue(&stringValue{v: new(string), duration: true})
}

func (m *model) boolean(c clause, name string) *kingpin.FlagClause {
	f := c.Flag(name, name)
	f.SetValue(&boolValue{v: new(bool)})
	return f
}

func (m *model) required(c clause, names ...string) {
	for _, n := range names {
		m.str(c, n).Required()
	}
}

// joinMethods: lib/tbot/config's SupportedJoinMethods (docs/pages/reference/cli/tbot.mdx).
var joinMethods = []string{"azure", "azure_devops", "bitbucket", "circleci", "gcp", "github", "gitlab", "iam",
	"kubernetes", "spacelift", "token", "tpm", "terraform_cloud", "oracle", "bound_keypair", "env0"}

// authProxy: newAuthProxyArgs (start_shared.go).
func (m *model) authProxy(c clause) {
	m.str(c, "auth-server").Short('a')
	m.str(c, "proxy-server")
}

// onboarding: the flags legacy and sharedStartArgs both have.
func (m *model) onboarding(c clause) {
	m.authProxy(c)
	m.str(c, "token")
	m.str(c, "ca-pin")
	m.dur(c, "certificate-ttl")
	m.dur(c, "renewal-interval")
	c.Flag("join-method", "").SetValue(&stringValue{v: &m.r.JoinMethod, set: &m.r.JoinMethodSet, enum: joinMethods})
	c.Flag("oneshot", "").SetValue(&boolValue{v: &m.r.Oneshot, set: &m.r.OneshotSet})
	m.str(c, "diag-addr")
	m.str(c, "pid-file")   // 18.4.0 on (gravitational/teleport#61189)
	m.boolean(c, "scoped") // 19.x, and 18.x from April 2026 (#65351, #65970)
}

// shared: sharedStartArgs (start_shared.go), with the join URI and bound-keypair flags (18.1.0
// on; --registration-secret-path and --static-key-path 18.2.10 on).
func (m *model) shared(c clause) {
	m.onboarding(c)
	m.str(c, "storage")
	c.Flag("join-uri", "").SetValue(&stringValue{v: new(string), set: &m.r.JoinURISet})
	m.str(c, "registration-secret")
	m.str(c, "registration-secret-path")
	m.str(c, "static-key-path")
}

// destination: sharedDestinationArgs.
func (m *model) destination(c clause) {
	c.Flag("destination", "").Required().SetValue(&stringValue{v: new(string), set: &m.r.Destination})
	m.str(c, "reader-user")
	m.str(c, "reader-group")
}

// kinds adds the KINDs of start (or configure) under parent: legacy (the default) and the others,
// by name and alias, each with its flags.
func (m *model) kinds(parent *kingpin.CmdClause) {
	legacy := parent.Command("legacy", "").Default()
	m.onboarding(legacy)
	m.str(legacy, "destination-dir")
	m.str(legacy, "data-dir")

	id := parent.Command("identity", "").Alias("ssh").Alias("id")
	m.shared(id)
	m.destination(id)
	m.str(id, "cluster")
	m.boolean(id, "allow-reissue")

	db := parent.Command("database", "").Alias("db")
	m.shared(db)
	m.destination(db)
	m.enum(db, "format", "", "tls", "mongo", "cockroach")
	m.required(db, "service", "username", "database")

	k8s := parent.Command("kubernetes", "").Alias("k8s")
	m.shared(k8s)
	m.destination(k8s)
	m.required(k8s, "kubernetes-cluster")
	m.boolean(k8s, "disable-exec-plugin")

	k8s2 := parent.Command("kubernetes/v2", "").Alias("k8s/v2")
	m.shared(k8s2)
	m.destination(k8s2)
	m.str(k8s2, "label-selector")
	m.str(k8s2, "name-selector")
	m.boolean(k8s2, "disable-exec-plugin")

	app := parent.Command("application", "").Alias("app")
	m.shared(app)
	m.destination(app)
	m.required(app, "app")
	m.boolean(app, "specific-tls-extensions")

	appTunnel := parent.Command("application-tunnel", "").Alias("app-tunnel")
	m.shared(appTunnel)
	m.required(appTunnel, "listen", "app")

	dbTunnel := parent.Command("database-tunnel", "").Alias("db-tunnel")
	m.shared(dbTunnel)
	m.required(dbTunnel, "listen", "service", "username", "database")

	// 18.2.3 on (#59587).
	appProxy := parent.Command("application-proxy", "").Alias("app-proxy")
	m.shared(appProxy)
	m.required(appProxy, "listen")

	svid := parent.Command("spiffe-svid", "").Hidden()
	m.shared(svid)
	m.destination(svid)
	m.required(svid, "svid-path")
	m.str(svid, "svid-hint")
	m.str(svid, "dns-san")
	m.str(svid, "ip-san")
	m.boolean(svid, "include-federated-trust-bundles")

	x509 := parent.Command("workload-identity-x509", "")
	m.shared(x509)
	m.destination(x509)
	m.str(x509, "label-selector")
	m.str(x509, "name-selector")
	m.boolean(x509, "include-federated-trust-bundles")

	api := parent.Command("workload-identity-api", "")
	m.shared(api)
	m.required(api, "listen")
	m.str(api, "label-selector")
	m.str(api, "name-selector")

	jwt := parent.Command("workload-identity-jwt", "")
	m.shared(jwt)
	m.destination(jwt)
	m.required(jwt, "audience")
	m.str(jwt, "label-selector")
	m.str(jwt, "name-selector")

	ra := parent.Command("workload-identity-aws-roles-anywhere", "")
	m.shared(ra)
	m.destination(ra)
	m.required(ra, "role-arn", "profile-arn", "trust-anchor-arn")
	m.str(ra, "region")
	m.dur(ra, "session-duration")
	m.dur(ra, "session-renewal-interval")
	m.str(ra, "label-selector")
	m.str(ra, "name-selector")

	// 18.2.10 on (#60287).
	mux := parent.Command("ssh-multiplexer", "")
	m.shared(mux)
	m.destination(mux)
	m.boolean(mux, "enable-resumption")
	m.str(mux, "proxy-command")
	m.str(mux, "proxy-templates-path")

	// 18.7.0 on (#63666; start_empty.go).
	noop := parent.Command("noop", "").Alias("no-op")
	m.shared(noop)
}

// remaining is a command's argument that takes every word left (cli.RemainingArgs).
func remaining(cmd *kingpin.CmdClause, name string) {
	cmd.Arg(name, "").SetValue(&stringValue{v: new(string)})
}

// app builds tbot's parser (tool/tbot/main.go's Run) for one parse into r.
func (m *model) app() *kingpin.Application {
	a := kingpin.New("tbot", "").Interspersed(false)
	a.Terminate(func(int) { panic(terminated{}) })
	a.UsageWriter(discard{})
	a.ErrorWriter(discard{})

	// cli.NewGlobalArgs (globals.go) and main.go's hidden profiles.
	m.boolean(a, "debug").Short('d')
	a.Flag("config", "").Short('c').SetValue(&stringValue{v: &m.r.Config, set: &m.r.ConfigSet})
	m.str(a, "config-string").Hidden()
	m.boolean(a, "fips")
	m.boolean(a, "trace").Hidden()
	m.str(a, "trace-exporter").Hidden()
	m.boolean(a, "insecure")
	a.Flag("log-format", "").Default("text").SetValue(&stringValue{v: new(string), enum: []string{"json", "text"}})
	m.str(a, "mem-profile").Hidden()
	m.str(a, "cpu-profile").Hidden()
	m.str(a, "trace-profile").Hidden()
	a.HelpFlag.Short('h')

	a.Command("version", "")
	kube := a.Command("kube", "").Hidden()
	m.required(kube.Command("credentials", "").Hidden(), "destination-dir")

	m.kinds(a.Command("start", ""))
	configure := a.Command("configure", "")
	m.str(configure, "output").Short('o')
	m.kinds(configure)

	keypair := a.Command("keypair", "")
	create := keypair.Command("create", "")
	m.required(create, "proxy-server")
	m.str(create, "storage")
	m.str(create, "static-key-path")
	m.boolean(create, "overwrite")
	m.boolean(create, "static")
	m.enum(create, "format", "text", "json")

	initCmd := a.Command("init", "")
	m.authProxy(initCmd)
	for _, f := range []string{"destination-dir", "owner", "bot-user", "reader-user", "init-dir"} {
		m.str(initCmd, f)
	}
	m.boolean(initCmd, "clean")

	migrate := a.Command("migrate", "")
	m.str(migrate, "output").Short('o')

	for _, name := range []string{"db", "proxy"} {
		cmd := a.Command(name, "")
		m.str(cmd, "proxy-server")
		m.str(cmd, "destination-dir")
		m.str(cmd, "cluster")
		remaining(cmd, "args")
	}
	mux := a.Command("ssh-multiplexer-proxy-command", "")
	remaining(mux, "socket")

	// ssh_proxy.go: hidden, run by the ssh_config tbot writes.
	sshProxy := a.Command("ssh-proxy-command", "").Hidden()
	m.required(sshProxy, "user", "host", "proxy-server")
	m.str(sshProxy, "destination-dir")
	m.str(sshProxy, "cluster")
	m.str(sshProxy, "port")
	m.str(sshProxy, "proxy-templates")
	m.boolean(sshProxy, "tls-routing").Required()
	m.boolean(sshProxy, "connection-upgrade").Required()
	m.boolean(sshProxy, "resume")

	inspect := a.Command("spiffe-inspect", "")
	m.required(inspect, "path")
	a.Command("tpm", "").Command("identify", "")
	systemd := a.Command("install", "").Command("systemd", "")
	for _, f := range []string{"group", "name", "pid-file", "systemd-directory", "user"} {
		m.str(systemd, f)
	}
	for _, f := range []string{"anonymous-telemetry", "force", "write"} {
		m.boolean(systemd, f)
	}
	copyBinaries := a.Command("copy-binaries", "")
	m.boolean(copyBinaries, "include-fdpass")
	copyBinaries.Arg("destination-dir", "").Required().SetValue(&stringValue{v: new(string)})
	wait := a.Command("wait", "")
	m.required(wait, "diag-addr")
	m.str(wait, "service")
	m.dur(wait, "timeout")
	return a
}

type terminated struct{}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// unbundle splits -d off a bundle of short flags (-dc FILE, -dcFILE, -dx) before any '--', as
// kingpin itself does. v2.4.0 does it in its lexer but then loses count of the raw arguments, and
// takes the argument before a later '--' for the first after it ("unexpected --"); the fork marks
// '--' itself, so this model follows the fork. -d is tbot's one short bool known everywhere, so
// the split is kingpin's own anywhere before the '--'.
func unbundle(args []string) []string {
	var out []string
	for i, arg := range args {
		if arg == "--" {
			return append(out, args[i:]...)
		}
		for len(arg) > 2 && strings.HasPrefix(arg, "-d") && arg[2] != '-' {
			out = append(out, "-d")
			arg = "-" + arg[2:]
		}
		out = append(out, arg)
	}
	return out
}

// parse parses args with a fresh parser: kingpin keeps values in its clauses.
func parse(args []string) (r result) {
	args = unbundle(args)
	m := &model{r: &r}
	a := m.app()
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(terminated); !ok {
				panic(p)
			}
			r.OK = false
			r.Command = ""
			r.Exit = "help"
			for _, arg := range args {
				if strings.HasPrefix(arg, "--completion-") {
					r.Exit = "completion"
				}
			}
		}
	}()
	cmd, err := a.Parse(args)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	r.OK = true
	r.Command = cmd
	return r
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	// kingpin prints bash completions with fmt.Printf: not into the results.
	os.Stdout, _ = os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var args []string
		if err := json.Unmarshal(in.Bytes(), &args); err != nil {
			fmt.Fprintln(os.Stderr, "kingpin-model: bad input line:", err)
			os.Exit(2)
		}
		if err := enc.Encode(parse(args)); err != nil {
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "kingpin-model:", err)
		os.Exit(2)
	}
	out.Flush()
}
