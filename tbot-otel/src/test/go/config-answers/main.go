// Command config-answers writes how tbot's Go reads a corpus of config texts with gopkg.in/yaml.v3
// v3.0.1, as tbot's ReadConfig does (lib/tbot/config: the version read first, then configV1 and
// its migration, or BotConfig, whose UnmarshalYAML decodes through Node.Decode, and its
// ServiceConfigs read entry by entry by type): the answers TbotConfigReaderGoAnswersTest holds
// tbot-otel's TbotConfigReader to. Only what tbot-otel reports is modelled: the fields it reads,
// with tbot's Go types, plus anonymous_analytics (*bool) and anonymous_analytics_endpoint
// (*string) where tbot would have them; every other key is left out, as tbot-otel ignores it.
// Regenerate (docs/testing.md):
//
//	cd tbot-otel/src/test/go/config-answers && GOTOOLCHAIN=local go run . > ../../resources/com/goteleport/tbot/otel/config/go-config-answers.jsonl
//
// With -random N it writes N seeded random mutations of the configs under
// src/test/resources/configs instead of the default 40 (for a larger run outside the build,
// TbotConfigReaderGoAnswersTest's -DconfigAnswers=FILE); with N <= 1000, of the short ones only.
// As many more (-tabs N otherwise) have tabs put in, from a random source of their own. With -long
// it adds texts near the size limit with tabs between values (1 MiB each; not checked in).
//
// One JSON object a line: {"name", "text" (or "b64" for bytes that are not UTF-8), "consent":
// "true"|"false"|"absent"|"error" (the first document decoded into a struct holding
// anonymous_analytics alone; no document at all is absent), then either "error" (why tbot's
// ReadConfig, or what it then checks of the fields modelled, refuses the text) or "config": [v1,
// oneshot, join_method, join_uri, anonymous_analytics ("true"|"false"|"absent"), endpoint (or null),
// total, database, kubernetes, application]}.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

type answer struct {
	Name    string  `json:"name"`
	Text    *string `json:"text,omitempty"`
	B64     string  `json:"b64,omitempty"`
	Consent string  `json:"consent"`
	Error   string  `json:"error,omitempty"`
	Config  []any   `json:"config,omitempty"`
}

type config struct {
	V1         bool
	Oneshot    bool
	JoinMethod string
	JoinURI    string
	Consent    string
	Endpoint   *string
	Counts     [4]int
}

// The config as one JSON array, in the order the header says.
func (c *config) array() []any {
	return []any{c.V1, c.Oneshot, c.JoinMethod, c.JoinURI, c.Consent, c.Endpoint, c.Counts[0], c.Counts[1],
		c.Counts[2], c.Counts[3]}
}

// What each service type of tbot's ServiceConfigs is, for the counts: an output of a kind
// (0 total only, 1 database, 2 kubernetes, 3 application), one that writes to a destination (-1),
// or one that writes to none (-2). Any other type tbot refuses.
var serviceKinds = map[string]int{
	"identity": 0, "ssh_host": 0, "database": 1, "kubernetes": 2, "kubernetes/v2": 2,
	"kubernetes/argo-cd": 2, "application": 3,
	"spiffe-svid": -1, "workload-identity-x509": -1, "workload-identity-jwt": -1,
	"workload-identity-aws-roles-anywhere": -1, "ssh-multiplexer": -1,
	"example": -2, "spiffe-workload-api": -2, "database-tunnel": -2, "application-tunnel": -2,
	"workload-identity-api": -2, "application-proxy": -2,
}

type serviceConfigs struct{ counts [4]int }

// As tbot's ServiceConfigs.UnmarshalYAML: every node of the content is one entry, decoded first
// for its type, then as that type (here: its destination, if it writes to one).
func (s *serviceConfigs) UnmarshalYAML(node *yaml.Node) error {
	var c [4]int
	for _, n := range node.Content {
		header := struct {
			Type string `yaml:"type"`
		}{}
		if err := n.Decode(&header); err != nil {
			return err
		}
		kind, ok := serviceKinds[header.Type]
		if !ok {
			return fmt.Errorf("unrecognized service type (%s)", header.Type)
		}
		switch {
		case kind == -2:
			continue
		case kind == -1:
			d := struct {
				Destination any `yaml:"destination"`
			}{}
			if err := n.Decode(&d); err != nil {
				return err
			}
			if d.Destination == nil {
				return errors.New("no destination configured") // CheckAndSetDefaults
			}
			c[0]++
		default:
			c[0]++
			if kind > 0 {
				c[kind]++
			}
		}
	}
	s.counts = c
	return nil
}

type onboarding struct {
	JoinMethod string `yaml:"join_method"`
}

type botConfig struct {
	Version    string         `yaml:"version"`
	Onboarding onboarding     `yaml:"onboarding,omitempty"`
	Outputs    serviceConfigs `yaml:"outputs,omitempty"`
	Services   serviceConfigs `yaml:"services,omitempty"`
	JoinURI    string         `yaml:"join_uri,omitempty"`
	Oneshot    bool           `yaml:"oneshot"`
	Consent    *bool          `yaml:"anonymous_analytics"`
	Endpoint   *string        `yaml:"anonymous_analytics_endpoint"`
}

// As tbot's BotConfig.UnmarshalYAML: through an alias, inline, with Node.Decode (whose decoder
// does not inherit the outer one's KnownFields).
func (c *botConfig) UnmarshalYAML(node *yaml.Node) error {
	type alias botConfig
	out := struct {
		*alias `yaml:",inline"`
	}{alias: (*alias)(c)}
	return node.Decode(&out)
}

type configV1 struct {
	Onboarding   onboarding            `yaml:"onboarding"`
	Oneshot      bool                  `yaml:"oneshot"`
	Destinations []configV1Destination `yaml:"destinations"`
	Outputs      []any                 `yaml:"outputs"`
	Consent      *bool                 `yaml:"anonymous_analytics"`
	Endpoint     *string               `yaml:"anonymous_analytics_endpoint"`
}

type configV1Destination struct {
	Database *struct {
		Service  string `yaml:"service"`
		Database string `yaml:"database"`
		Username string `yaml:"username"`
	} `yaml:"database"`
	KubernetesCluster string `yaml:"kubernetes_cluster"`
	App               string `yaml:"app"`
}

func consentOf(b *bool) string {
	if b == nil {
		return "absent"
	}
	return strconv.FormatBool(*b)
}

// As tbot's ReadConfig.
func readConfig(data []byte) (*config, error) {
	var version struct {
		Version string `yaml:"version"`
	}
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&version); err != nil {
		return nil, fmt.Errorf("failed parsing config file version: %w", err)
	}
	decoder := yaml.NewDecoder(bytes.NewReader(data))
	switch version.Version {
	case "v1", "":
		var c configV1
		if err := decoder.Decode(&c); err != nil {
			return nil, err
		}
		if len(c.Outputs) > 0 {
			return nil, errors.New("config has been detected as potentially v1, but includes the v2 outputs field")
		}
		out := &config{V1: true, Oneshot: c.Oneshot, JoinMethod: c.Onboarding.JoinMethod, Consent: consentOf(c.Consent),
			Endpoint: c.Endpoint}
		for _, d := range c.Destinations {
			kinds := 0
			out.Counts[0]++
			if d.Database != nil {
				out.Counts[1]++
				kinds++
			}
			if d.KubernetesCluster != "" {
				out.Counts[2]++
				kinds++
			}
			if d.App != "" {
				out.Counts[3]++
				kinds++
			}
			if kinds > 1 {
				return nil, errors.New("multiple potential output types detected, cannot determine correct type")
			}
		}
		return out, nil
	case "v2":
		decoder.KnownFields(true)
		var c botConfig
		if err := decoder.Decode(&c); err != nil {
			return nil, err
		}
		out := &config{Oneshot: c.Oneshot, JoinMethod: c.Onboarding.JoinMethod, JoinURI: c.JoinURI,
			Consent: consentOf(c.Consent), Endpoint: c.Endpoint}
		for i := range out.Counts {
			out.Counts[i] = c.Outputs.counts[i] + c.Services.counts[i]
		}
		return out, nil
	default:
		return nil, fmt.Errorf("unrecognized config version %q", version.Version)
	}
}

// anonymous_analytics alone, from the first document.
func readConsent(data []byte) string {
	var v struct {
		Consent *bool `yaml:"anonymous_analytics"`
	}
	err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&v)
	if err == io.EOF {
		return "absent"
	}
	if err != nil {
		return "error"
	}
	return consentOf(v.Consent)
}

