"""Print documents for judging: python show_docs.py [docid-prefix ...]"""
import glob, os, sys
d = os.path.join(os.path.dirname(__file__), "..", "docs")
pre = sys.argv[1:] or [""]
for p in sorted(glob.glob(os.path.join(d, "*.txt"))):
    did = os.path.basename(p)[:-4]
    if any(did.startswith(x) for x in pre):
        print("=" * 8, did, "=" * 8)
        print(open(p, encoding="utf-8").read().replace("\n\n", "\n"))
