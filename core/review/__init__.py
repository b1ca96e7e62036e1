"""The review: states and notes on pairs, a reviewer's corrections, and the review file.

`model` holds the values, `anchors` finds a factor again by place and words, `segmentation`
applies heading corrections to a filing, `apply` re-aligns under the pairing corrections and
attaches the marks, `file` saves and loads the `.factordiff` file.
"""
