"""`make bench`: throughput, scaling and memory of newstables against raw spaCy."""
