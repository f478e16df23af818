"""Tagging: the Tagger (records and DataFrames), batch inputs, parallel map, record formats."""
