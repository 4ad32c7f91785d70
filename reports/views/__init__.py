"""Views of the desk, a module per audience: ``operator`` (a region's report), ``dashboard``
(the province desk) and ``brief`` (the summary for the Minister)."""
