// Command joinuri-answers writes the join method tbot reads from a joining URI
// (tbot+proxy+METHOD://TOKEN[:PARAMETER]@ADDRESS, tbot+auth+...), or why it refuses one, for a
// corpus of hand-written texts and seeded random ones (put together from parts, or mutated): the answers
// JoinUriGoAnswersTest holds tbot-otel's JoinUri to. Go's own net/url.Parse reads each text (the
// standard library of the Go that runs this); what tbot then does with the URL is modelled in
// tbotJoinMethod below, after Teleport's lib/tbot/config/joinuri/uri.go (Parse,
// MapURLSafeJoinMethod; commit 043448b46b0579e065e4c17bcee3e2939e1373bb) and
// lib/tbot/bot/onboarding/config.go (SupportedJoinMethods; commit
// 042979861dcf7de57a04d2728dcf6f4376a1396c). Regenerate (docs/testing.md):
//
//	cd tbot-otel/src/test/go/joinuri-answers && GOTOOLCHAIN=local go run . > ../../resources/com/goteleport/tbot/otel/config/go-joinuri-answers.jsonl
//
// With -random N it writes N seeded random mutations (-seed S) instead of the default 300, for a
// larger run outside the build (JoinUriGoAnswersTest's -DjoinUriAnswers=FILE).
//
// One JSON object a line: {"name", "text", then "method" (the join method, as types.JoinMethod
// spells it) or "error" (why tbot refuses the text, without the text itself)}.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"slices"
	"strings"
)

// The join methods tbot supports (onboarding.SupportedJoinMethods), each also its own URL-safe
// name where a scheme can spell it (one with '_' it cannot).
var supported = []string{
	"azure", "azure_devops", "bitbucket", "circleci", "gcp", "github", "gitlab", "iam", "kubernetes",
	"spacelift", "token", "tpm", "terraform_cloud", "oracle", "bound_keypair", "env0", "generic_oidc",
}

// The URL-safe names of the methods spelled with '_' (MapURLSafeJoinMethod's switch).
var urlSafe = map[string]string{
	"bound-keypair": "bound_keypair", "boundkeypair": "bound_keypair",
	"azure-devops": "azure_devops", "azuredevops": "azure_devops",
	"terraform-cloud": "terraform_cloud", "terraformcloud": "terraform_cloud",
	"generic-oidc": "generic_oidc", "genericoidc": "generic_oidc",
}

// What tbot's joinuri.Parse answers for s: the URL as net/url.Parse reads it; its scheme split in
// at most three parts on '+', "tbot", then "proxy" or "auth", then a method's name; and a user
// (the token), which may be empty.
func tbotJoinMethod(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		var e *url.Error
		if errors.As(err, &e) {
			return "", fmt.Errorf("parsing joining URI: %w", e.Err) // without the URL, which holds the token
		}
		return "", err
	}
	parts := strings.SplitN(u.Scheme, "+", 3)
	switch {
	case len(parts) != 3:
		return "", errors.New("unsupported joining URI scheme")
	case parts[0] != "tbot":
		return "", errors.New("unsupported joining URI scheme: scheme prefix must be \"tbot\"")
	case parts[1] != "proxy" && parts[1] != "auth":
		return "", errors.New("unsupported joining URI scheme: address kind must be one of [\"proxy\", \"auth\"]")
	}
	method := parts[2]
	if !slices.Contains(supported, method) {
		safe, ok := urlSafe[method]
		if !ok {
			return "", errors.New("unsupported join method")
		}
		method = safe
	}
	if u.User == nil {
		return "", errors.New("invalid joining URI: must contain join token in user field")
	}
	return method, nil
}

type answer struct {
	Name   string `json:"name"`
	Text   string `json:"text"`
	Method string `json:"method,omitempty"`
	Error  string `json:"error,omitempty"`
}

type testCase struct{ name, text string }

const host = "example.teleport.sh:443"

