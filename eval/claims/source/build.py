"""Build eval/claims/gold.jsonl. Since guideline version 2 the build lives in build_v2.py (it
includes the version-1 articles, ann1..ann4.py plus v2_old.py, and the new articles); this file
only runs it, so that `python3 eval/claims/source/build.py` keeps working."""
import os, runpy
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'build_v2.py'), run_name='__main__')