func answerFor(name string, data []byte) (a answer) {
	a = answer{Name: name}
	if utf8.Valid(data) {
		text := string(data)
		a.Text = &text
	} else {
		a.B64 = base64.StdEncoding.EncodeToString(data)
	}
	defer func() {
		if r := recover(); r != nil { // yaml.v3 panics on a few inputs; tbot would crash: refused
			a.Consent, a.Config, a.Error = "error", nil, fmt.Sprint("panic: ", r)
		}
	}()
	a.Consent = readConsent(data)
	c, err := readConfig(data)
	if err != nil {
		// Short, to keep the file small: the kind of error, without the parts every one has.
		a.Error = strings.ReplaceAll(err.Error(), "\n", " ")
		a.Error = strings.TrimPrefix(a.Error, "failed parsing config file version: ")
		a.Error = lineNumber.ReplaceAllString(strings.TrimPrefix(a.Error, "yaml: "), "")
		a.Error = strings.TrimSpace(strings.TrimPrefix(a.Error, "unmarshal errors:"))
		a.Error = structType.ReplaceAllString(quoted.ReplaceAllString(a.Error, "`...`"), "struct")
		if first := strings.Index(a.Error, "   "); first > 0 {
			a.Error = a.Error[:first] // the first of several unmarshal errors
		}
		if len(a.Error) > 60 {
			a.Error = a.Error[:60]
		}
	} else {
		a.Config = c.array()
	}
	return a
}

var (
	lineNumber = regexp.MustCompile(`line \d+: `)
	quoted     = regexp.MustCompile("`[^`]*`")
	structType = regexp.MustCompile(`struct \{.*\}`)
)

type testCase struct {
	name string
	text []byte
}

// The values written after a key in the hand-written cases.
var values = []string{
	"true", "false", "True", "False", "TRUE", "FALSE", "tRUE", "fAlSe", "yes", "no", "Yes", "No", "YES",
	"NO", "yEs", "nO", "y", "n", "Y", "N", "on", "off", "On", "Off", "ON", "OFF", "oN", "oFF",
	`"yes"`, `'no'`, `"true"`, `'false'`, `"y"`, `"n"`, `"on"`, `'off'`, `"No"`, `"OFF"`, "1", "0", `"1"`, `"0"`,
	"~", "null", "Null", "NULL", "nULL", `""`, `''`, "!!bool true", "!!bool false", "!!bool yes", "!!bool no",
	"!!bool on", "!!bool off", "!!bool y", "!!bool n", "!!bool True", "!!bool FALSE", `!!bool "true"`,
	`!!bool 'false'`, `!!bool "no"`, "!!bool maybe", "!!bool", "!!bool ~", "!!str true", "!!str false",
	"!!str yes", "!!str no", "!!str", "!x false", "!x true", "!x no", "!x yes", "!!null", "!!null ~",
	"!!null false", "!!null null", "!<tag:yaml.org,2002:bool> false", "!<tag:yaml.org,2002:bool> no",
	"!<tag:yaml.org,2002:str> no", "!<tag:yaml.org,2002:str> false", "! false", "! no", "! yes",
	"!!int 0", "!!int 1", "!!float 0", "!!binary ZmFsc2U=", "!!binary bm8=", "!!binary dHJ1ZQ==",
	"!!timestamp false", "!!set false", "!!omap false", "!!foo false", "!!foo no", "!!merge false",
	"[false]", "[no]", "{x: false}", "[]", "{}", `"false "`, `" false"`, "false # c", "no #c",
	"false#c", "no#c", "|\n  false", ">\n  false", "|-\n  no", ">-\n  off", "|\n  yes\n", `"\x66alse"`,
	`"\u0066alse"`, `"\x6eo"`, `"n\x6F"`, "false\t", "no\t# c", "0x0", "0o0", "+0", "-0", ".0", "0.0",
	"1_0", "0b0", ".nan", ".inf", "2001-12-14", "n/a", "none", "NONE", "disabled", "enable", "t", "f",
	"T", "F", "'f'", "&a false", "&a no", "&a yes", "*undefined", "? false", "- false", "false:",
	"false,", "[false, true]", "{false: true}", "!!bool\n  false", "\n  false", "\n  no", "\n  yes",
	"'\n  no'", "\"\n  false\"", `"fal\
  se"`, "off # no", "n # yes", "Off\r", "\u00a0false", "false\u00a0", "\u200bfalse", "ｆａｌｓｅ",
}

// Key spellings for anonymous_analytics, each given a no.
var keys = []string{
	"anonymous_analytics", "Anonymous_Analytics", "ANONYMOUS_ANALYTICS", "Anonymous_analytics",
	`"anonymous_analytics"`, `'anonymous_analytics'`, "anonymous_analytics ", "anonymous_analytics\t",
	`"anonymous_analytics "`, `" anonymous_analytics"`, "!!str anonymous_analytics",
	"!!binary YW5vbnltb3VzX2FuYWx5dGljcw==", "!x anonymous_analytics", "! anonymous_analytics",
	"!<tag:yaml.org,2002:str> anonymous_analytics", `"\x61nonymous_analytics"`,
	`"anonymous\u005fanalytics"`, `"anonymous_analytics\u200b"`, "anonymous-analytics",
	"anonymousAnalytics", "anonymous_analytics_", "anonymous analytics", "&k anonymous_analytics",
	"? anonymous_analytics\n", "? |-\n  anonymous_analytics\n", "? >-\n  anonymous_analytics\n",
	`"anonymous_\
  analytics"`, "anonymous_analytics:", "[anonymous_analytics]", "{anonymous_analytics: x}",
	"ａnonymous_analytics", "anonymous_analyticſ",
}