// The hand-written texts.
func hand() []testCase {
	var cs []testCase
	add := func(group string, texts ...string) {
		for i, t := range texts {
			cs = append(cs, testCase{fmt.Sprintf("%s-%d", group, i), t})
		}
	}
	// Every method, by each of its names, both address kinds, with and without a parameter.
	var names []string
	for _, m := range supported {
		names = append(names, m)
	}
	for n := range urlSafe {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		add("method-"+n, "tbot+proxy+"+n+"://tok@"+host, "tbot+auth+"+n+"://tok:param@auth.example.com:3025")
	}
	// Names no tbot takes, or not as spelled.
	add("not-method", "tbot+proxy+ec2://tok@"+host, "tbot+proxy+unknown://tok@"+host,
		"tbot+proxy+oidc://tok@"+host, "tbot+proxy+://tok@"+host, "tbot+proxy+bound--keypair://tok@"+host,
		"tbot+proxy+bound.keypair://tok@"+host, "tbot+proxy+bound-key-pair://tok@"+host,
		"tbot+proxy+boundkey-pair://tok@"+host, "tbot+proxy+terraform://tok@"+host, "tbot+proxy+azure-dev-ops://tok@"+host,
		"tbot+proxy+iam-://tok@"+host, "tbot+proxy+-iam://tok@"+host, "tbot+proxy+iam.://tok@"+host,
		"tbot+proxy+iam+://tok@"+host, "tbot+proxy+iam+iam://tok@"+host, "tbot+proxy+iam+token://tok@"+host,
		"tbot+proxy++iam://tok@"+host, "tbot+proxy+env-0://tok@"+host, "tbot+proxy+generic-OIDC://tok@"+host,
		"tbot+proxy+unspecified://tok@"+host, "tbot+proxy+joinmethodunspecified://tok@"+host,
		"tbot+proxy+tokens://tok@"+host, "tbot+proxy+tpm2://tok@"+host, "tbot+proxy+github1://tok@"+host,
		"tbot+proxy+bound_keypair://tok@"+host, "tbot+proxy+azure_devops://tok@"+host,
		"tbot+proxy+generic_oidc://tok@"+host, "tbot+proxy+terraform_cloud://tok@"+host)
	// The scheme: case, parts, separators, characters a scheme may not hold.
	add("scheme", "TBOT+PROXY+IAM://tok@"+host, "Tbot+Proxy+Github://tok@"+host, "tbot+PROXY+bound-KEYPAIR://tok@"+host,
		"TBOT+AUTH+GENERICOIDC://tok@"+host, "tbot+proxy://tok@"+host, "tbot://tok@"+host, "tbot+iam://tok@"+host,
		"tbot+auth://tok@"+host, "tbot++iam://tok@"+host, "tbot+proxies+iam://tok@"+host, "tbot+proxyy+iam://tok@"+host,
		"tbot+authn+iam://tok@"+host, "tbot+Auth+iam://tok@"+host, "tbot+auth+proxy+iam://tok@"+host,
		"tbot+proxy+auth+iam://tok@"+host, "tbot.proxy.iam://tok@"+host, "tbot-proxy-iam://tok@"+host,
		"xtbot+proxy+iam://tok@"+host, "tbotx+proxy+iam://tok@"+host, "+tbot+proxy+iam://tok@"+host,
		"1tbot+proxy+iam://tok@"+host, "-tbot+proxy+iam://tok@"+host, ".tbot+proxy+iam://tok@"+host,
		"tbot+proxy+iam:tok@"+host, "tbot+proxy+iam:/tok@"+host, "tbot+proxy+iam:///tok@"+host,
		"tbot+proxy+iam:////tok@"+host, "tbot+proxy+iam:\\\\tok@"+host, "tbot+proxy+iam:", "tbot+proxy+iam://",
		"tbot+proxy+iam", "tbot+proxy+iam//tok@"+host, ":", "://tok@"+host, "", " ", "tbot+proxy+iam ://tok@"+host,
		" tbot+proxy+iam://tok@"+host, "\ttbot+proxy+iam://tok@"+host, "tbot+proxy+iam://tok@"+host+" ",
		"tbot+proxy+iam://tok@"+host+"\n", "tbot+proxy+iam://tok@"+host+"\r\n", "tbot+proxy+iam://tok@"+host+"\t",
		"tbot+prox y+iam://tok@"+host, "tbot+proxy+i_am://tok@"+host, "tbot+proxy+iam;://tok@"+host,
		"tböt+proxy+iam://tok@"+host, "tbot+proxy+ıam://tok@"+host, "tbot+proxy+İAM://tok@"+host,
		"tbot+proxy+\u212aubernetes://tok@"+host, "ｔｂｏｔ+proxy+iam://tok@"+host, "tbot＋proxy＋iam://tok@"+host,
		"tbot+proxy+iam：//tok@"+host, "tbot%2Bproxy%2Biam://tok@"+host, "tbot+proxy+%69am://tok@"+host,
		"tbot+proxy+iam\x00://tok@"+host, "tbot+proxy+iam\x7f://tok@"+host, "\ufefftbot+proxy+iam://tok@"+host,
		"tbot+proxy+iam\u200b://tok@"+host, "http://tok@"+host, "https://tok@"+host, "tbot+https+iam://tok@"+host)
	// The userinfo: the token and parameter.
	add("user", "tbot+proxy+iam://"+host, "tbot+proxy+iam://@"+host, "tbot+proxy+iam://:@"+host,
		"tbot+proxy+iam://tok:@"+host, "tbot+proxy+iam://:param@"+host, "tbot+proxy+iam://tok:pa:ram@"+host,
		"tbot+proxy+iam://tok@ex@"+host, "tbot+proxy+iam://tok:p@ss@"+host, "tbot+proxy+iam://@@"+host,
		"tbot+proxy+iam://tok%40x@"+host, "tbot+proxy+iam://tok%3Ax@"+host, "tbot+proxy+iam://tok%zz@"+host,
		"tbot+proxy+iam://tok%4@"+host, "tbot+proxy+iam://tok%@"+host, "tbot+proxy+iam://tok:%@"+host,
		"tbot+proxy+iam://tok:%g0@"+host, "tbot+proxy+iam://tok%00@"+host, "tbot+proxy+iam://tok%0a@"+host,
		"tbot+proxy+iam://tok%7F@"+host, "tbot+proxy+iam://tok%C3%B6@"+host, "tbot+proxy+iam://tok%FF@"+host,
		"tbot+proxy+iam://tok%20@"+host, "tbot+proxy+iam://to k@"+host, "tbot+proxy+iam://tök@"+host,
		"tbot+proxy+iam://tok:pä@"+host, "tbot+proxy+iam://tok/x@"+host, "tbot+proxy+iam://tok?x@"+host,
		"tbot+proxy+iam://tok#x@"+host, "tbot+proxy+iam://tok\\x@"+host, "tbot+proxy+iam://tok[@"+host,
		"tbot+proxy+iam://tok]@"+host, "tbot+proxy+iam://tok\"@"+host, "tbot+proxy+iam://tok<@"+host,
		"tbot+proxy+iam://tok>@"+host, "tbot+proxy+iam://tok`@"+host, "tbot+proxy+iam://tok^@"+host,
		"tbot+proxy+iam://tok{@"+host, "tbot+proxy+iam://tok}@"+host, "tbot+proxy+iam://tok|@"+host,
		"tbot+proxy+iam://t-o.k_~!$&'()*+,;=@"+host, "tbot+proxy+iam://tok\x01@"+host, "tbot+proxy+iam://tok\x7f@"+host,
		"tbot+proxy+iam://tok\t@"+host, "tbot+proxy+iam://tok\u0085@"+host, "tbot+proxy+iam://tok\u00a0@"+host,
		"tbot+proxy+iam://tok😀@"+host, "tbot+proxy+iam://tok%F0%9F%98%80@"+host,
		"tbot+proxy+bound-keypair://bot-name:registration-secret@"+host,
		"tbot+proxy+azure://tok:11111111-2222-3333-4444-555555555555@"+host,
		"tbot+proxy+gitlab://tok:TBOT_GITLAB_JWT@"+host, "tbot+proxy+terraform-cloud://tok:audience-tag@"+host)
	// The host and port.
	add("host", "tbot+proxy+iam://tok@example.com", "tbot+proxy+iam://tok@", "tbot+proxy+iam://tok@:443",
		"tbot+proxy+iam://tok@example.com:", "tbot+proxy+iam://tok@example.com:0", "tbot+proxy+iam://tok@example.com:99999", "tbot+proxy+iam://tok@example.com:123456",
		"tbot+proxy+iam://tok@example.com:00000000000000000000443", "tbot+proxy+iam://tok@[::1]:1234567",
		"tbot+proxy+iam://tok@example.com:abc", "tbot+proxy+iam://tok@example.com:-1", "tbot+proxy+iam://tok@example.com:44 3",
		"tbot+proxy+iam://tok@example.com:443:1", "tbot+proxy+iam://tok@a:b:443", "tbot+proxy+iam://tok@a:b:c",
		"tbot+proxy+iam://tok@example.com:+443", "tbot+proxy+iam://tok@example.com:０", "tbot+proxy+iam://tok@example.com.:443",
		"tbot+proxy+iam://tok@EXAMPLE.COM:443", "tbot+proxy+iam://tok@host_name:443", "tbot+proxy+iam://tok@h!$&'()*+,;=:443",
		"tbot+proxy+iam://tok@h<>\":443", "tbot+proxy+iam://tok@h{:443", "tbot+proxy+iam://tok@h|:443",
		"tbot+proxy+iam://tok@h^:443", "tbot+proxy+iam://tok@h`:443", "tbot+proxy+iam://tok@h\\:443",
		"tbot+proxy+iam://tok@h}:443", "tbot+proxy+iam://tok@h~:443", "tbot+proxy+iam://tok@exa mple.com:443",
		"tbot+proxy+iam://tok@exa%20mple.com:443", "tbot+proxy+iam://tok@exa%41mple.com:443",
		"tbot+proxy+iam://tok@ex%C3%A4mple.com:443", "tbot+proxy+iam://tok@exämple.com:443",
		"tbot+proxy+iam://tok@%25:443", "tbot+proxy+iam://tok@%:443", "tbot+proxy+iam://tok@%2:443",
		"tbot+proxy+iam://tok@%zz:443", "tbot+proxy+iam://tok@example.com%3A443", "tbot+proxy+iam://tok@example.com:44%33",
		"tbot+proxy+iam://tok@10.0.0.1:3025", "tbot+proxy+iam://tok@010.0.0.1:3025", "tbot+proxy+iam://tok@1.2.3:3025",
		"tbot+proxy+iam://tok@[::1]:443", "tbot+proxy+iam://tok@[::1]", "tbot+proxy+iam://tok@[::1]:",
		"tbot+proxy+iam://tok@[::1", "tbot+proxy+iam://tok@::1]", "tbot+proxy+iam://tok@::1",
		"tbot+proxy+iam://tok@[2001:db8::1]:443", "tbot+proxy+iam://tok@[2001:DB8::1]:443",
		"tbot+proxy+iam://tok@[2001:db8:0:0:0:0:0:1]:443", "tbot+proxy+iam://tok@[2001:db8::1::2]:443",
		"tbot+proxy+iam://tok@[2001:db8:0:0:0:0:0:0:1]:443", "tbot+proxy+iam://tok@[00000::1]:443",
		"tbot+proxy+iam://tok@[fe80::1%25eth0]:443", "tbot+proxy+iam://tok@[fe80::1%eth0]:443",
		"tbot+proxy+iam://tok@[fe80::1%25]:443", "tbot+proxy+iam://tok@[fe80::1%25%41]:443",
		"tbot+proxy+iam://tok@[fe80::1%25%20]:443", "tbot+proxy+iam://tok@[fe80::1%25%0a]:443",
		"tbot+proxy+iam://tok@[fe80::1%25%25]:443", "tbot+proxy+iam://tok@[fe80::1%25%C3%A4]:443",
		"tbot+proxy+iam://tok@[fe80::1%25eth0%]:443", "tbot+proxy+iam://tok@[fe80::1%25e th0]:443",
		"tbot+proxy+iam://tok@[fe80::1%25eth%2f0]:443", "tbot+proxy+iam://tok@[fe80::1%25ä]:443",
		"tbot+proxy+iam://tok@[fe80::%31]:443", "tbot+proxy+iam://tok@[fe80::%25]:443", "tbot+proxy+iam://tok@[%25]:443",
		"tbot+proxy+iam://tok@[::ffff:1.2.3.4]:443", "tbot+proxy+iam://tok@[::ffff:010.1.2.3]:443",
		"tbot+proxy+iam://tok@[::1.2.3.4]:443", "tbot+proxy+iam://tok@[1.2.3.4]:443", "tbot+proxy+iam://tok@[v1.fe]:443",
		"tbot+proxy+iam://tok@[example.com]:443", "tbot+proxy+iam://tok@[]:443", "tbot+proxy+iam://tok@x[::1]:443",
		"tbot+proxy+iam://tok@[::1]x", "tbot+proxy+iam://tok@[::1]:443x", "tbot+proxy+iam://tok@[::1]:44]3",
		"tbot+proxy+iam://tok@[::1]]:443", "tbot+proxy+iam://tok@[[::1]]:443", "tbot+proxy+iam://tok@[::1][::2]",
		"tbot+proxy+iam://tok@[::1]:443:1", "tbot+proxy+iam://tok@[ ::1]:443", "tbot+proxy+iam://tok@[::1 ]:443",
		"tbot+proxy+iam://tok@[::ffff:0:0]:443", "tbot+proxy+iam://tok@[::]:443", "tbot+proxy+iam://tok@[::%2501]:443",
		"tbot+proxy+iam://tok@[::1%2]:443", "tbot+proxy+iam://tok@[::1%252]:443", "tbot+proxy+iam://tok@[::1%25%2]:443",
		"tbot+proxy+iam://tok@[0::0:0:0:0:0:0:0]:443", "tbot+proxy+iam://tok@[1:2:3:4:5:6:7::]:443",
		"tbot+proxy+iam://tok@[1:2:3:4:5:6:1.2.3.4]:443", "tbot+proxy+iam://tok@[::1.2.3]:443",
		"tbot+proxy+iam://tok@[::01.2.3.4]:443", "tbot+proxy+iam://tok@[::1.2.3.4.5]:443", "tbot+proxy+iam://tok@[12345::1]:443",
		"tbot+proxy+iam://tok@[::g]:443", "tbot+proxy+iam://tok@[:1]:443", "tbot+proxy+iam://tok@[1:]:443",
		"tbot+proxy+iam://tok@[::1:]:443", "tbot+proxy+iam://tok@[fe80::1%25eth0]", "tbot+proxy+iam://tok@[::1%25x%25y]:443",
		"tbot+proxy+iam://tok@[::１]:443", "tbot+proxy+iam://tok@\x00:443", "tbot+proxy+iam://tok@h\x7f:443")
	// What follows the authority: path, query, fragment.
	add("rest", "tbot+proxy+iam://tok@"+host+"/", "tbot+proxy+iam://tok@"+host+"/path", "tbot+proxy+iam://tok@"+host+"/%zz",
		"tbot+proxy+iam://tok@"+host+"/%2", "tbot+proxy+iam://tok@"+host+"/%41", "tbot+proxy+iam://tok@"+host+"/p a th",
		"tbot+proxy+iam://tok@"+host+"/ä", "tbot+proxy+iam://tok@"+host+"/:@", "tbot+proxy+iam://tok@"+host+"//x",
		"tbot+proxy+iam://tok@"+host+"?", "tbot+proxy+iam://tok@"+host+"?q=1", "tbot+proxy+iam://tok@"+host+"?q=%zz",
		"tbot+proxy+iam://tok@"+host+"?q=%", "tbot+proxy+iam://tok@"+host+"?a b", "tbot+proxy+iam://tok@"+host+"??",
		"tbot+proxy+iam://tok@"+host+"?\x01", "tbot+proxy+iam://tok@"+host+"/x?%zz#f", "tbot+proxy+iam://tok@"+host+"#",
		"tbot+proxy+iam://tok@"+host+"#frag", "tbot+proxy+iam://tok@"+host+"#%zz", "tbot+proxy+iam://tok@"+host+"#%",
		"tbot+proxy+iam://tok@"+host+"#%41", "tbot+proxy+iam://tok@"+host+"#\x01", "tbot+proxy+iam://tok@"+host+"#\x7f",
		"tbot+proxy+iam://tok@"+host+"#a b", "tbot+proxy+iam://tok@"+host+"##", "tbot+proxy+iam://tok@"+host+"#/%zz",
		"tbot+proxy+iam://tok@"+host+"#?", "tbot+proxy+iam://tok@"+host+"/%zz#x", "tbot+proxy+iam://tok@"+host+"?x#%zz",
		"tbot+proxy+iam://tok@"+host+"/\x01", "tbot+proxy+iam://tok@"+host+"/x#y\x00", "tbot+proxy+iam://tok@h/x@y",
		"tbot+proxy+iam://tok@h?x@y", "tbot+proxy+iam://tok@h#x@y", "tbot+proxy+iam://h/tok@x", "tbot+proxy+iam://h?tok@x",
		"tbot+proxy+iam://h#tok@x", "tbot+proxy+iam://tok@[::1]/%zz", "tbot+proxy+iam://tok@[::1]?%zz",
		"tbot+proxy+iam://tok@[::1]#%zz", "tbot+proxy+iam://tok@"+host+"\\path", "tbot+proxy+iam://tok@"+host+"%2Fpath",
		"tbot+proxy+iam://tok@"+host+"/\u2028", "tbot+proxy+iam://tok@"+host+"/\u0085",
		"tbot+proxy+iam://tok@"+host+"/\x7f", "tbot+proxy+iam://tok@"+host+"?\x7f", "tbot+proxy+iam://tok@"+host+"/\x1f",
		"tbot+proxy+iam://tok@"+host+"?\x1f", "tbot+proxy+iam://tok@"+host+"/\x00", "tbot+proxy+iam://tok@"+host+"#\x1f",
		"tbot+proxy+iam://tok@"+host+"/\x20", "tbot+proxy+iam://tok@"+host+"/~\u0080")
	// Very long parts.
	long := strings.Repeat("a", 2000)
	add("long", "tbot+proxy+iam://"+long+"@"+host, "tbot+proxy+iam://tok@"+long+".example.com:443",
		"tbot+proxy+"+strings.Repeat("iam", 700)+"://tok@"+host, "tbot+proxy+iam://tok@"+host+"/"+strings.Repeat("%41", 700),
		"tbot+proxy+iam://tok:"+strings.Repeat("%zz", 5)+long[:500]+"@"+host)
	return cs
}

