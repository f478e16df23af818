"""Analysis text: normalization with an offset map, OCR repair, word frequencies, language check."""