func hand() []testCase {
	var out []testCase
	add := func(name, text string) { out = append(out, testCase{name, []byte(text)}) }
	for i, v := range values {
		add(fmt.Sprintf("value-%d-v2", i), "version: v2\nanonymous_analytics: "+v+"\noneshot: "+v+"\n")
		if i%4 == 0 {
			add(fmt.Sprintf("value-%d", i), "anonymous_analytics: "+v+"\n")
		}
		if i%6 == 0 {
			add(fmt.Sprintf("value-%d-flow", i), "{anonymous_analytics: "+v+", version: v1}\n")
		}
	}
	for i, k := range keys {
		sep := ": "
		if strings.HasSuffix(k, "\n") {
			sep = ": "
		}
		add(fmt.Sprintf("key-%d", i), k+sep+"false\n")
		if i%2 == 0 {
			add(fmt.Sprintf("key-%d-yes-after", i), k+sep+"false\nanonymous_analytics: true\n")
		}
	}
	for i, s := range []string{
		// Duplicates, merges, anchors and aliases.
		"anonymous_analytics: true\nanonymous_analytics: false\n",
		"anonymous_analytics: false\nanonymous_analytics: true\n",
		"anonymous_analytics: false\nanonymous_analytics: false\n",
		"<<: {anonymous_analytics: false}\nanonymous_analytics: true\n",
		"anonymous_analytics: true\n<<: {anonymous_analytics: false}\n",
		"<<: {anonymous_analytics: false}\n",
		"<<: {anonymous_analytics: true}\n",
		"<<: [{anonymous_analytics: false}, {anonymous_analytics: true}]\n",
		"<<: [{anonymous_analytics: true}, {anonymous_analytics: false}]\n",
		"<<: {anonymous_analytics: false, anonymous_analytics: true}\n",
		"<<: {anonymous_analytics: true, anonymous_analytics: false}\n",
		"<<: {<<: {anonymous_analytics: false}}\n",
		"<<: {<<: {anonymous_analytics: false}, anonymous_analytics: true}\n",
		"<<: {anonymous_analytics: false}\n<<: {anonymous_analytics: true}\n",
		"<<: [{anonymous_analytics: false}]\n<<: {anonymous_analytics: true}\n",
		"base: &b {anonymous_analytics: false}\n<<: *b\n",
		"base: &b {anonymous_analytics: false}\n<<: *b\nanonymous_analytics: true\n",
		"base: &b {anonymous_analytics: false}\n<<: [*b]\n",
		"base: &b [{anonymous_analytics: false}]\n<<: *b\n",
		"base: &b false\n<<: *b\n",
		"base: &b false\nanonymous_analytics: *b\n",
		"base: &b no\nanonymous_analytics: *b\n",
		"base: &b 'no'\nanonymous_analytics: *b\n",
		"anonymous_analytics: &b false\nother: *b\n",
		"k: &k anonymous_analytics\n*k : false\n",
		"k: &k anonymous_analytics\n*k : false\nanonymous_analytics: true\n",
		"? &k anonymous_analytics\n: false\n",
		"<<: *undefined\n",
		"<<: 1\nanonymous_analytics: false\n",
		"<<: ~\nanonymous_analytics: false\n",
		"<<: []\nanonymous_analytics: false\n",
		"<<: {}\nanonymous_analytics: false\n",
		"<<: [1]\nanonymous_analytics: false\n",
		"!!merge <<: {anonymous_analytics: false}\n",
		"\"<<\": {anonymous_analytics: false}\n",
		"'<<': {anonymous_analytics: false}\n",
		"!!str <<: {anonymous_analytics: false}\n",
		"!!merge x: {anonymous_analytics: false}\n",
		"<<: !!map {anonymous_analytics: false}\n",
		"<<: !x {anonymous_analytics: false}\n",
		"<<: &m {anonymous_analytics: false}\nx: *m\n",
		"a: &a {anonymous_analytics: false}\nb: &b {<<: *a}\n<<: *b\n",
		"a: &a {anonymous_analytics: false}\nb: &b {<<: *a, anonymous_analytics: true}\n<<: *b\n",
		"a: &a {anonymous_analytics: true}\nb: &b {<<: *a, anonymous_analytics: false}\n<<: *b\n",
		"a: &a {anonymous_analytics: false}\n<<: [*a, *a]\n",
		"a: &a {x: 1, x: 2}\n<<: *a\nanonymous_analytics: false\n",
		"a: &a {x: 1, x: 2}\nanonymous_analytics: false\n",
		"1: a\n\"1\": b\nanonymous_analytics: false\n",
		"1: a\n1.0: b\nanonymous_analytics: false\n",
		"true: a\n\"true\": b\nanonymous_analytics: false\n",
		"null: a\n~: b\nanonymous_analytics: false\n",
		"~: a\n\"~\": b\nanonymous_analytics: false\n",
		"? [a]\n: 1\nanonymous_analytics: false\n",
		"? {a: 1}\n: 1\nanonymous_analytics: false\n",
		"? [a]\n: 1\n? [a]\n: 2\nanonymous_analytics: false\n",
		"0x1: a\n1: b\nanonymous_analytics: false\n",
		"a: 1\n!!str a: 2\nanonymous_analytics: false\n",
		"anonymous_analytics: false\n!!binary YW5vbnltb3VzX2FuYWx5dGljcw==: true\n",
		"!!binary YW5vbnltb3VzX2FuYWx5dGljcw==: true\nanonymous_analytics: false\n",
		"!!binary YW5vbnltb3VzX2FuYWx5dGljcw==: false\n",
		"!!binary YW5vbnltb3VzX2FuYWx5\n  dGljcw==: false\n",
		"!!binary YW5vbnltb3VzX2FuYWx5dGljcw: false\n",
		// Documents, directives, encodings, line breaks.
		"anonymous_analytics: true\n---\nanonymous_analytics: false\n",
		"anonymous_analytics: false\n---\nanonymous_analytics: true\n",
		"---\nanonymous_analytics: false\n...\n",
		"--- \nanonymous_analytics: false\n",
		"---\n---\nanonymous_analytics: false\n",
		"...\nanonymous_analytics: false\n",
		"--- anonymous_analytics: false\n",
		"--- {anonymous_analytics: false}\n",
		"--- !!map\nanonymous_analytics: false\n",
		"--- !!str\nanonymous_analytics: false\n",
		"--- !x\nanonymous_analytics: false\n",
		"--- &a\nanonymous_analytics: false\n",
		"%YAML 1.1\n---\nanonymous_analytics: no\n",
		"%YAML 1.2\n---\nanonymous_analytics: no\n",
		"%YAML 1.3\n---\nanonymous_analytics: no\n",
		"%YAML 2.0\n---\nanonymous_analytics: false\n",
		"%YAML 1.1\n%YAML 1.1\n---\nanonymous_analytics: false\n",
		"%TAG ! tag:yaml.org,2002:\n---\nanonymous_analytics: !bool false\n",
		"%TAG ! tag:yaml.org,2002:\n---\nanonymous_analytics: !str false\n",
		"%TAG !e! tag:yaml.org,2002:\n---\nanonymous_analytics: !e!bool no\n",
		"%TAG !! tag:example.com,2000:\n---\nanonymous_analytics: !!bool false\n",
		"%FOO bar\n---\nanonymous_analytics: false\n",
		"anonymous_analytics: false\n---\n[\n",
		"anonymous_analytics: false\n--- [\n",
		"anonymous_analytics: false\n---\n: :\n",
		"anonymous_analytics: false\n...\n[\n",
		"anonymous_analytics: false\n...\n%YAML 1.1\n---\nx: 1\n",
		"anonymous_analytics: false\n...\ngarbage: [\n",
		"anonymous_analytics: false\n%YAML 1.1\n",
		"\ufeffanonymous_analytics: false\n",
		"\ufeff\ufeffanonymous_analytics: false\n",
		"anonymous_analytics: false\n\ufeff",
		"anonymous_analytics: \ufefffalse\n",
		"anonymous_analytics: false\r\n",
		"version: v2\r\nanonymous_analytics: false\r\noneshot: true\r\n",
		"version: v2\ranonymous_analytics: false\roneshot: true\r",
		"version: v2\u0085anonymous_analytics: false\u0085",
		"version: v2\u2028anonymous_analytics: false\u2028",
		"version: v2\u2029anonymous_analytics: false\n",
		"anonymous_analytics:\tfalse\n",
		"anonymous_analytics\t: false\n",
		"\tanonymous_analytics: false\n",
		"anonymous_analytics: false\t\n",
		"x:\n\t- 1\nanonymous_analytics: false\n",
		"anonymous_analytics: false\x00\n",
		"anonymous_analytics: false\n\x00",
		"anonymous_analytics: \"fa\x01lse\"\n",
		"anonymous_analytics: false\x7f\n",
		"anonymous_analytics: false\n\x1b",
		"a: \"\\ud800\"\nanonymous_analytics: false\n",
		"a: \"\\U00110000\"\nanonymous_analytics: false\n",
		"a: \"\\q\"\nanonymous_analytics: false\n",
		// Flow and block forms.
		"{anonymous_analytics: false}\n",
		"{\"anonymous_analytics\":false}\n",
		"{\"anonymous_analytics\": false, \"version\": \"v2\"}\n",
		"{anonymous_analytics:false}\n",
		"{'anonymous_analytics':no}\n",
		"{ ? anonymous_analytics : false }\n",
		"{anonymous_analytics}\n",
		"{anonymous_analytics: false,}\n",
		"{anonymous_analytics: false, anonymous_analytics: true}\n",
		"[anonymous_analytics: false]\n",
		"- anonymous_analytics: false\n",
		"anonymous_analytics\n",
		"false\n",
		"~\n",
		"\"\"\n",
		"!!map {anonymous_analytics: false}\n",
		"!!map\nanonymous_analytics: false\n",
		"!!omap\n- anonymous_analytics: false\n",
		"!!set\n? anonymous_analytics\n",
		"!x\nanonymous_analytics: false\n",
		"!!str\nanonymous_analytics: false\n",
		"&root\nanonymous_analytics: false\n",
		"&root {anonymous_analytics: false, self: *root}\n",
		" anonymous_analytics: false\n",
		"  anonymous_analytics: false\n  version: v2\n",
		"anonymous_analytics:\n  false\n",
		"anonymous_analytics:\nfalse\n",
		"anonymous_analytics: false\n  x: 1\n",
		"anonymous_analytics: false\n x: 1\n",
		"anonymous_analytics:   false   \n",
		"anonymous_analytics: false # yes\n",
		"# anonymous_analytics: true\nanonymous_analytics: false\n",
		"anonymous_analytics: # true\n  false\n",
		"anonymous_analytics: false\n# ---\n",
		"onboarding:\n  anonymous_analytics: false\n",
		"x:\n  anonymous_analytics: false\nanonymous_analytics: true\n",
		"anonymous_analytics: false\nanonymous_analytics_endpoint: http://x\n",
		"anonymous_analytics_endpoint: 5\n",
		"anonymous_analytics_endpoint: ~\n",
		"anonymous_analytics_endpoint: \"\"\n",
		"anonymous_analytics_endpoint: true\n",
		"anonymous_analytics_endpoint: [x]\n",
		"anonymous_analytics_endpoint: !!binary aHR0cDovL3g=\n",
		"anonymous_analytics_endpoint: 2001-12-14\n",
		"? " + strings.Repeat("k", 1100) + "\n: 1\nanonymous_analytics: false\n",
		"\"" + strings.Repeat("k", 1030) + "\": 1\nanonymous_analytics: false\n",
		strings.Repeat("k", 1030) + ": 1\nanonymous_analytics: false\n",
		strings.Repeat("[", 60) + strings.Repeat("]", 60) + "\n",
		"x: " + strings.Repeat("[", 45) + strings.Repeat("]", 45) + "\nanonymous_analytics: false\n",
		"x: " + strings.Repeat("[", 30) + strings.Repeat("]", 30) + "\nanonymous_analytics: false\n",
		"x: 1\n\ufeffanonymous_analytics: false\n",
		"\ufeff# c\n\ufeffanonymous_analytics: false\n",
		"\ufeff\ufeffanonymous_analytics: false\nversion: v2\n",
		"\ufeff\ufeff\ufeffanonymous_analytics: false\n",
		"\ufeff\ufeffanonymous_analytics: true\n\ufeffversion: v2\n",
		"[\ufeffanonymous_analytics]\n",
		"a: 1\n%YAML 1.1\nanonymous_analytics: true\n",
		"anonymous_analytics: true\n%x\n",
		"anonymous_analytics: true\nx: |\n  a\n%x\n",
		"a: \"\\ud800\"\nanonymous_analytics: true\n",
		"1: a\n\"1\": b\nanonymous_analytics: true\n",
		"~: a\n\"~\": b\nanonymous_analytics: true\n",
		"%YAML 1.3\n---\nanonymous_analytics: true\n",
		"%FOO bar\n---\nanonymous_analytics: true\n",
		"!!merge x: {anonymous_analytics: true}\n",
		"a0: &a0 {anonymous_analytics: false}\na1: &a1 {<<: [*a0, *a0, *a0], x: 1}\na2: &a2 {<<: [*a1, *a1, *a1]}\n" +
			"a3: &a3 {<<: [*a2, *a2, *a2]}\n<<: [*a3, *a3]\nanonymous_analytics: true\n",
		"a0: &a0 {anonymous_analytics: false}\na1: &a1 {<<: [*a0, *a0, *a0], x: 1}\na2: &a2 {<<: [*a1, *a1, *a1]}\n" +
			"a3: &a3 {<<: [*a2, *a2, *a2]}\n<<: [*a3, *a3]\n",
		"b: &b [{anonymous_analytics: true}]\n<<: *b\n",
		"<<: &b [{anonymous_analytics: true}]\nc: *b\n",
		"a: &'off' x\nanonymous_analytics: true\n",
		"a: &x.y x\nanonymous_analytics: true\n",
		"a: &x-_9 {b: 1}\nc: *x-_9\nanonymous_analytics: true\n",
		"{anonymous_analytics: true}\n  ---\nx: 1\n",
		"{anonymous_analytics: true}\nfoo\n",
		"  anonymous_analytics: true\nversion: v2\n",
		"anonymous_analytics: true\n...\ngarbage: [\n",
		"anonymous_analytics: true\n...\n'\n",
		"anonymous_analytics: yes\nversion: v2\n%YAML 1.1\nanonymous_analytics: FALSE\n",
		"%YAML 1.1\n",
		"%YAML 1.1\nanonymous_analytics: true\n",
		"anonymous_analytics: true\n...\n%YAML 1.1\n",
		"anonymous_analytics: true\n%YAML 1.1\n---\nx: 1\n",
		"'<<': {anonymous_analytics: true}\n<<: {x: 1}\n",
		"! <<: {anonymous_analytics: false}\n",
		"a: \"\\ud83d\\ude00\"\nanonymous_analytics: true\n",
		"a: '\\ud800'\nanonymous_analytics: true\n",
		"",
		"\n",
		"# only a comment\n",
		"---\n",
		"...\n",
		"--- ~\n",
	} {
		add(fmt.Sprintf("yaml-%d", i), s)
	}
	// UTF-16, with and without a byte order mark.
	for i, s := range []string{"anonymous_analytics: false\n", "version: v2\nanonymous_analytics: no\noneshot: yes\n"} {
		u := utf16.Encode([]rune(s))
		le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
		var leNoMark, beNoMark []byte
		for _, c := range u {
			le = append(le, byte(c), byte(c>>8))
			be = append(be, byte(c>>8), byte(c))
			leNoMark = append(leNoMark, byte(c), byte(c>>8))
			beNoMark = append(beNoMark, byte(c>>8), byte(c))
		}
		out = append(out, testCase{fmt.Sprintf("utf16le-%d", i), le}, testCase{fmt.Sprintf("utf16be-%d", i), be},
			testCase{fmt.Sprintf("utf16le-nomark-%d", i), leNoMark}, testCase{fmt.Sprintf("utf16be-nomark-%d", i), beNoMark},
			testCase{fmt.Sprintf("utf8-latin1-%d", i), append([]byte(s), 0xe9, '\n')},
			testCase{fmt.Sprintf("utf8-overlong-%d", i), append([]byte("x: \xc0\xaf\n"), s...)})
	}
	// The attributes: version, oneshot, onboarding, join_uri, outputs and destinations.
	for i, v := range []string{"v1", "v2", "V2", "\"v2\"", "'v1'", "!!str v2", "v2 ", "\"v2 \"", "v3", "2", "1",
		"~", "\"\"", "[v2]", "{v: 2}", "!!binary djI=", "!x v2", "&v v2", "v2 # c", "|-\n  v2", ">\n  v2", "2.0",
		"true", "\"V1\"", "v1.0", "\"\\x762\""} {
		add(fmt.Sprintf("version-%d", i), "version: "+v+"\noneshot: true\nonboarding: {join_method: github}\n"+
			"outputs: [{type: database, destination: {}}]\n")
		add(fmt.Sprintf("version-%d-v1", i), "version: "+v+"\ndestinations: [{app: grafana}]\n")
	}
	add("version-twice", "version: v1\nversion: v2\n")
	add("version-merged", "<<: {version: v2}\noutputs: [{type: identity, destination: {type: memory}}]\n")
	add("version-merged-over", "<<: {version: v2}\nversion: v1\ndestinations: [{app: x}]\n")
	add("version-alias", "a: &v v2\nversion: *v\nservices: [{type: identity, destination: {type: memory}}]\n")
	for i, v := range []string{"github", "\"github\"", "''", "~", "5", "true", "yes", "[x]", "{x: 1}", "!!binary Z2l0aHVi",
		"2001-12-14", "1.5", "!!str 5", "\"\"", "github # c", "GitHub", "bound-keypair", "bound_keypair", "!x iam"} {
		add(fmt.Sprintf("join-%d", i), "version: v2\nonboarding:\n  join_method: "+v+"\n")
		add(fmt.Sprintf("join-%d-v1", i), "onboarding:\n  join_method: "+v+"\n")
		if i%2 == 0 {
			add(fmt.Sprintf("join-%d-uri", i), "version: v2\njoin_uri: tbot+proxy+github://t@x:443\nonboarding:\n  join_method: "+v+"\n")
		}
	}
	for i, s := range []string{"onboarding: ~", "onboarding: \"\"", "onboarding: []", "onboarding: x", "onboarding: {}",
		"onboarding:\n  join_method: iam\n  join_method: gcp", "onboarding: {<<: {join_method: iam}}",
		"onboarding: {<<: {join_method: iam}, join_method: gcp}", "a: &o {join_method: azure}\nonboarding: *o",
		"onboarding:\n  Join_Method: iam", "onboarding:\n  \"join_method\": iam", "onboarding:\n  !!binary am9pbl9tZXRob2Q=: iam",
		"onboarding:\n  join_method: iam\njoin_method: gcp", "join_method: gcp"} {
		add(fmt.Sprintf("onboarding-%d", i), "version: v2\n"+s+"\n")
		add(fmt.Sprintf("onboarding-%d-v1", i), s+"\n")
	}
	for i, v := range []string{"tbot+proxy+github://t@example.com:443", "\"tbot+proxy+bound-keypair://t:s@example.com:443\"",
		"~", "\"\"", "5", "[x]", "tbot+auth+iam://t@x", "https://x", "!!binary dGJvdCtwcm94eStnY3A6Ly90QHg=",
		"tbot+proxy+token://t@x # c"} {
		add(fmt.Sprintf("joinuri-%d", i), "version: v2\njoin_uri: "+v+"\n")
		add(fmt.Sprintf("joinuri-%d-v1", i), "join_uri: "+v+"\n")
		add(fmt.Sprintf("joinuri-%d-method", i), "version: v2\nonboarding: {join_method: iam}\njoin_uri: "+v+"\n")
	}
	for i, v := range []string{"true", "false", "yes", "no", "on", "off", "y", "n", "\"true\"", "'yes'", "~", "1", "0",
		"!!bool yes", "!!bool true", "!!str true", "TRUE", "True", "tRue", "[true]", "!x true", "!!binary dHJ1ZQ==",
		"!!binary eWVz"} {
		add(fmt.Sprintf("oneshot-%d", i), "version: v2\noneshot: "+v+"\n")
		if i%2 == 0 {
			add(fmt.Sprintf("oneshot-%d-v1", i), "oneshot: "+v+"\n")
		}
	}
	types := make([]string, 0, len(serviceKinds))
	for t := range serviceKinds {
		types = append(types, t)
	}
	sort.Strings(types)
	types = append(types, "Identity", "identity ", "\"identity\"", "!!str database", "!!binary ZGF0YWJhc2U=", "5", "~",
		"\"\"", "[identity]", "unknown", "kubernetes/v3", "spiffe-svid ", "&t identity", "database # c")
	for i, t := range types {
		add(fmt.Sprintf("type-%d", i), "version: v2\nservices:\n  - type: "+t+"\n    destination: {type: memory}\n")
		add(fmt.Sprintf("type-%d-nodest", i), "version: v2\noutputs: [{type: "+t+"}]\n")
		if i%3 == 0 {
			add(fmt.Sprintf("type-%d-nulldest", i), "version: v2\noutputs: [{type: "+t+", destination: ~}]\n")
		}
	}
	for i, s := range []string{"outputs: ~", "outputs: []", "outputs: \"\"", "outputs: x", "outputs: {}",
		"outputs: {type: identity}", "outputs: [~]", "outputs: [identity]", "outputs: [[]]", "outputs: [{}]",
		"outputs: !!map {}", "outputs: !!seq []", "outputs: !x [{type: database, destination: {}}]",
		"outputs:\n  - type: identity\n    type: database\n    destination: {}",
		"outputs:\n  - <<: {type: database}\n    destination: {}",
		"outputs:\n  - <<: {type: database}\n    type: application\n    destination: {}",
		"a: &o {type: kubernetes, destination: {}}\noutputs: [*o, *o, *o]",
		"a: &l [{type: kubernetes, destination: {}}]\noutputs: *l\nservices: *l",
		"outputs:\n  - Type: database\n    destination: {}", "outputs:\n  - \"type\": database\n    destination: {}",
		"outputs:\n  - !!binary dHlwZQ==: database\n    destination: {}",
		"outputs:\n  - type: ssh-multiplexer\n    Destination: {}", "outputs:\n  - type: ssh-multiplexer\n    destination: x",
		"outputs:\n  - type: ssh-multiplexer\n    destination: []", "outputs:\n  - type: ssh-multiplexer\n    destination: \"\"",
		"outputs:\n  - type: ssh-multiplexer\n    destination: !!null ~", "outputs:\n  - type: ssh-multiplexer\n    <<: {destination: {}}",
		"outputs:\n  - type: identity\noutputs:\n  - type: database", "services:\n- type: database\n  destination: {}\n- type: application\n  destination: {}",
		"services: [{type: database, destination: {}}, {type: database-tunnel}, {type: identity, destination: {}}]",
		"destinations: [{app: x}]", "outputs: [{type: identity, destination: {}}]\ndestinations: [{app: x}]",
	} {
		add(fmt.Sprintf("outputs-%d", i), "version: v2\n"+s+"\n")
		if i%2 == 0 {
			add(fmt.Sprintf("outputs-%d-v1", i), s+"\n")
		}
	}
	for i, s := range []string{"destinations: ~", "destinations: []", "destinations: \"\"", "destinations: {}",
		"destinations: [~]", "destinations: [x]", "destinations: [{}]", "destinations: [[]]",
		"destinations:\n  - database: ~", "destinations:\n  - database: {}", "destinations:\n  - database: \"\"",
		"destinations:\n  - database: x", "destinations:\n  - database: []", "destinations:\n  - database: {service: 5}",
		"destinations:\n  - database: {service: [x]}", "destinations:\n  - database: !!null",
		"destinations:\n  - kubernetes_cluster: \"\"", "destinations:\n  - kubernetes_cluster: ~",
		"destinations:\n  - kubernetes_cluster: 5", "destinations:\n  - kubernetes_cluster: false",
		"destinations:\n  - kubernetes_cluster: [x]", "destinations:\n  - kubernetes_cluster: {}",
		"destinations:\n  - kubernetes_cluster: 2001-12-14", "destinations:\n  - kubernetes_cluster: !!binary \"\"",
		"destinations:\n  - kubernetes_cluster: !!str", "destinations:\n  - app: \"\"", "destinations:\n  - app: 0",
		"destinations:\n  - app: x\n    kubernetes_cluster: y", "destinations:\n  - app: x\n    database: {}",
		"destinations:\n  - app: x\n    database: ~", "destinations:\n  - app: \"\"\n    database: {}",
		"destinations:\n  - App: x", "destinations:\n  - app: x\n    app: y", "destinations:\n  - <<: {app: x}",
		"destinations:\n  - <<: {app: x}\n    app: \"\"", "a: &d {kubernetes_cluster: k}\ndestinations: [*d, *d]",
		"destinations:\n  - configs: [ssh_host_cert]\n    app: x", "outputs: []\ndestinations: [{app: x}]",
		"outputs: ~\ndestinations: [{app: x}]", "outputs: [~]\ndestinations: [{app: x}]",
	} {
		add(fmt.Sprintf("destinations-%d", i), s+"\n")
		if i%4 == 0 {
			add(fmt.Sprintf("destinations-%d-v2", i), "version: v2\n"+s+"\n")
		}
	}
	// From the review of the differential's fixes: keys tagged !!merge that are no scalar, and what
	// Go's scanner reads ahead past the next ---.
	for i, s := range []string{"!!merge {a: 1}: {anonymous_analytics: true}\n", "? !!merge [a]\n: {anonymous_analytics: true}\n",
		"{!!merge [a]: {anonymous_analytics: true}}\n", "!<tag:yaml.org,2002:merge> {a: 1}: {anonymous_analytics: true}\n",
		"anonymous_analytics: true\n---\n---\n\"\n", "anonymous_analytics: true\n---\n...\n---\n\"\n",
		"anonymous_analytics: true\n---\n# c\n---\n\"\n", "anonymous_analytics: true\n---\nx\ny: 1\n",
		"anonymous_analytics: true\n---\n|\n x\n\t\n", "anonymous_analytics: true\n---\n\uFEFF\nx: 1\n",
		"anonymous_analytics: true\n---\n: not yaml [\n", "anonymous_analytics: true\n---\nx\n---\n\"x\n",
	} {
		add(fmt.Sprintf("review-%d", i), s)
	}
	// From the review of the tab fixes, and the tests that hold its findings: a value after a ? key's
	// value with no : between; after the next ---, an anchor's or alias's name Go refuses (also past
	// a key's or a block's start), a tab among a literal's leading blanks, and what Go's scanner
	// reads ahead there (or does not).
	for i, s := range []string{
		"anonymous_analytics: true\n? b\n|\n", "anonymous_analytics: true\n? \"a\" |\n", "anonymous_analytics: true\n? b\n>-\n x\n",
		"anonymous_analytics: true\n? [a]\n|\n", "x: &x a\nanonymous_analytics: true\n? *x\n|\n",
		"anonymous_analytics: true\nk:\n  - ? \"{a: b}\" |", "anonymous_analytics: true\n? b\n: |\n x\n? c\n",
		"? b\n|\nanonymous_analytics: true\n", "anonymous_analytics: true\n? b\n'c'\n", "anonymous_analytics: true\n? b\n\"c\": d\n",
		"anonymous_analytics: true\n? b\n? c\n", "anonymous_analytics: true\n? b\n- c\n",
		"anonymous_analytics: true\n---\n*x>-\n", "anonymous_analytics: true\n--- *x|\n", "anonymous_analytics: true\n--- &x> a\n",
		"anonymous_analytics: true\n---\n&x? a\n", "anonymous_analytics: true\n--- !!str\n*x|k: a\n",
		"anonymous_analytics: true\n---\n*x? !!str k: a\n", "anonymous_analytics: true\n---\n&x| k: a\n",
		"anonymous_analytics: true\n---\n- *x>\n", "anonymous_analytics: true\n--- &x-_9 a\n", "anonymous_analytics: true\n--- &x a\n",
		"anonymous_analytics: true\n---\t>-\n \t\tx\n", "anonymous_analytics: true\n--- >-\n \tx\n", "anonymous_analytics: true\n--- |\n\tx\n",
		"anonymous_analytics: true\n--- |2\n  \tx\n", "anonymous_analytics: true\n--- >-\n  x\t\n", "anonymous_analytics: true\n--- |\n  x\n  \ty\n",
		"anonymous_analytics: true\n---\n\"\nx: 1\n", "anonymous_analytics: true\n---\n\t\nx: no\n", "anonymous_analytics: true\n---\n---\n\"",
		"anonymous_analytics: true\n---\n...\n\"", "anonymous_analytics: true\n---\n# c\n---\n\"x", "anonymous_analytics: true\n---\n|\n x\n\t",
		"anonymous_analytics: true\n...\n\n \t---\n", "anonymous_analytics: true\n---\nfoo\n", "anonymous_analytics: true\n...\n# c\n---\nfoo\n",
		"{anonymous_analytics: true}\n--- x\n", "anonymous_analytics: true\n---\nx: [\n", "anonymous_analytics: true\n--- |\n  text\n",
		"anonymous_analytics: true\n...", "{anonymous_analytics: true}\n---", "anonymous_analytics: true\n---\n- \"",
		"anonymous_analytics: true\n---\n? \"",
	} {
		add(fmt.Sprintf("review-tabs-%d", i), s)
	}
	// Tabs as separation, where Go's scanner skips one (in flow context, or where no simple key may
	// start: after a scalar, the : of a simple key, an anchor, a tag, ---) and where it does not
	// (a line's start, after -, ?, the : of a complex key); and tabs as content.
	for i, s := range []string{
		"anonymous_analytics:\tfalse\n", "anonymous_analytics:\ttrue\n", "anonymous_analytics:\t\tfalse\n",
		"anonymous_analytics: \tfalse\n", "anonymous_analytics:\t false\n", "anonymous_analytics: \t true\n",
		"version: v2\nanonymous_analytics:\tno\noneshot:\ttrue\n", "anonymous_analytics: false\t# c\n",
		"anonymous_analytics: true\t# c\n", "anonymous_analytics: false \t # c\n", "anonymous_analytics: false\t\n",
		"anonymous_analytics: \"false\"\t# c\n", "anonymous_analytics: 'no'\t\n", "anonymous_analytics: \"yes\"\t\n",
		"anonymous_analytics:\t\"false\"\t\n", "\"anonymous_analytics\"\t: false\n", "'anonymous_analytics'\t:\tfalse\n",
		"anonymous_analytics\t:\tfalse\n", "anonymous_analytics:\t# c\n  false\n", "anonymous_analytics:\t\n  false\n",
		"anonymous_analytics:\t\n\tfalse\n", "anonymous_analytics:\n\tfalse\n", "anonymous_analytics:\n  \tfalse\n",
		"anonymous_analytics:\n \t false\n",
		// At a line's start, in block context: Go refuses.
		"\tanonymous_analytics: false\n", "\tanonymous_analytics: true\n", " \tanonymous_analytics: false\n",
		"version: v2\n\tanonymous_analytics: false\n", "anonymous_analytics: false\n\t\n", "anonymous_analytics: false\n\t# c\n",
		"anonymous_analytics: true\n\t\n", "\t\nanonymous_analytics: false\n", "\t# c\nanonymous_analytics: false\n",
		"anonymous_analytics: false\n \t\n", "anonymous_analytics: false\n  \t# c\n",
		// After -, ?, the : of a complex key: Go refuses; after the : of a simple key in a list: Go reads.
		"version: v2\nservices:\n  -\ttype: identity\n    destination: {}\nanonymous_analytics: false\n",
		"version: v2\nservices:\n  - \ttype: identity\n    destination: {}\nanonymous_analytics: false\n",
		"version: v2\nservices:\n  - type:\tidentity\n    destination:\t{}\nanonymous_analytics: false\n",
		"version: v2\nservices:\n  - type: identity\t\n    destination: {}\t\nanonymous_analytics: true\n",
		"x:\n  -\t1\nanonymous_analytics: false\n", "x:\n  - 1\t\nanonymous_analytics: false\n", "x:\n- \t- 1\nanonymous_analytics: false\n",
		"?\tanonymous_analytics\n: false\n", "? anonymous_analytics\n:\tfalse\n", "? anonymous_analytics\t\n: false\n",
		"? anonymous_analytics\n: \tfalse\n", "? anonymous_analytics\n:\ttrue\n", "? \"anonymous_analytics\"\t\n:\tfalse\n",
		"- :\tfalse\n", "anonymous_analytics: false\n? x\n:\ty\n", "anonymous_analytics: true\n? x\n:\ty\n",
		"anonymous_analytics: false\nx:\n  -\ty\n", "anonymous_analytics: false\nx:\n  ?\ty\n",
		// Flow context: Go skips every tab between tokens, at a line's start too.
		"{anonymous_analytics:\tfalse}\n", "{\tanonymous_analytics: false\t}\n", "{anonymous_analytics: false,\tversion: v1}\n",
		"{anonymous_analytics: false\t, version: v1}\n", "{anonymous_analytics\t: false}\n", "[\t1,\t2\t]\nx: 1\n",
		"{\n\tanonymous_analytics: false\n}\n", "{\n\tanonymous_analytics: true\n}\n", "{anonymous_analytics:\n\tfalse}\n",
		"x: [\n\t1,\n\t2\n]\nanonymous_analytics: false\n", "x: {\n\ta: 1\n\t}\nanonymous_analytics: false\n",
		"x: [1]\t\nanonymous_analytics: false\n", "x: {a: 1}\t# c\nanonymous_analytics: false\n", "x: [1]\t,\nanonymous_analytics: false\n",
		"[anonymous_analytics]\t: false\n", "{anonymous_analytics: false}\t\n", "{anonymous_analytics: \"false\"\t}\n",
		"{\"anonymous_analytics\"\t:\tfalse}\n", "{? anonymous_analytics\t: false}\n", "{?\tanonymous_analytics: false}\n",
		"x: [\t- 1]\nanonymous_analytics: false\n", "{anonymous_analytics: [\tfalse\t]}\n",
		// Documents, anchors, tags, aliases.
		"---\tanonymous_analytics: false\n", "---\t{anonymous_analytics: false}\n", "---\tfalse\n", "---\t\nanonymous_analytics: false\n",
		"---\t# c\nanonymous_analytics: false\n", "--- \tanonymous_analytics: false\n", "anonymous_analytics: false\n...\t\n",
		"anonymous_analytics: false\n...\t# c\n", "anonymous_analytics: true\n---\tx\n", "anonymous_analytics: false\n---\t\n",
		"%YAML 1.1\t\n---\nanonymous_analytics: false\n", "%YAML\t1.1\n---\nanonymous_analytics: false\n",
		"anonymous_analytics: &a\tfalse\n", "anonymous_analytics: !!bool\tfalse\n", "anonymous_analytics: !!str\tfalse\n",
		"anonymous_analytics: !!bool\tyes\n", "anonymous_analytics: &a\t!!bool\tno\n", "&a\tanonymous_analytics: false\n",
		"!!str\tanonymous_analytics: false\n", "&a\t!!str\tanonymous_analytics:\tfalse\n", "a: &b false\nanonymous_analytics: *b\t\n",
		"a: &b false\nanonymous_analytics:\t*b\n", "a: &b false\nanonymous_analytics: *b\t# c\n", "k: &k anonymous_analytics\n*k\t: false\n",
		"base: &b {anonymous_analytics: false}\n<<:\t*b\n", "base:\t&b\t{anonymous_analytics: false}\n<<: *b\n",
		"<<:\t{anonymous_analytics: false}\n", "anonymous_analytics: &a\n\tfalse\n", "anonymous_analytics: !!bool\n\tfalse\n",
		// Block scalars: after the header; as content.
		"anonymous_analytics: |\t\n  false\n", "anonymous_analytics: |-\t# c\n  false\n", "anonymous_analytics: >\t\n  no\n",
		"anonymous_analytics: |\n\tfalse\n", "anonymous_analytics: |\n  \tfalse\n", "a: |\n  x\n  \ty\nanonymous_analytics: false\n",
		"a: |\n  x\n\t\nanonymous_analytics: false\n", "a: >\n  x\n  \ty\n  z\nanonymous_analytics: false\n", "a: |\n  x\t\nanonymous_analytics: false\n",
		"a: |\t\n  x\nanonymous_analytics: true\n",
		// Quoted and plain scalars with tabs inside, and over lines.
		"anonymous_analytics: \"false\t\"\n", "anonymous_analytics: \"\tfalse\"\n", "anonymous_analytics: 'no\t'\n",
		"anonymous_analytics: \"fal\tse\"\n", "a: \"x\n\ty\"\nanonymous_analytics: false\n", "a: 'x\n\ty'\nanonymous_analytics: false\n",
		"a: x\ty\nanonymous_analytics: false\n", "a: x \t y\nanonymous_analytics: false\n", "a: x\n\ty\nanonymous_analytics: false\n",
		"a: x\n \ty\nanonymous_analytics: false\n", "a:\n  x\n\ty\nanonymous_analytics: false\n", "a:\n  x\n  \ty\nanonymous_analytics: false\n",
		"anonymous_analytics: false\ttrue\n", "anonymous_analytics: no\t#\n", "anonymous_analytics: fa\tlse\n",
		"anonymous_analytics: false\t:\n", "anonymous_analytics: x\t: y\n", "a\tb: 1\nanonymous_analytics: false\n",
		// Mixed runs, in a larger config.
		"version: v2\t\nanonymous_analytics: \t \tfalse \t# c\t\noneshot:\t \ttrue\nonboarding:\n  join_method:\tgithub\n" +
			"services:\n  - type:\tdatabase\n    destination:\t{type:\tmemory}\n",
		"version:\tv2\nanonymous_analytics:\ttrue\njoin_uri:\ttbot+proxy+gitlab://t@x:443\t\nservices:\t[{type:\tkubernetes/v2,\tdestination:\t{}}]\n",
		"onboarding:\t{join_method:\tiam}\t\ndestinations:\n  - app:\tx\t# c\nanonymous_analytics:\tno\n",
		"onboarding:\n\tjoin_method: iam\nanonymous_analytics: false\n", "onboarding:\n  \tjoin_method: iam\nanonymous_analytics: false\n",
		// After a plain value's line break in flow context, Go's scanner refuses a tab left of one past
		// the enclosing block's indentation.
		"x: {a: 1\n\t}\nanonymous_analytics: true\n", "x: {\n\ta: 1\n\t}\nanonymous_analytics: true\n",
		"x: {a: b\n\tc}\nanonymous_analytics: true\n", "x: {a: 1\n\n\t}\nanonymous_analytics: true\n",
		"x:\n  y: {a: 1\n  \t}\nanonymous_analytics: true\n", "x: [1\n\t]\nanonymous_analytics: true\n",
		"- [1\n\t]\n", "x: {a: 1\n \t}\nanonymous_analytics: true\n", "x: {a: \"1\"\n\t}\nanonymous_analytics: true\n",
		"x: [1,\n\t2]\nanonymous_analytics: true\n", "{a: 1\n\t, anonymous_analytics: true}\n",
		"x:\n  y: {a: 1\n   \t}\nanonymous_analytics: true\n", "x: {a: 1 \t\n \t \t}\nanonymous_analytics: true\n",
		"x: {a: 1\n \t \t}\nanonymous_analytics: true\n", "{a: 1,\t \tanonymous_analytics: true}\n",
		// After ..., Go's scanner reads on to the next token: a tab among a line's leading blanks is refused.
		"anonymous_analytics: true\n...\n \t\n", "anonymous_analytics: true\n...\n\t# c\n", "anonymous_analytics: true\n...\t\n",
		"{anonymous_analytics: true}\n...\n# c\n  \t\n", "anonymous_analytics: true\n... \t# c\n", "{anonymous_analytics: true} \t# c\n",
		// Go skips a tab after a tag, and after a literal's or folded value's header.
		"anonymous_analytics: &a\t!!bool\tfalse\n", "a: |\t\n  x\nk: >-\t# c\n  y\nanonymous_analytics_endpoint: !!str\tx\nanonymous_analytics: false\n",
		"a: |2\t\n   x\nanonymous_analytics: true\n", "a: |+\t#\n x\nanonymous_analytics: true\n", "a: !!str\t|\n x\nanonymous_analytics: true\n",
		"k:\n- :\tx\nanonymous_analytics: true\n", "anonymous_analytics: true\n? {a: 1}\n:\tx\n", "a: x\n \ty\nanonymous_analytics: true\n",
		// Go refuses a tab among a literal's or folded value's indentation.
		"a: |\n  \tno\nanonymous_analytics: true\n", "a: |\n\t\n  x\nanonymous_analytics: true\n", "a: >\n \t x\nanonymous_analytics: true\n",
		"a: |\n  x\n\n \t\n  y\nanonymous_analytics: true\n", "a:\n  b: |1\n  \tx\nanonymous_analytics: true\n",
		"a: |\n  x\n  \ty\nanonymous_analytics: true\n", "a: |2\n  \tx\nanonymous_analytics: true\n", "a: |-2\n  \tx\nanonymous_analytics: true\n",
		"a: >2-\n  \tx\nanonymous_analytics: true\n", "a:\n  b: |1\n   \tx\nanonymous_analytics: true\n", "a: |\n  x\n  \t\n  y\nanonymous_analytics: true\n",
		"version: |\n  \tno\nanonymous_analytics: false\n", "- |\n  \tx\n- anonymous_analytics: true\n", "a: |\r\n  \tx\r\nanonymous_analytics: true\r\n",
		// Edges: keys written before tabs, complex keys, flow keys, tags without a value, long keys,
		// characters beyond the basic plane, byte order marks, CRLF.
		"? a\t: b\nanonymous_analytics: true\n", "- a:\tb\n  anonymous_analytics: true\n", "anonymous_analytics: !!bool\t\"false\"\n",
		"[a]\t: b\nanonymous_analytics: true\n", "{a: b}\t:\tc\nanonymous_analytics: true\n", "anonymous_analytics: 'x'\t'y'\n",
		"anonymous_analytics: \"a\"\t: b\n", "key: value\n\t\t\nanonymous_analytics: true\n", "a:\n  - 'x'\t# c\n  - 'y'\t\nanonymous_analytics: false\n",
		"a: 'x'\t\n\t\nanonymous_analytics: true\n", "anonymous_analytics:\t\t\n  false\n", "--- !!map\t{anonymous_analytics: false}\n",
		"--- &a\t{anonymous_analytics: false}\n", "'a'\t:\t'b'\t\n'anonymous_analytics'\t:\tfalse\n", "? - a\t\n: b\nanonymous_analytics: true\n",
		"- ? a\n  :\tb\n", "a: !x\t\nanonymous_analytics: false\n", "a: !x\t\nanonymous_analytics: true\n", "anonymous_analytics: false\t#\tc\n",
		"x:\t|\n  a\nanonymous_analytics: false\n", "x: \t>-\n  a\nanonymous_analytics: false\n", "? |\n  k\n:\tv\nanonymous_analytics: true\n",
		"x: [a, b]\t\n\t- c\nanonymous_analytics: true\n", "{a: 1}\t:\tb\n", "\"anonymous_analytics\":\tfalse\n", "anonymous_analytics :\tfalse\n",
		"'" + strings.Repeat("a", 1100) + "'\t: x\nanonymous_analytics: true\n", "a: b\t\tc: d\nanonymous_analytics: true\n",
		"\u00e9: 'x'\t# c\nanonymous_analytics:\tfalse\n", "\U0001F600: 'x'\t\nanonymous_analytics:\tfalse\n",
		"a: \"\U0001F600\"\t\n\U0001F600\t: 'x'\t\nanonymous_analytics: \U0001F600\n", "\ufeffanonymous_analytics:\tfalse\n",
		"anonymous_analytics:\tfalse\r\n'a'\t: b\r\n", "anonymous_analytics:\ttrue\r\n'a'\t:\t|\r\n  \tx\r\n", "a: &x\t*y\nanonymous_analytics: true\n",
		"a:\n  b: 'c'\t\n  anonymous_analytics: false\n", "- 'a'\t\n- anonymous_analytics: false\n", "a: ['b'\t\n\t, 'c']\nanonymous_analytics: true\n",
		"a: {b: c\t\n\t}\nanonymous_analytics: true\n", "a: {b: 'c'\t\n\t}\nanonymous_analytics: true\n", "a: [b\t,\tc]\t\nanonymous_analytics:\tfalse\n",
		// The tests' tab texts the list above had not.
		"version: v2\nanonymous_analytics: true\noutputs: [{type: database},\t{type:\tidentity},\n\t{ type: application }]\n",
		"a: |\n  x\t\nanonymous_analytics: true\n", "anonymous_analytics: 'no'\t# c\n", "x: 1\n'anonymous_analytics'\t: false\n",
		"a: 'x'\t\nb: y\t\nanonymous_analytics: false\n", "{a: 1,\t \tanonymous_analytics: false}\n", "--- \t{anonymous_analytics: false}\n",
		"a: |\t\n  x\nk: >-\t# c\n  y\nanonymous_analytics_endpoint: !!str\tx\n\nanonymous_analytics: false\n", "{anonymous_analytics: true}\t\n",
		" \tanonymous_analytics: true\n", "x:\n  -\t1\nanonymous_analytics: true\n", "?\tanonymous_analytics\n: true\n",
		"anonymous_analytics: true\n\t# c\n", tabPlaces(200),
	} {
		add(fmt.Sprintf("tab-%d", i), s)
	}
	return out
}

