"""The lowest layer: problems, words (slugs, plurals, dates, amounts), addresses, UK time and the
project's settings. It imports nothing else of the core."""
