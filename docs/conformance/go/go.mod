module tbotstart

go 1.22
