"""The newsroom's roles as Django groups, applied by a migration (editorial/migrations/0001).

Model permissions are written ``app_label.codename``. Page permissions apply to the whole page
tree (granted on its root); image and document permissions to the root collection, so they
cover every collection below it.
"""

EDITOR_REVIEW = "Editor review"
REPORTERS = "Reporters"
EDITORS = "Editors"
NEWSLETTER_MANAGERS = "Newsletter managers"
ADMINISTRATORS = "Administrators"

_ALL = ("add", "change", "delete", "view")


def _model(app_label, model, actions=_ALL):
    return [f"{app_label}.{action}_{model}" for action in actions]


# What Editors and Administrators may do with any page, image and document.
EVERY_PAGE_PERMISSION = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EVERY_MEDIA_PERMISSION = [
    *_model("wagtailimages", "image", ["add", "change", "delete", "choose"]),
    *_model("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
]

ROLES = {
    # Write and edit drafts, upload pictures, submit for review. Nothing they do goes live.
    REPORTERS: {
        "permissions": ["wagtailadmin.access_admin", *_model("authors", "author", ["view"])],
        "pages": ["add_page", "change_page"],
        "collections": [
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.choose_document",
        ],
    },
    # Review, publish, schedule and correct; run the News Feed and the curated lists.
    EDITORS: {
        "permissions": [
            "wagtailadmin.access_admin",
            *_model("live", "newsfeeditem", [*_ALL, "publish"]),
            *_model("picks", "curatedlist"),
            *_model("picks", "curateditem"),
            *_model("authors", "author", [*_ALL, "publish"]),
            *_model("authors", "authorlink"),
            *_model("narration", "lexiconentry"),
            *_model("narration", "narration", ["view"]),
            # and narration.regenerate_narration, which came later: migration 0002 grants it.
        ],
        "pages": EVERY_PAGE_PERMISSION,
        "collections": EVERY_MEDIA_PERMISSION,
    },
    # Newsletters, their issues and their subscribers; no page is theirs to publish.
    NEWSLETTER_MANAGERS: {
        "permissions": [
            "wagtailadmin.access_admin",
            *_model("newsletters", "newsletter"),
            *_model("newsletters", "subscriber"),
            *_model("newsletters", "subscription"),
            *_model("newsletters", "suppression"),
            *_model("newsletters", "signupsource"),
            *_model("newsletters", "consentrecord", ["view"]),
            *_model("mailing", "issue"),
            *_model("mailing", "issuearticle"),
            *_model("mailing", "delivery", ["view"]),
        ],
        "pages": [],
        "collections": ["wagtailimages.choose_image"],
    },
    # Everything, as groups go (users, groups, settings); a superuser stays a superuser.
    ADMINISTRATORS: {
        "permissions": "__all__",
        "pages": EVERY_PAGE_PERMISSION,
        "collections": EVERY_MEDIA_PERMISSION,
    },
}


def _permission(apps, dotted):
    app_label, codename = dotted.split(".")
    Permission = apps.get_model("auth", "Permission")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        if not codename.startswith("publish_"):
            raise
    # Wagtail adds "publish" for draftable snippets after migrating, as Django does the rest.
    model = codename.removeprefix("publish_")
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    return Permission.objects.create(
        content_type=content_type, codename=codename, name=f"Can publish {model}"
    )


def apply_roles(apps):
    """Create or reset the four groups and the "Editor review" workflow (idempotent)."""
    from django.contrib.auth.management import create_permissions

    # Django creates permissions after migrating; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        if role["permissions"] == "__all__":
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set([_permission(apps, p) for p in role["permissions"]])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in role["pages"]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=_permission(apps, f"wagtailcore.{codename}")
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in role["collections"]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(apps, dotted)
            )

    # Wagtail's starter "Moderators" group overlaps Editors; drop it unless someone is in it.
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
    _editor_review_workflow(apps, root_page, Group.objects.get(name=EDITORS))


def _editor_review_workflow(apps, root_page, editors):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=EDITOR_REVIEW, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name=EDITOR_REVIEW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The whole page tree (so every article) goes through it, replacing Wagtail's starter one.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)
    GroupApprovalTask.objects.exclude(pk=task.pk).filter(name="Moderators approval").update(
        active=False
    )
