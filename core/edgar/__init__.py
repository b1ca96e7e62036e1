"""Annual reports from SEC EDGAR: find a company, list its 10-Ks / 20-Fs, download them.

The only part of core that talks to a network, and only when asked: `EdgarClient` (core.edgar
.client) makes the requests, `Edgar` (core.edgar.archive) answers from the per-user cache when it
can. Importing this package opens no connection and loads no HTTP library.
"""