// A config with n places of tabs between values, each read again by tbot-otel.
func tabPlaces(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d:\t'v'\t\n", i)
	}
	return b.String() + "anonymous_analytics:\tfalse\n"
}

// Texts near the size limit (1 MiB) with tabs between values, as TbotConfigReaderTest's bounded
// time tests have them: too large for the checked-in answers (-long adds them).
func long() []testCase {
	const limit = 1024 * 1024
	value := "x: " + strings.Repeat("a", limit-400) + "\n"
	for i := 0; i < 16; i++ {
		value += fmt.Sprintf("k%d:\t'v'\n", i)
	}
	comments := strings.Repeat("#"+strings.Repeat("x", 98)+"\n", (limit-4096)/100)
	return []testCase{
		{"long-0", []byte(value + "anonymous_analytics: false\n")},
		{"long-1", []byte(value + "anonymous_analytics: true\n")},
		{"long-2", []byte(comments + "anonymous_analytics: false\nk:\n- 'v'\t\n")},
		{"long-3", []byte(comments + "anonymous_analytics: false\nk:\n" + strings.Repeat("- 'v'\t\n", 2))},
		{"long-4", []byte(comments + "anonymous_analytics: true\nk:\n" + strings.Repeat("- 'v'\t\n", 2))},
	}
}