// Characters the mutations insert: URL delimiters, escapes, controls, spaces, non-ASCII.
var pool = []string{
	":", "@", "/", "?", "#", "[", "]", "%", "+", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", ",", ";", "=",
	" ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\x00", "\x01", "\x1f", "\x7f", "\t", "\n", "ä", "€", "😀",
	"\u0085", "\u00a0", "\u200b", "%25", "%zz", "%41", "%C3%A4", "%2", "%3A", "%40", "::", "[::1]", "%25eth0", "tbot",
	"proxy", "auth", "iam", "bound-keypair", "K", "I", "0", "9",
}

// The texts the mutations start from.
var bases = []string{
	"tbot+proxy+iam://tok@" + host, "tbot+auth+bound-keypair://bot:secret@auth.example.com:3025",
	"tbot+proxy+github://tok@[2001:db8::1]:443", "tbot+proxy+azure://tok:client-id@[fe80::1%25eth0]:443",
	"tbot+proxy+generic-oidc://t@h", "TBOT+PROXY+TERRAFORMCLOUD://tok@" + host + "/p?q#f",
	"tbot+auth+kubernetes://tok@10.0.0.1:3025", "tbot+proxy+token://a%40b:c%3Ad@example.com:443",
	"tbot+proxy+env0://tok@" + host, "tbot+proxy+oracle://tok@exämple.com:443",
}

