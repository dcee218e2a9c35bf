"""dxpy-report: the benchmark (:mod:`dxpy.bench`) rendered as one self-contained HTML page.

* :mod:`dxpy.report.cli` - the ``dxpy-report`` command;
* :mod:`dxpy.report.selection` - engines, sizes and filters asked for, checked;
* :mod:`dxpy.report.progress` - the progress bar;
* :mod:`dxpy.report.document` - results.json (``dxpy-report/1``) and ``reports/latest``;
* :mod:`dxpy.report.extras` - the property run, the task matrix, the mutation run;
* :mod:`dxpy.report.compare` - ``--compare``: changes beyond noise;
* :mod:`dxpy.report.charts` - matplotlib charts as inline SVG;
* :mod:`dxpy.report.tables` - pandas tables; :mod:`dxpy.report.render_html` - the page.
"""
