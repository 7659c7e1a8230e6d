"""Where tables are written: one typed interface, one implementation per kind of store."""
