"""Word-level differences: the word diff, changed figures and the diff options."""