// The parts random joining URIs are put together from: the scheme, the userinfo (with its '@'),
// the host and port, and what follows them.
var (
	schemeParts = []string{
		"tbot+proxy+iam", "tbot+auth+bound-keypair", "TBOT+PROXY+GITHUB", "tbot+proxy+generic-oidc", "tbot+auth+env0",
		"tbot+proxy+genericoidc", "Tbot+Auth+AzureDevops", "tbot+proxy+ec2", "tbot+proxy", "tbot+proxy+iam+x",
		"tbot+proxy+", "tbot++iam", "tbot+proxy+bound_keypair", "tböt+proxy+iam", "tbot+proxy+iam ", "tbot.proxy.iam",
	}
	userParts = []string{
		"", "tok@", "tok:param@", "@", ":@", "tok:@", ":p@", "a@b@", "a:b:c@", "a:b@c@", "%41@", "%zz@", "%4@", "%@",
		"t%3Ak:p%40@", "tök@", "t k@", "t%00@", "t\x01@", "t[@", "t]@", "t/@", "t?@", "t#@", "t\"@", "t^@", "!$&'()*+,;=@",
		"%F0%9F%98%80@", "😀@", "t\u00a0@",
	}
	hostParts = []string{
		"h", "h:443", "example.teleport.sh:443", "h:", ":443", "", "h:44:3", "h:x", "h: 443", "[::1]:443", "[::1]", "[::1]:",
		"[::1", "::1]", "::1", "[fe80::1%25eth0]:443", "[fe80::1%eth0]", "[fe80::1%25]", "[fe80::1%25%41]",
		"[fe80::1%25%C3%A4]", "[fe80::1%25e%20]", "[::ffff:1.2.3.4]", "[::ffff:01.2.3.4]", "[1.2.3.4]", "[h]", "[]",
		"x[::1]", "[::1]x", "[::1]:4x", "ä.example", "%C3%A4.example", "%41", "%25", "%zz", "h%", "h_1", "h!$&'()*+,;=",
		"h<>\"", "h{", "h|", "h`", "h\\", "h ", "10.0.0.1:3025", "[2001:db8::1]:443", "[2001:db8::1::1]",
	}
	restParts = []string{
		"", "/", "/p", "/p%zz", "/%41", "?", "?q=%zz", "?q", "#", "#f", "#%zz", "#%41", "#\x01", "/\x01", "?\x01", "/ p",
		"/p?q#f", "?%zz#%zz", "#f#g", "//", "/ä", "#ä",
	}
)