// The configs random mutations start from: the checked-in ones, and short ones with consent.
func bases(dir string) []testCase {
	var out []testCase
	for _, pattern := range []string{"*.yaml", "published/*.yaml"} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				panic(err)
			}
			out = append(out, testCase{filepath.Base(f), b})
		}
	}
	for i, s := range []string{
		"version: v2\nanonymous_analytics: false\noneshot: true\nonboarding:\n  join_method: github\n" +
			"outputs:\n  - type: database\n    destination: {type: memory}\n",
		"anonymous_analytics: no\noneshot: yes\nonboarding: {join_method: iam}\ndestinations:\n  - app: x\n    directory: /x\n",
		"version: v2\nanonymous_analytics: 'off'\njoin_uri: tbot+proxy+gitlab://t@x:443\nservices: [{type: kubernetes/v2, destination: {}}]\n",
		"base: &b {anonymous_analytics: false, oneshot: true}\n<<: *b\nversion: v2\nservices:\n  - type: application\n    destination: {}\n",
		"{version: v2, anonymous_analytics: N, outputs: [{type: identity, destination: {type: memory}}]}\n",
	} {
		out = append(out, testCase{fmt.Sprintf("base-%d", i), []byte(s)})
	}
	return out
}

var fragments = []string{
	"anonymous_analytics: false", "anonymous_analytics: true", "anonymous_analytics: no", "anonymous_analytics: yes",
	"anonymous_analytics: \"no\"", "anonymous_analytics: !!bool false", "anonymous_analytics: !!bool yes",
	"anonymous_analytics: !!str false", "anonymous_analytics: ~", "Anonymous_Analytics: false",
	"\"anonymous_analytics\": false", "!!binary YW5vbnltb3VzX2FuYWx5dGljcw==: false", "<<: {anonymous_analytics: false}",
	"<<: {anonymous_analytics: true}", "<<: *b", "b: &b {anonymous_analytics: false}", "---", "...", "%YAML 1.1",
	"# comment", "", "version: v2", "version: v1", "version: \"\"", "oneshot: y", "oneshot: \"true\"",
	"onboarding: {join_method: token}", "join_uri: tbot+proxy+azure://t@x", "outputs: []", "services: ~",
	"- type: identity", "  - type: database", "    destination: {type: memory}", "destinations: [{database: {}}]",
	"? anonymous_analytics", ": false", "&a", "*a", "!x", "!!str", "!!bool", "<<:", "{", "}", "[", "]", ",",
	"\"", "'", "|", ">", "\t", "\ufeff", "\r",
}

