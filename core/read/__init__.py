"""Reading a filing: bytes and decoding, HTML and text blocks, cleaning, the risk section, metadata.

The stage turns a file into a `core.model.Document` (`document.read_document`), finds the risk
section in it (`section.find_section`) and reads the cover facts (`meta.filing_meta`).
"""
