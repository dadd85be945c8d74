"""The one breadcrumb trail every public page uses: home first, links, the current page last."""

from django.template import engines


def render(source, **context):
    return engines["django"].from_string("{% load vn %}" + source).render(context)


def test_the_trail_links_home_and_each_level_and_marks_the_current_page(db):
    html = render('{% breadcrumbs "Hội nghị" "/mat-tran/hoi-nghi/" title %}', title="Hội nghị thôn <Đông>")
    assert html.index('href="/"') < html.index('href="/mat-tran/hoi-nghi/">Hội nghị</a>')
    assert 'aria-current="page">Hội nghị thôn &lt;Đông&gt;</li>' in html


def test_a_top_level_page_has_home_and_itself():
    html = render('{% breadcrumbs "Tin tức" current_class="d-none" %}')
    assert html.count("breadcrumb-item") == 2
    assert 'class="breadcrumb-item active d-none" aria-current="page">Tin tức</li>' in html
