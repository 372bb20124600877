// Renders the ClickHouse exporter's own logs-table template (internal/sqltemplates/logs_table.sql of
// exporter/clickhouseexporter) into the CREATE TABLE it runs with create_schema: true, for
// ClickHouseViewsTest. The template is the exporter's file, read from the Go module cache; the
// parameters mirror the exporter's renderCreateLogsTableSQL: the ident function of
// sqltemplates/embed.go and the TTL expression of internal.GenerateTTLExpr.
//
// Usage: go run . TEMPLATE DATABASE TABLE TTL FULL_TEXT_SEARCH
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

func main() {
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	ttl, err := time.ParseDuration(os.Args[4])
	if err != nil {
		panic(err)
	}
	fullText, err := strconv.ParseBool(os.Args[5])
	if err != nil {
		panic(err)
	}
	funcs := template.FuncMap{"ident": func(s string) string {
		return fmt.Sprintf("`%s`", strings.ReplaceAll(s, "`", "\\`"))
	}}
	// missingkey=error: a parameter the template uses but this program does not set fails the
	// test, instead of rendering "<no value>".
	t := template.Must(template.New("logs_table").Option("missingkey=error").Funcs(funcs).Parse(string(text)))
	data := map[string]any{
		"Database":          os.Args[2],
		"TableName":         os.Args[3],
		"ClusterString":     "",
		"Engine":            "MergeTree()",
		"TTL":               ttlExpr(ttl, "toDateTime(Timestamp)"),
		"HasFullTextSearch": fullText,
	}
	if err := t.Execute(os.Stdout, data); err != nil {
		panic(err)
	}
}
