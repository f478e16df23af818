"""Outputs built on tagged clauses: statistics and the report."""
