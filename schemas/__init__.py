"""The one declaration of every published table (fields, keys) and what is generated from it."""
