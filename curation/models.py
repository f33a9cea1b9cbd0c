"""The curation app keeps no tables of its own: its work is on the catalogue's records.

The module exists so that Django sends this app ``post_migrate``, on which the roles are
brought up to date (``apps.CurationConfig``).
"""