var scalars = []string{
	"false", "true", "no", "yes", "n", "y", "off", "on", "\"no\"", "'false'", "\"true\"", "~", "\"\"", "0", "1",
	"!!bool false", "!!bool yes", "!!str false", "!x no", "[]", "{}", "&a false", "*a", "|\n  no", "v2", "v1",
	"identity", "database", "kubernetes/v2", "application", "ssh-multiplexer", "example", "github", "FALSE", "No",
	"!!binary ZmFsc2U=", "!!null", "5", "2001-12-14", "\"\\x6eo\"",
}

func mutate(r *rand.Rand, text string) string {
	lines := strings.Split(text, "\n")
	pick := func() int { return r.Intn(len(lines)) }
	switch r.Intn(14) {
	case 0: // a value replaced
		i := pick()
		if c := strings.Index(lines[i], ": "); c >= 0 {
			lines[i] = lines[i][:c+2] + scalars[r.Intn(len(scalars))]
		} else if d := strings.Index(lines[i], "- "); d >= 0 {
			lines[i] = lines[i][:d+2] + scalars[r.Intn(len(scalars))]
		}
	case 1, 2: // a fragment inserted, at the line's indentation or none
		i := pick()
		indent := ""
		if r.Intn(2) == 0 {
			indent = lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
		}
		lines = append(lines[:i], append([]string{indent + fragments[r.Intn(len(fragments))]}, lines[i:]...)...)
	case 3: // a line doubled
		i := pick()
		lines = append(lines[:i], append([]string{lines[i]}, lines[i:]...)...)
	case 4: // a line dropped
		i := pick()
		lines = append(lines[:i], lines[i+1:]...)
	case 5: // indentation changed
		i := pick()
		if r.Intn(2) == 0 {
			lines[i] = strings.Repeat(" ", 1+r.Intn(2)) + lines[i]
		} else {
			lines[i] = strings.TrimPrefix(lines[i], "  ")
		}
	case 6: // two lines swapped
		i, j := pick(), pick()
		lines[i], lines[j] = lines[j], lines[i]
	case 7: // a key respelled
		i := pick()
		if c := strings.Index(lines[i], ":"); c > 0 {
			key := strings.TrimLeft(lines[i][:c], " -")
			if key == "" {
				break
			}
			start := c - len(key)
			var k string
			switch r.Intn(6) {
			case 0:
				k = strings.ToUpper(key[:1]) + key[1:]
			case 1:
				k = "\"" + key + "\""
			case 2:
				k = key + " "
			case 3:
				k = "!!binary " + base64.StdEncoding.EncodeToString([]byte(key))
			case 4:
				k = "!!str " + key
			default:
				k = "'" + key + "'"
			}
			lines[i] = lines[i][:start] + k + lines[i][c:]
		}
	case 8: // the first document's consent said at its top
		lines = append([]string{fragments[r.Intn(12)]}, lines...)
	case 9: // line breaks or a byte order mark
		switch r.Intn(3) {
		case 0:
			return strings.Join(lines, "\r\n")
		case 1:
			return "\ufeff" + strings.Join(lines, "\n")
		default:
			return strings.Join(lines, "\n") + "\n---\n" + fragments[r.Intn(12)] + "\n"
		}
	case 10: // an anchor and an alias
		i, j := pick(), pick()
		if c := strings.Index(lines[i], ": "); c >= 0 {
			lines[i] = lines[i][:c+2] + "&a " + lines[i][c+2:]
			if d := strings.Index(lines[j], ": "); d >= 0 && j != i {
				lines[j] = lines[j][:d+2] + "*a"
			}
		}
	case 11: // a merge of a mapping that says something
		i := pick()
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " -"))]
		m := []string{"<<: {anonymous_analytics: false}", "<<: {anonymous_analytics: true}", "<<: {oneshot: true}",
			"<<: {version: v2}", "<<: {type: database}", "<<: {join_method: iam}", "<<: [{anonymous_analytics: no}, {oneshot: on}]"}
		lines = append(lines[:i], append([]string{strings.Repeat(" ", len(indent)) + m[r.Intn(len(m))]}, lines[i:]...)...)
	case 12: // a tab or a stray character
		i := pick()
		if len(lines[i]) > 0 {
			p := r.Intn(len(lines[i]))
			ch := []string{"\t", " ", ":", "#", "'", "\"", "-", "&", "*", "!", "%", "@", "`", "?", "|"}[r.Intn(15)]
			lines[i] = lines[i][:p] + ch + lines[i][p:]
		}
	default: // comments dropped and the whole in flow style is too much: quote a value instead
		i := pick()
		if c := strings.Index(lines[i], ": "); c >= 0 && !strings.ContainsAny(lines[i][c+2:], "'\"{[") {
			lines[i] = lines[i][:c+2] + "\"" + strings.TrimSpace(lines[i][c+2:]) + "\""
		}
	}
	return strings.Join(lines, "\n")
}

