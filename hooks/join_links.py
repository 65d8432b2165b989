"""MkDocs adapter: links to the join form say which page they are on.

One job: on each finished page, add the tracking parameters set under `join_tracking` in
content/site.yml to every link to the join form (`network_signup_url` and
`call_to_action_url` in content/site.yml), with keepitlocal.campaign_links.
"""

from __future__ import annotations

from pathlib import Path

from keepitlocal.app.pipeline import load_site
from keepitlocal.publish.join_links import tag_links

# `mkdocs serve` is a preview: the same rule as the other hooks, so all share one load.
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


# The join form's addresses and the parameters, read once per build (on_env), not once per page:
# reading the content for every page would make a build's time grow with the square of its size.
_targets: set[str] = set()
_params: dict = {}


def on_env(env, config, files):
    global _targets, _params
    words = load_site(Path(config.config_file_path).parent, preview=_preview).words
    _params = dict(words.get("join_tracking") or {})
    _targets = {words.get("network_signup_url"), words.get("call_to_action_url")} - {None, ""}
    return env


def on_post_page(output: str, page, config) -> str:
    for target in _targets:
        output = tag_links(output, target, _params, page.url)
    return output
