"""/data/: the latest data release, offered for download, with how to cite it."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from .release import latest_release


def release_page(request):
    """The newest release's tables, rows and checksums; a note if none was made yet."""
    release = latest_release()
    context = {"release": release}
    if release is not None:
        context["resources"] = release.package["resources"]
        context["archive_bytes"] = release.archive.stat().st_size
    return render(request, "api/data.html", context)


def release_download(request, name):
    """A release's zip, by its name (only the newest is linked, older ones stay reachable)."""
    release = latest_release()
    path = release.archive.with_name(f"{name}.zip") if release else None
    if path is None or not path.is_file():
        raise Http404("No such release.")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