// A random joining URI put together from the parts.
func combine(r *rand.Rand) string {
	pick := func(parts []string) string { return parts[r.Intn(len(parts))] }
	sep := "://"
	if r.Intn(20) == 0 {
		sep = pick([]string{":", ":/", ":///", "//", ""})
	}
	return pick(schemeParts) + sep + pick(userParts) + pick(hostParts) + pick(restParts)
}

func mutate(r *rand.Rand, text string) string {
	rs := []rune(text)
	if len(rs) == 0 {
		return pool[r.Intn(len(pool))]
	}
	p := r.Intn(len(rs) + 1)
	q := p
	if p < len(rs) {
		q = p + 1 + r.Intn(min(4, len(rs)-p))
	}
	switch r.Intn(8) {
	case 0, 1: // something inserted
		return string(rs[:p]) + pool[r.Intn(len(pool))] + string(rs[p:])
	case 2: // a few characters dropped
		return string(rs[:p]) + string(rs[q:])
	case 3: // a few characters replaced
		return string(rs[:p]) + pool[r.Intn(len(pool))] + string(rs[q:])
	case 4: // a few characters doubled
		return string(rs[:q]) + string(rs[p:q]) + string(rs[q:])
	case 5: // case changed
		s := string(rs[p:q])
		if r.Intn(2) == 0 {
			s = strings.ToUpper(s)
		} else {
			s = strings.ToLower(s)
		}
		return string(rs[:p]) + s + string(rs[q:])
	case 6: // a character %-escaped
		if p < len(rs) {
			return string(rs[:p]) + url.PathEscape(string(rs[p])) + string(rs[p+1:])
		}
		return text + "%"
	default: // a part of another base spliced in
		o := []rune(bases[r.Intn(len(bases))])
		a := r.Intn(len(o) + 1)
		return string(rs[:p]) + string(o[a:]) // the rest from another text
	}
}

func answerFor(c testCase) answer {
	a := answer{Name: c.name, Text: c.text}
	if m, err := tbotJoinMethod(c.text); err != nil {
		a.Error = err.Error()
	} else {
		a.Method = m
	}
	return a
}

func main() {
	random := flag.Int("random", 300, "how many seeded random mutations to add")
	seed := flag.Int64("seed", 1, "the random mutations' seed")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	cases := hand()
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < *random; i++ {
		// Half put together from parts, half mutated from a base (and some of those mutated too).
		text, n := combine(r), r.Intn(2)
		if i%2 == 1 {
			text, n = bases[r.Intn(len(bases))], 1+r.Intn(4)
		}
		for ; n > 0; n-- {
			text = mutate(r, text)
		}
		name := fmt.Sprintf("random-%d", i)
		if *seed != 1 {
			name = fmt.Sprintf("random-s%d-%d", *seed, i)
		}
		cases = append(cases, testCase{name, text})
	}
	for _, c := range cases {
		if err := enc.Encode(answerFor(c)); err != nil {
			panic(err)
		}
	}
}
