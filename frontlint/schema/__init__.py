"""The JSON Schema contract: loading schema files offline, the fast validator, format checks, error wording."""
