"""Pure steps of the pipeline: read, parse, clean, segment, tokenise, resolve entities.

Nothing here imports Prefect or writes a file; each module is a function of its inputs.
"""
