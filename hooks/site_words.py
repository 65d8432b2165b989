"""MkDocs adapter: give the theme's templates the site-wide words and links.

One job: hand content/site.yml (the call to action, the network's sign-up address, the
contact line, the partners; checked by the content core with everything else) to every
template as `campaign`, so `overrides/` shows staff's words, never words of its own:

    {{ campaign.call_to_action_title }}   {{ campaign.network_signup_url }}
    {% for partner in campaign.partners %}...{% endfor %}

Without content/site.yml, `campaign` holds only the words its schema gives a default (the
case-study filter's), and templates leave the other parts out. `briefing_published` says
whether there is a briefing page (content/briefing.yml) for the links to it. A mistake
in the file stops the build in hooks/content_pages.py, which reports every content problem.
"""

from __future__ import annotations

from pathlib import Path

from keepitlocal.app.pipeline import load_site
from keepitlocal.model.site import BRIEFING_FILE

# `mkdocs serve` is a preview: the same rule as the other hooks, so all share one load.
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_env(env, config, files):
    site = load_site(Path(config.config_file_path).parent, preview=_preview)
    env.globals["campaign"] = site.words
    # The briefing page is made only from content/briefing.yml: links to it only when it is.
    env.globals["briefing_published"] = bool(site.data.get(BRIEFING_FILE))
    return env
