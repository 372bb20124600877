package tbotstart

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// caseFile is ../tbot-start-cases.json as the tests read it.
type caseFile struct {
	SchemaVersion string `json:"schema_version"`
	Cases         []struct {
		Key    string          `json:"key"`
		Input  json.RawMessage `json:"input"`
		Expect json.RawMessage `json:"expect"`
		Why    string          `json:"why"`
	} `json:"cases"`
}

func readCases(t *testing.T) caseFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "tbot-start-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file caseFile
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if file.SchemaVersion != SchemaVersion {
		t.Fatalf("the cases are schema %s's, this screen %s's", file.SchemaVersion, SchemaVersion)
	}
	return file
}

// text is a case's value as a Go tbot holds it: not set (null) is "".
func text(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// same tells whether a rule's answer is what a case expects: the value, or not sent (null).
func same(got string, sent bool, want *string) bool {
	return sent == (want != nil) && (!sent || got == *want)
}

// TestHelperCases runs every helper case of ../tbot-start-cases.json whose input is one string or
// not set (null, which a Go tbot holds as ""): Helper sends what the case expects.
func TestHelperCases(t *testing.T) {
	checked := 0
	for _, c := range readCases(t).Cases {
		var input, expect *string
		if c.Key != "helper" || json.Unmarshal(c.Input, &input) != nil || json.Unmarshal(c.Expect, &expect) != nil {
			continue // another attribute, or attributes given together
		}
		if got, sent := Helper(text(input)); !same(got, sent, expect) {
			t.Errorf("Helper(%q) = %q, %v; the case expects %s (%s)", text(input), got, sent, c.Expect, c.Why)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d helper cases", checked)
	}
	t.Logf("helper cases: %d", checked)
}

// TestHelperVersionCases runs every helper_version case of ../tbot-start-cases.json: a version given
// alone is sent beside a helper that is sent, as the cases read; given with its helper, both go
// through Helper and HelperVersion together.
func TestHelperVersionCases(t *testing.T) {
	checked := 0
	for _, c := range readCases(t).Cases {
		if c.Key != "helper_version" {
			continue
		}
		var input, expect *string
		if json.Unmarshal(c.Input, &input) == nil && json.Unmarshal(c.Expect, &expect) == nil {
			if got, sent := HelperVersion(text(input), true); !same(got, sent, expect) {
				t.Errorf("HelperVersion(%q, true) = %q, %v; the case expects %s (%s)", text(input), got, sent, c.Expect, c.Why)
			}
			checked++
			continue
		}
		var in, want struct {
			Helper        *string `json:"helper"`
			HelperVersion *string `json:"helper_version"`
		}
		if err := json.Unmarshal(c.Input, &in); err != nil {
			t.Fatalf("%s: %v", c.Input, err)
		}
		if err := json.Unmarshal(c.Expect, &want); err != nil {
			t.Fatalf("%s: %v", c.Expect, err)
		}
		helper, helperSent := Helper(text(in.Helper))
		version, versionSent := HelperVersion(text(in.HelperVersion), helperSent)
		if !same(helper, helperSent, want.Helper) || !same(version, versionSent, want.HelperVersion) {
			t.Errorf("%s: got helper %q %v, helper_version %q %v; the case expects %s (%s)", c.Input, helper,
				helperSent, version, versionSent, c.Expect, c.Why)
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d helper_version cases", checked)
	}
	t.Logf("helper_version cases: %d", checked)
}

// TestHelperCorpus runs a file of lines "value<TAB>sent|dropped" given by TBOT_OTEL_HELPER_CORPUS
// (collector-config's GoHelperScreenTest writes one with tbot-otel's answers); without it, nothing.
func TestHelperCorpus(t *testing.T) {
	path := os.Getenv("TBOT_OTEL_HELPER_CORPUS")
	if path == "" {
		t.Skip("TBOT_OTEL_HELPER_CORPUS not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	checked, differ := 0, 0
	for scanner.Scan() {
		value, answer, ok := strings.Cut(scanner.Text(), "\t")
		if !ok || (answer != "sent" && answer != "dropped") {
			t.Fatalf("line %d: not value<TAB>sent|dropped: %q", checked+1, scanner.Text())
		}
		if got, sent := Helper(value); sent != (answer == "sent") || (sent && got != value) {
			if differ++; differ <= 20 {
				t.Errorf("Helper(%q) = %q, %v; expected %s", value, got, sent, answer)
			}
		}
		checked++
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	if differ > 0 {
		t.Errorf("%d of %d values differ", differ, checked)
	}
	t.Logf("corpus values: %d", checked)
}
