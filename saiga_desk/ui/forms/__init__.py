"""Record forms: one dialog for every record kind (``editor``), opened through ``opening.open_editor``;
its fields (``fields``), layouts (``layouts``), reference pickers (``references``), the questions it asks
(``prompts``), a project's parts (``project_parts``) and superseding a contact point (``supersede``).

This package file imports nothing, so any of its modules can be imported first.
"""
