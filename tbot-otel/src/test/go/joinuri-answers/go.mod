module tbot-otel/joinuri-answers

go 1.25.0
