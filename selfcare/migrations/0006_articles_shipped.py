"""Ship the library's first articles, written by the project, from selfcare/data/articles/.

Each file is a few `key: value` lines (title, summary, tags), a line `---`, then
the body in the posts' Markdown subset. Staff edit them in the admin afterwards;
running this again updates only articles whose slug it ships.
"""

from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

FOLDER = Path(__file__).resolve().parent.parent / "data" / "articles"


def parse(path):
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields = dict(line.split(":", 1) for line in head.strip().splitlines())
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    tags = [name.strip() for name in fields.get("tags", "").split(",") if name.strip()]
    return path.stem, fields["title"], fields["summary"], tags, body.strip() + "\n"


def load(apps, schema_editor):
    Article = apps.get_model("selfcare", "Article")
    Tag = apps.get_model("selfcare", "Tag")
    for path in sorted(FOLDER.glob("*.md")):
        slug, title, summary, tags, body = parse(path)
        article, _ = Article.objects.update_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "body": body}
        )
        article.tags.set(
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in tags
        )


def unload(apps, schema_editor):
    Article = apps.get_model("selfcare", "Article")
    Article.objects.filter(slug__in=[path.stem for path in FOLDER.glob("*.md")]).delete()


class Migration(migrations.Migration):
    dependencies = [("selfcare", "0005_library")]
    operations = [migrations.RunPython(load, unload)]
