"""Reading sources: paths, folders, standard input, formats and encodings."""
