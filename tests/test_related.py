"""Related case studies (keepitlocal.related), from the core alone."""

from __future__ import annotations

import itertools
import random
import sys

import pytest
from conftest import PRINCIPLE, ROOT, case_study

from keepitlocal.model.related import MAX_RELATED, RelatedIndex, related_case_studies, score
from keepitlocal.render.build import build_pages

sys.path.insert(0, str(ROOT / "bench"))
from related import synthetic_site  # noqa: E402  (the benchmark's generator)


def write_case(project, slug, *, principles="[local-spend]", services="[procurement]", region="North West",
               kind="keep-it-local", related=None, title=None):
    lines = {"principles": f"principles: {principles}", "services": f"services: {services}",
             "region": f"region: {region}", "type": f"type: {kind}"}
    if related is not None:
        lines["date_added"] = f"related: {related}\ndate_added: 2026-11-26"
    project.write(f"content/case-studies/{slug}.md", case_study(title or slug.replace("-", " ").title(), **lines))


@pytest.fixture
def many(project):
    """Two principles and case studies with known scores against `subject` (in the comments)."""
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1).replace(
        "Increase local spend to invest in the local economy", "Think about the whole system"))
    (project.root / "content/case-studies/good-example.md").unlink()
    write_case(project, "subject", principles="[local-spend, whole-system]", services="[procurement, health]")
    write_case(project, "both-principles", principles="[local-spend, whole-system]", services="[housing]",
               region="London", kind="scale-fail")                                           # 3+3 = 6
    write_case(project, "one-principle-one-service", services="[health]", region="London")  # 3+2+type 1 = 6
    write_case(project, "a-one-principle", services="[housing]", region="London")          # 3+type 1 = 4
    write_case(project, "b-one-principle", services="[housing]", region="London")          # 3+type 1 = 4
    write_case(project, "best", principles="[whole-system]", services="[procurement]")     # 3+2+1+1 = 7
    write_case(project, "fourth", principles="[local-spend]", services="[housing]")        # 3+region 1+type 1 = 5
    return project


def load(project):
    site = project.load()
    assert site.problems == []
    return site, {c.slug: c for c in site.case_studies}


def slugs(cases):
    return [c.slug for c in cases]


def test_the_score_weighs_principles_then_services_then_region_and_type(many):
    _, cases = load(many)
    subject = cases["subject"]
    assert score(subject, cases["both-principles"]) == 6
    assert score(subject, cases["one-principle-one-service"]) == 3 + 2 + 0 + 1
    assert score(subject, cases["best"]) == 3 + 2 + 1 + 1
    assert score(subject, cases["a-one-principle"]) == 3 + 0 + 0 + 1


def test_the_best_three_are_picked_highest_first_ties_by_slug(many):
    site, cases = load(many)
    picked = slugs(related_case_studies(site, cases["subject"]))
    # best 7; both-principles 6 and one-principle-one-service 6 tie, broken by slug.
    assert picked == ["best", "both-principles", "one-principle-one-service"]
    assert len(picked) == MAX_RELATED


def test_the_authors_choices_come_first_in_their_order(many):
    write_case(many, "subject", principles="[local-spend, whole-system]", services="[procurement, health]",
               related="[b-one-principle, a-one-principle]")
    site, cases = load(many)
    assert slugs(related_case_studies(site, cases["subject"])) == ["b-one-principle", "a-one-principle",
                                                                    "best"]


def test_an_author_may_list_more_than_three_and_keeps_them_all(many):
    write_case(many, "subject", principles="[local-spend]", services="[procurement]",
               related="[a-one-principle, b-one-principle, fourth, best]")
    site, cases = load(many)
    assert slugs(related_case_studies(site, cases["subject"])) == ["a-one-principle", "b-one-principle",
                                                                    "fourth", "best"]


