// Renders the ClickHouse exporter's own logs templates (internal/sqltemplates of
// exporter/clickhouseexporter), for ClickHouseViewsTest and ClickHouseTableTest: logs_table.sql into
// the CREATE TABLE it runs with create_schema: true, and logs_insert.sql into the INSERT it prepares
// at start. The templates are the exporter's files, read from the Go module cache; the parameters
// mirror the exporter's renderCreateLogsTableSQL (the ident function of sqltemplates/embed.go and
// the TTL expression of internal.GenerateTTLExpr) and renderInsertLogsSQL (", EventName" and ", ?"
// when its DESC TABLE at start found an EventName column, nothing otherwise).
//
// Usage:
//
//	go run . TEMPLATE DATABASE TABLE TTL FULL_TEXT_SEARCH
//	go run . insert TEMPLATE DATABASE TABLE EVENT_NAME_FOUND
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"
)

func ttlExpr(ttl time.Duration, field string) string {
	switch {
	case ttl <= 0:
		return ""
	case ttl%(24*time.Hour) == 0:
		return fmt.Sprintf("TTL %s + toIntervalDay(%d)", field, ttl/(24*time.Hour))
	case ttl%time.Hour == 0:
		return fmt.Sprintf("TTL %s + toIntervalHour(%d)", field, ttl/time.Hour)
	case ttl%time.Minute == 0:
		return fmt.Sprintf("TTL %s + toIntervalMinute(%d)", field, ttl/time.Minute)
	default:
		return fmt.Sprintf("TTL %s + toIntervalSecond(%d)", field, ttl/time.Second)
	}
}

func ident(s string) string {
	return fmt.Sprintf("`%s`", strings.ReplaceAll(s, "`", "\\`"))
}

// render executes the template at path with data; missingkey=error: a parameter the template uses
// but this program does not set fails the test, instead of rendering "<no value>".
func render(path string, data map[string]any) {
	text, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	t := template.Must(template.New("sql").Option("missingkey=error").Funcs(template.FuncMap{"ident": ident}).Parse(string(text)))
	if err := t.Execute(os.Stdout, data); err != nil {
		panic(err)
	}
}

func main() {
	if os.Args[1] == "insert" {
		eventName, err := strconv.ParseBool(os.Args[5])
		if err != nil {
			panic(err)
		}
		names, positions := "", ""
		if eventName {
			names, positions = ", EventName", ", ?"
		}
		render(os.Args[2], map[string]any{
			"Database":               os.Args[3],
			"TableName":              os.Args[4],
			"FeatureColumnNames":     names,
			"FeatureColumnPositions": positions,
		})
		return
	}
	ttl, err := time.ParseDuration(os.Args[4])
	if err != nil {
		panic(err)
	}
	fullText, err := strconv.ParseBool(os.Args[5])
	if err != nil {
		panic(err)
	}
	render(os.Args[1], map[string]any{
		"Database":          os.Args[2],
		"TableName":         os.Args[3],
		"ClusterString":     "",
		"Engine":            "MergeTree()",
		"TTL":               ttlExpr(ttl, "toDateTime(Timestamp)"),
		"HasFullTextSearch": fullText,
	})
}