// A tab put where a config has separation or indentation: after ": ", "- ", "? ", "---", an anchor
// or a tag, before a comment or a line's end, in a flow collection, at a line's start, or in place
// of a space.
func tabbed(r *rand.Rand, text string) string {
	lines := strings.Split(text, "\n")
	i := r.Intn(len(lines))
	line := lines[i]
	tab := []string{"\t", "\t", "\t\t", " \t", "\t "}[r.Intn(5)]
	at := func(s string) int { // after one of s's occurrences, or -1
		var all []int
		for j := 0; j+len(s) <= len(line); j++ {
			if strings.HasPrefix(line[j:], s) {
				all = append(all, j+len(s))
			}
		}
		if len(all) == 0 {
			return -1
		}
		return all[r.Intn(len(all))]
	}
	p := -1
	switch r.Intn(13) {
	case 12: // some of the line's spaces, or all, tabs
		b := []byte(line)
		all := r.Intn(3) == 0
		for j := range b {
			if b[j] == ' ' && (all || r.Intn(3) == 0) {
				b[j] = '\t'
			}
		}
		line = string(b)
	case 0, 1:
		p = at(": ")
	case 2:
		p = at(":")
	case 3:
		p = at("- ")
	case 4:
		p = at("? ")
	case 5:
		p = at("{")
		if p < 0 {
			p = at(", ")
		}
	case 6:
		p = at("&")
		if p >= 0 {
			for p < len(line) && line[p] != ' ' {
				p++
			}
		}
	case 7:
		p = at("!")
		if p >= 0 {
			for p < len(line) && line[p] != ' ' {
				p++
			}
		}
	case 8:
		p = len(strings.TrimRight(line, " \r"))
		if c := strings.Index(line, " #"); c >= 0 && r.Intn(2) == 0 {
			p = c
		}
	case 9:
		p = len(line) - len(strings.TrimLeft(line, " "))
		if r.Intn(2) == 0 {
			p = 0
		}
	case 10: // a space replaced
		if s := at(" "); s > 0 {
			line = line[:s-1] + "\t" + line[s:]
		}
	default:
		if len(line) > 0 {
			p = r.Intn(len(line) + 1)
		}
	}
	if p >= 0 && p <= len(line) {
		line = line[:p] + tab + line[p:]
	}
	lines[i] = line
	return strings.Join(lines, "\n")
}

