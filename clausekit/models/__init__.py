"""Models: function and theme classifiers, their compiled scorers, the versioned registry."""