def test_region_or_type_alone_does_not_make_a_case_study_related(project):
    write_case(project, "alone", principles="[local-spend]", services="[housing]")
    write_case(project, "same-place", principles="[local-spend]", services="[health]")
    site, cases = load(project)
    # good-example shares local-spend with both, so only principle-sharing ones qualify.
    assert slugs(related_case_studies(site, cases["alone"])) == ["good-example", "same-place"]
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1).replace(
        "Increase local spend to invest in the local economy", "Think about the whole system"))
    write_case(project, "stranger", principles="[whole-system]", services="[welfare advice]")
    site, cases = load(project)
    assert related_case_studies(site, cases["stranger"]) == []


def test_a_case_study_is_never_related_to_itself(project):
    write_case(project, "loner")
    site, cases = load(project)
    assert slugs(related_case_studies(site, cases["loner"])) == ["good-example"]
    assert slugs(related_case_studies(site, cases["good-example"])) == ["loner"]


def test_the_result_does_not_depend_on_the_order_of_the_files():
    site = synthetic_site(120, seed=7)
    forward = {c.slug: slugs(RelatedIndex(site).for_case(c)) for c in site.case_studies}
    site.case_studies.reverse()
    backward = {c.slug: slugs(RelatedIndex(site).for_case(c)) for c in site.case_studies}
    assert forward == backward


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_agrees_with_scoring_every_pair(seed):
    """The fast path (inverted index and a bound on the bonus) picks exactly what scoring every
    pair and sorting would."""
    site = synthetic_site(150, seed=seed)
    rng = random.Random(seed)
    for case in rng.sample(site.case_studies, 25):  # some with an author's list too
        if rng.random() < 0.3:
            case.data["related"] = [c.slug for c in rng.sample(site.case_studies, 2) if c is not case]
    index = RelatedIndex(site)
    for case in site.case_studies:
        explicit = [s for s in case.data.get("related", []) if s != case.slug]
        others = [o for o in site.case_studies if o is not case and o.slug not in explicit
                  and (set(o.data["principles"]) & set(case.data["principles"])
                       or set(o.data["services"]) & set(case.data["services"]))]
        others.sort(key=lambda o: (-score(case, o), o.slug))
        want = explicit + [o.slug for o in others][:max(0, MAX_RELATED - len(explicit))]
        assert slugs(index.for_case(case)) == want, case.slug


def test_case_study_pages_show_related_cards_in_order(many):
    site, _ = load(many)
    page = next(p for p in build_pages(site) if p.src_uri == "case-studies/subject.md")
    section = page.expanded()[page.expanded().index('<section class="kil-related"'):]
    positions = [section.index(f'href="../{slug}/"') for slug in ("best", "both-principles",
                                                                   "one-principle-one-service")]
    assert positions == sorted(positions)
    assert 'href="../fourth/"' not in section and "Related case studies" in section


def test_a_case_study_with_nothing_related_has_no_empty_section(project):
    site, _ = load(project)
    page = next(p for p in build_pages(site) if p.src_uri == "case-studies/good-example.md")
    assert "kil-related" not in page.expanded()


def test_scores_are_symmetric():
    site = synthetic_site(30, seed=4)
    for a, b in itertools.combinations(site.case_studies, 2):
        assert score(a, b) == score(b, a)


def test_each_page_reads_a_bounded_number_of_candidates_newest_first(monkeypatch):
    """However many case studies share a principle, a page considers only the newest few of
    them, so building every page stays linear in the number of case studies."""
    from keepitlocal.model import related as related

    monkeypatch.setattr(related, "CANDIDATES_PER_LIST", 5)
    site = synthetic_site(200)
    index = RelatedIndex(site)
    order = {c.slug: i for i, c in enumerate(site.case_studies)}
    for case in site.case_studies[:50]:
        for other in index.for_case(case):
            lists = [[c for c in site.case_studies if p in c.data["principles"]] for p in case.data["principles"]]
            lists += [[c for c in site.case_studies if s in c.data["services"]] for s in case.data["services"]]
            newest = {c.slug for found in lists for c in found[:5]}
            assert other.slug in newest, (case.slug, other.slug, order[other.slug])
