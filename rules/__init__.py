"""The YAML rules base of Alliance Advisor, shipped with the package (data only).

See ``docs/rules-authoring.md`` for how to write and test a rule.
"""
