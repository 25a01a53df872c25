"""Benchmarks, run with `make bench`: they are not tests and CI does not run them."""
