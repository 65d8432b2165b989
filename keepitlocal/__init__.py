"""The Keep it Local content core: load, parse, validate and index the site's content.

Plain Python with no dependency on MkDocs, so the site's engine can change without touching
the content rules. The MkDocs adapters live in hooks/.
"""
