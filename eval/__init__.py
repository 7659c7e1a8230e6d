"""`make eval`: sentence, entity and claim quality against openly licensed gold.

It lives beside the package, outside the wheel."""
