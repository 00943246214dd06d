"""Sums JUnit XML reports (surefire, failsafe): prints "passed failed skipped" for the directories given.

Counts <testcase> elements, not the suite's totals: a class whose tests live in @Nested classes reports
tests="0" on its suite while listing every case.
usage: python3 bin/lib/test_counts.py DIR...   (missing directories count as nothing)
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for directory in sys.argv[1:]:
    for report in glob.glob(os.path.join(directory, "TEST-*.xml")):
        for case in ET.parse(report).getroot().iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
print(passed, failed, skipped)
