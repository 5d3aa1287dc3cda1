"""export: the store's events, findings or incidents as PLOVER JSON, CSV, GeoJSON or CAMEO.

`run.export` writes them (see its doc); `flatcsv` is pactwatch's one CSV shape,
which `check`, `extract` and the web API write too. Nothing is imported here, so
that a command needing only the CSV writer loads no store.
"""
