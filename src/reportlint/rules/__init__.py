"""Every finding code, one module each, named after the code's kebab name and grouped by area:
``input`` (RL0xx), ``template`` (RL1xx), ``review`` (RL2xx), ``meta`` (RL9xx). What a code module
holds is described in :mod:`reportlint.rules.base`; the ordered list of them is
:mod:`reportlint.codes`. Nothing registers itself on import.
"""
