package tbotstart

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelperCases runs every helper case of ../tbot-start-cases.json whose input is one string or
// not set (null, which a Go tbot holds as ""): Helper sends what the case expects.
func TestHelperCases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "tbot-start-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		SchemaVersion string `json:"schema_version"`
		Cases         []struct {
			Key    string          `json:"key"`
			Input  json.RawMessage `json:"input"`
			Expect json.RawMessage `json:"expect"`
			Why    string          `json:"why"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if file.SchemaVersion != SchemaVersion {
		t.Fatalf("the cases are schema %s's, this screen %s's", file.SchemaVersion, SchemaVersion)
	}
	checked := 0
	for _, c := range file.Cases {
		var input, expect *string
		if c.Key != "helper" || json.Unmarshal(c.Input, &input) != nil || json.Unmarshal(c.Expect, &expect) != nil {
			continue // another attribute, or attributes given together
		}
		raw := ""
		if input != nil {
			raw = *input
		}
		got, sent := Helper(raw)
		if want := expect != nil; sent != want || (sent && got != *expect) {
			t.Errorf("Helper(%q) = %q, %v; the case expects %s (%s)", raw, got, sent, c.Expect, c.Why)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d helper cases", checked)
	}
	t.Logf("helper cases: %d", checked)
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
