"""Tables: the declarations in `schemas/` as Arrow schemas and checks, and the records
that steps hand to the table builder."""
