"""Segmentation: lines, clause boundaries, lead phrases, heading, furniture, sub-paragraphs."""
