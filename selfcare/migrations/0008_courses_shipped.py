"""Ship the project's first two courses from selfcare/data/courses/<slug>/.

`course.md` holds `key: value` lines (title, summary, order); each module is
`<number>.md`: `title:` and `exercise:` lines, a line `---`, then the body in the
posts' Markdown subset. Running this again updates only the courses it ships.
"""

from pathlib import Path

from django.db import migrations

FOLDER = Path(__file__).resolve().parent.parent / "data" / "courses"


def fields_of(text):
    pairs = (line.split(":", 1) for line in text.strip().splitlines() if line.strip())
    return {key.strip(): value.strip() for key, value in pairs}


def load(apps, schema_editor):
    Course = apps.get_model("selfcare", "Course")
    CourseModule = apps.get_model("selfcare", "CourseModule")
    for folder in sorted(path for path in FOLDER.iterdir() if path.is_dir()):
        about = fields_of((folder / "course.md").read_text(encoding="utf-8"))
        course, _ = Course.objects.update_or_create(
            slug=folder.name,
            defaults={
                "title": about["title"], "summary": about["summary"],
                "order": int(about.get("order", 0)),
            },
        )  # fmt: skip
        for path in sorted(folder.glob("[0-9]*.md"), key=lambda p: int(p.stem)):
            head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
            meta = fields_of(head)
            CourseModule.objects.update_or_create(
                course=course,
                number=int(path.stem),
                defaults={
                    "title": meta["title"], "exercise": meta.get("exercise", ""),
                    "body": body.strip() + "\n",
                },
            )  # fmt: skip


def unload(apps, schema_editor):
    Course = apps.get_model("selfcare", "Course")
    Course.objects.filter(slug__in=[p.name for p in FOLDER.iterdir() if p.is_dir()]).delete()


class Migration(migrations.Migration):
    dependencies = [("selfcare", "0007_courses")]
    operations = [migrations.RunPython(load, unload)]