func main() {
	random := flag.Int("random", 40, "how many seeded random mutations of the configs to add")
	seed := flag.Int64("seed", 1, "the random mutations' seed")
	tabs := flag.Int("tabs", -1, "how many seeded random mutations with tabs to add (default: as many as -random)")
	withLong := flag.Bool("long", false, "add texts near the size limit with tabs (1 MiB each; not for the checked-in answers)")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	cases := hand()
	if *withLong {
		cases = append(cases, long()...)
	}
	bs := bases("../../resources/configs")
	small := *random <= 1000 // the checked-in answers stay small: short configs only
	for _, b := range bs {
		if !small || len(b.text) <= 600 {
			cases = append(cases, b)
		}
	}
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < *random; i++ {
		b := bs[r.Intn(len(bs))]
		if small {
			b = bs[len(bs)-1-r.Intn(5)]
		}
		text := string(b.text)
		for n := 1 + r.Intn(4); n > 0; n-- {
			text = mutate(r, text)
		}
		name := fmt.Sprintf("random-%d-%s", i, b.name)
		if *seed != 1 {
			name = fmt.Sprintf("random-s%d-%d-%s", *seed, i, b.name)
		}
		cases = append(cases, testCase{name, []byte(text)})
	}
	// Mutations with tabs, from their own random source: the ones above stay as they were.
	if *tabs < 0 {
		*tabs = *random
	}
	rt := rand.New(rand.NewSource(*seed + 1<<32))
	for i := 0; i < *tabs; i++ {
		b := bs[rt.Intn(len(bs))]
		if small {
			b = bs[len(bs)-1-rt.Intn(5)]
		}
		text := string(b.text)
		for n := rt.Intn(3); n > 0; n-- {
			text = mutate(rt, text)
		}
		for n := 1 + rt.Intn(3); n > 0; n-- {
			text = tabbed(rt, text)
		}
		name := fmt.Sprintf("random-tab-%d-%s", i, b.name)
		if *seed != 1 {
			name = fmt.Sprintf("random-tab-s%d-%d-%s", *seed, i, b.name)
		}
		cases = append(cases, testCase{name, []byte(text)})
	}
	for _, c := range cases {
		if err := enc.Encode(answerFor(c.name, c.text)); err != nil {
			panic(err)
		}
	}
}
